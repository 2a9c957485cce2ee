#include "parsers/national/cc_bands_from_names.hpp"

#include <cctype>
#include <string>

#include "parsers/fatal_error.hpp"

namespace recon::national {
namespace {

// The open end of "11+": recon's hrg_cc_bands MAX_SCORE for "and above" (as samples/reference writes it).
constexpr int kOpenMax = 999;

int read_int(std::string_view s, std::size_t& i) {
  int v = 0;
  std::size_t start = i;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && i - start < 4)
    v = v * 10 + (s[i++] - '0');
  return i == start ? -1 : v;
}

}  // namespace

std::optional<CcBandRange> cc_band_from_name(std::string_view name, std::string& error) {
  error.clear();
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::size_t at = lower.find("cc score");
  if (at == std::string::npos) return std::nullopt;
  std::string_view rest = std::string_view(name).substr(at + 8);
  std::size_t i = 0;
  while (i < rest.size() && rest[i] == ' ') ++i;
  CcBandRange band;
  band.min_score = read_int(rest, i);
  if (band.min_score < 0) {
    error = "'CC Score' is not followed by a score";
    return std::nullopt;
  }
  band.max_score = band.min_score;
  while (i < rest.size() && rest[i] == ' ') ++i;
  if (i < rest.size() && rest[i] == '+') {
    band.max_score = kOpenMax;
    ++i;
  } else if (i < rest.size() && (rest[i] == '-' || rest.substr(i).starts_with("\xE2\x80\x93"))) {
    i += rest[i] == '-' ? 1 : 3;  // a hyphen or an en dash
    while (i < rest.size() && rest[i] == ' ') ++i;
    band.max_score = read_int(rest, i);
    if (band.max_score < band.min_score) {
      error = "the CC score range is not low-high";
      return std::nullopt;
    }
  }
  // What follows must end the score: the end, or punctuation / a word boundary (", with ...", ")").
  if (i < rest.size() && std::isalnum(static_cast<unsigned char>(rest[i]))) {
    error = "the CC score is followed by '" + std::string(rest.substr(i, 8)) + "'";
    return std::nullopt;
  }
  return band;
}

OutputTable cc_bands_from_hrg_names(const OutputTable& tariff_apc, ConversionReport& report) {
  OutputTable out{"hrg_cc_bands", {"HRG", "MIN_SCORE", "MAX_SCORE"}, {}};
  std::size_t without = 0;
  for (const auto& row : tariff_apc.rows) {
    std::string error;
    std::optional<CcBandRange> band = cc_band_from_name(row[1], error);
    if (!error.empty())
      throw FatalError("tariff_apc HRG " + row[0] + " name '" + row[1] + "': " + error +
                       " (cannot derive its CC band; supply hrg_cc_bands.csv instead)");
    if (!band) {
      ++without;
      continue;
    }
    out.rows.push_back({row[0], std::to_string(band->min_score), std::to_string(band->max_score)});
  }
  report.derived.push_back("hrg_cc_bands: from the HRG names ('with CC Score 4-6', '11+' as 11-999, '0'): " +
                           std::to_string(out.rows.size()) + " HRGs; " + std::to_string(without) +
                           " HRG names state no CC band");
  return out;
}

}  // namespace recon::national
