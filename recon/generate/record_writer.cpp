#include "recon/generate/record_writer.hpp"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <stdexcept>

namespace recon::generate {

namespace {
constexpr std::size_t kBufferSize = 1 << 20;
}

RecordWriter::RecordWriter(const std::filesystem::path& path, OutputFormat format,
                           std::span<const std::string_view> columns, char delimiter)
    : path_(path), format_(format), delimiter_(delimiter), buffer_(kBufferSize) {
  for (auto c : columns) columns_.emplace_back(c);
  file_ = std::fopen(path.string().c_str(), "wb");
  if (file_ == nullptr)
    throw std::runtime_error("cannot create " + path.string() + ": " + std::strerror(errno));
  if (format_ == OutputFormat::csv) {
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      if (i > 0) put_char(delimiter_);
      put(columns_[i]);
    }
    put_char('\n');
  }
}

RecordWriter::~RecordWriter() {
  if (file_ != nullptr) {
    try {
      close();
    } catch (...) {
      // Destructors must not throw; callers that care about errors call close() themselves.
    }
  }
}

void RecordWriter::begin_row() {
  column_ = 0;
  wrote_key_ = false;
  if (format_ == OutputFormat::ndjson) put_char('{');
}

void RecordWriter::next_key(bool& wrote_any) {
  if (wrote_any) put_char(',');
  wrote_any = true;
  put_char('"');
  put(columns_[column_]);
  put("\":");
}

void RecordWriter::field(std::string_view value) {
  if (format_ == OutputFormat::csv) {
    if (column_ > 0) put_char(delimiter_);
    if (!value.empty()) write_csv_value(value);
  } else if (!value.empty()) {
    next_key(wrote_key_);
    write_json_string(value);
  }
  ++column_;
}

void RecordWriter::number_field(std::string_view value) {
  if (format_ == OutputFormat::csv || value.empty()) {
    field(value);
    return;
  }
  next_key(wrote_key_);
  put(value);
  ++column_;
}

void RecordWriter::integer_field(std::int64_t value) {
  char text[24];
  const auto result = std::to_chars(text, text + sizeof text, value);
  field(std::string_view(text, static_cast<std::size_t>(result.ptr - text)));
}

void RecordWriter::end_row() {
  if (format_ == OutputFormat::csv) {
    // Columns not written are empty fields, so every CSV record has the header's field count.
    if (column_ == 0) column_ = 1;
    while (column_ < columns_.size()) {
      put_char(delimiter_);
      ++column_;
    }
  } else {
    put_char('}');
  }
  put_char('\n');
  ++rows_;
}

void RecordWriter::end_truncated_row() {
  put_char('\n');
  ++rows_;
}

void RecordWriter::write_csv_value(std::string_view value) {
  bool needs_quotes = false;
  for (char c : value) needs_quotes |= c == delimiter_ || c == '"' || c == '\n' || c == '\r';
  if (!needs_quotes) {
    put(value);
    return;
  }
  put_char('"');
  for (char c : value) {
    if (c == '"') put_char('"');
    put_char(c);
  }
  put_char('"');
}

void RecordWriter::write_json_string(std::string_view value) {
  put_char('"');
  for (char c : value) {
    switch (c) {
      case '"':
        put("\\\"");
        break;
      case '\\':
        put("\\\\");
        break;
      case '\n':
        put("\\n");
        break;
      case '\r':
        put("\\r");
        break;
      case '\t':
        put("\\t");
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          constexpr char kHex[] = "0123456789abcdef";
          put("\\u00");
          put_char(kHex[(c >> 4) & 0xF]);
          put_char(kHex[c & 0xF]);
        } else {
          put_char(c);
        }
    }
  }
  put_char('"');
}

void RecordWriter::put_slow(std::string_view text) {
  flush();
  if (text.size() > buffer_.size()) {
    if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) {
      throw std::runtime_error("write failed: " + path_.string());
    }
    return;
  }
  std::memcpy(buffer_.data() + used_, text.data(), text.size());
  used_ += text.size();
}

void RecordWriter::flush() {
  if (used_ == 0) return;
  if (std::fwrite(buffer_.data(), 1, used_, file_) != used_)
    throw std::runtime_error("write failed: " + path_.string());
  used_ = 0;
}

void RecordWriter::close() {
  if (file_ == nullptr) return;
  flush();
  const bool failed = std::fclose(file_) != 0;
  file_ = nullptr;
  if (failed) throw std::runtime_error("write failed: " + path_.string());
}

}  // namespace recon::generate
