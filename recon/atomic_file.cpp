#include "recon/atomic_file.hpp"

#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "parsers/fatal_error.hpp"

namespace recon {

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  temp_ = path_ + ".tmp-" + std::to_string(::getpid());
  f_ = std::fopen(temp_.c_str(), "wb");
  if (!f_) throw FatalError("cannot write " + temp_ + ": " + std::strerror(errno));
}

AtomicFile::~AtomicFile() {
  if (f_) {
    std::fclose(f_);
    std::remove(temp_.c_str());
  }
}

void AtomicFile::write(std::string_view s) {
  buf_.append(s);
  if (buf_.size() >= (1u << 20)) {
    if (std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size())
      throw FatalError("cannot write " + temp_ + ": " + std::strerror(errno));
    buf_.clear();
  }
}

void AtomicFile::commit() {
  bool ok = std::fwrite(buf_.data(), 1, buf_.size(), f_) == buf_.size();
  ok = (std::fclose(f_) == 0) && ok;
  f_ = nullptr;
  if (!ok || std::rename(temp_.c_str(), path_.c_str()) != 0) {
    std::remove(temp_.c_str());
    throw FatalError("cannot write " + path_ + ": " + std::strerror(errno));
  }
}

namespace {
// Which bytes need work, as tables: the writers escape every reason and evidence text of every challenge, so
// the common case (nothing to escape) is a table scan and one append, not a branch and an append per byte.
constexpr std::array<bool, 256> table_of(std::string_view specials, bool control_chars) {
  std::array<bool, 256> t{};
  for (char c : specials) t[static_cast<unsigned char>(c)] = true;
  if (control_chars)
    for (int c = 0; c < 0x20; ++c) t[c] = true;
  return t;
}
constexpr std::array<bool, 256> kCsvQuoteIf = table_of(",\"\r\n", false);
constexpr std::array<bool, 256> kJsonEscape = table_of("\"\\", true);

std::size_t first_of(std::string_view s, std::size_t from, const std::array<bool, 256>& table) {
  while (from < s.size() && !table[static_cast<unsigned char>(s[from])]) ++from;
  return from;
}
}  // namespace

void append_csv_field(std::string& out, std::string_view s) {
  if (first_of(s, 0, kCsvQuoteIf) == s.size()) {
    out.append(s);
    return;
  }
  out += '"';
  for (std::size_t at = 0;;) {  // copy up to and including each quote, then double it
    const std::size_t quote = s.find('"', at);
    if (quote == std::string_view::npos) {
      out.append(s.substr(at));
      break;
    }
    out.append(s.substr(at, quote + 1 - at));
    out += '"';
    at = quote + 1;
  }
  out += '"';
}

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (std::size_t at = 0;;) {
    const std::size_t special = first_of(s, at, kJsonEscape);
    out.append(s.substr(at, special - at));
    if (special == s.size()) break;
    const char c = s[special];
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(c));
        out += buf;
      }
    }
    at = special + 1;
  }
  out += '"';
}

std::string csv_field(std::string_view s) {
  std::string out;
  append_csv_field(out, s);
  return out;
}

std::string json_string(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

}  // namespace recon
