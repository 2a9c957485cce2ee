// Column names of every file the generator writes, in the order they are written. The activity files
// carry the contract's columns plus COMMENT, a free-text column recon ignores (it holds the rows that
// exercise RFC 4180 quoting).
#pragma once

#include <span>
#include <string_view>

namespace recon::generate {

std::span<const std::string_view> apc_columns();
std::span<const std::string_view> op_columns();
std::span<const std::string_view> ae_columns();
std::span<const std::string_view> register_columns();
std::span<const std::string_view> referral_columns();
std::span<const std::string_view> condition_columns();
std::span<const std::string_view> truth_columns();

}  // namespace recon::generate
