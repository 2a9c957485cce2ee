#include "parsers/csv_tokenizer.hpp"

#include <cstring>

namespace recon::csv {

bool Tokenizer::next(Record& rec) {
  rec.fields.clear();
  rec.error = {};
  // Skip blank lines (LF or CRLF).
  while (p_ < end_ && (*p_ == '\n' || (*p_ == '\r' && p_ + 1 < end_ && p_[1] == '\n'))) {
    p_ += (*p_ == '\r') ? 2 : 1;
    ++line_;
  }
  if (p_ >= end_) return false;
  rec.line = line_;
  for (;;) {
    if (p_ < end_ && *p_ == '"') {
      // Quoted field: unescape "" in place; embedded newlines are kept (and counted).
      char* out = ++p_;
      char* start = out;
      bool closed = false;
      while (p_ < end_) {
        char c = *p_++;
        if (c == '"') {
          if (p_ < end_ && *p_ == '"') {
            *out++ = '"';
            ++p_;
            continue;
          }
          closed = true;
          break;
        }
        if (c == '\n') ++line_;
        *out++ = c;
      }
      rec.fields.emplace_back(start, static_cast<std::size_t>(out - start));
      if (!closed) {
        rec.error = "unterminated quoted field";
        return true;
      }
      if (p_ < end_ && *p_ == '\r' && p_ + 1 < end_ && p_[1] == '\n') ++p_;
      if (p_ >= end_) return true;
      if (*p_ == ',') {
        ++p_;
        continue;
      }
      if (*p_ == '\n') {
        ++p_;
        ++line_;
        return true;
      }
      // Text after a closing quote: malformed; skip to the end of the record so parsing resynchronises.
      rec.error = "unexpected character after closing quote";
      while (p_ < end_ && *p_ != '\n') ++p_;
      if (p_ < end_) ++p_, ++line_;
      return true;
    }
    // Unquoted field: runs to the next comma or newline (a stray quote inside is kept literally).
    char* start = p_;
    while (p_ < end_ && *p_ != ',' && *p_ != '\n') ++p_;
    char* stop = p_;
    if (p_ >= end_ || *p_ == '\n') {
      if (stop > start && stop[-1] == '\r') --stop;
      rec.fields.emplace_back(start, static_cast<std::size_t>(stop - start));
      if (p_ < end_) ++p_, ++line_;
      return true;
    }
    rec.fields.emplace_back(start, static_cast<std::size_t>(stop - start));
    ++p_;  // comma
    if (p_ >= end_) {
      rec.fields.emplace_back();  // trailing comma at end of data: one last empty field
      return true;
    }
  }
}

std::size_t find_cut(const char* data, std::size_t size, std::size_t max_quoted_bytes) {
  // Jumps from quote to quote with memchr (SIMD in glibc) instead of a byte-by-byte state machine: outside
  // quotes every newline ends a record; a quote opens a quoted field only at the start of a field, exactly as
  // in Tokenizer::next (elsewhere it is a literal character).
  std::size_t pos = 0, last_cut = 0, record_start = 0;
  auto forced_cut = [&]() -> std::size_t {  // broken quote: cut after its record's first physical line
    const void* nl = std::memchr(data + record_start, '\n', size - record_start);
    return nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - data) + 1 : last_cut;
  };
  for (;;) {
    const char* q = static_cast<const char*>(std::memchr(data + pos, '"', size - pos));
    const std::size_t qpos = q ? static_cast<std::size_t>(q - data) : size;
    if (const void* nl = memrchr(data + pos, '\n', qpos - pos)) {
      last_cut = record_start = static_cast<std::size_t>(static_cast<const char*>(nl) - data) + 1;
    }
    if (!q) return last_cut;
    if (qpos > 0 && data[qpos - 1] != ',' && data[qpos - 1] != '\n') {
      pos = qpos + 1;  // a literal quote inside an unquoted field
      continue;
    }
    std::size_t i = qpos + 1;
    for (;;) {  // find the closing quote, skipping "" escapes
      const char* close = static_cast<const char*>(std::memchr(data + i, '"', size - i));
      const std::size_t c = close ? static_cast<std::size_t>(close - data) : size;
      if (c - qpos > max_quoted_bytes) return forced_cut();
      if (!close || c + 1 == size)
        return last_cut;  // the field (or an escape pair) continues past the buffer
      if (data[c + 1] == '"') {
        i = c + 2;
        continue;
      }
      pos = c + 1;
      break;
    }
  }
}

}  // namespace recon::csv
