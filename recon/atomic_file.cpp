#include "recon/atomic_file.hpp"

#include <unistd.h>

#include <cerrno>
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

void append_csv_field(std::string& out, std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(s);
    return;
  }
  out += '"';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
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
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
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
