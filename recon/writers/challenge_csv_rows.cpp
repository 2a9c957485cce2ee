#include "recon/writers/challenge_csv_rows.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "parsers/fatal_error.hpp"

namespace recon {

MappedChallengeCsv::MappedChallengeCsv(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat st {};
  if (fd < 0 || ::fstat(fd, &st) != 0) {
    const std::string why = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    throw FatalError("cannot read " + path.string() + ": " + why);
  }
  size_ = static_cast<std::size_t>(st.st_size);
  if (size_ > 0) {
    void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      const std::string why = std::strerror(errno);
      ::close(fd);
      throw FatalError("cannot map " + path.string() + ": " + why);
    }
    ::madvise(p, size_, MADV_SEQUENTIAL);
    data_ = static_cast<const char*>(p);
  }
  ::close(fd);  // the mapping stays valid
}

MappedChallengeCsv::~MappedChallengeCsv() {
  if (data_) ::munmap(const_cast<char*>(data_), size_);
}

std::size_t csv_record_end(std::string_view text, std::size_t begin) {
  bool quoted = false;  // a "" pair inside quotes leaves and re-enters: the state comes out right
  for (std::size_t i = begin; i < text.size(); ++i) {
    const char ch = text[i];
    if (ch == '"')
      quoted = !quoted;
    else if (ch == '\n' && !quoted)
      return i;
  }
  return text.size();
}

namespace {
// The field starting at `pos` (just after a comma, or at 0) appended unquoted to `out`; returns the position
// after it (at a comma or the end).
std::size_t read_field(std::string_view record, std::size_t pos, std::string& out) {
  if (pos < record.size() && record[pos] == '"') {
    ++pos;
    while (pos < record.size()) {
      if (record[pos] != '"') {
        out += record[pos++];
      } else if (pos + 1 < record.size() && record[pos + 1] == '"') {
        out += '"';
        pos += 2;
      } else {
        ++pos;  // the closing quote
        break;
      }
    }
  }
  while (pos < record.size() && record[pos] != ',') out += record[pos++];  // unquoted (or after the quotes)
  return pos;
}
}  // namespace

std::vector<std::string> split_csv_record(std::string_view record) {
  std::vector<std::string> fields;
  std::size_t pos = 0;
  for (;;) {
    fields.emplace_back();
    pos = read_field(record, pos, fields.back());
    if (pos >= record.size()) break;
    ++pos;  // the comma
  }
  return fields;
}

std::string csv_field_of(std::string_view record, std::size_t index) {
  std::size_t pos = 0;
  for (std::size_t k = 0; k < index; ++k) {
    std::string skipped;
    pos = read_field(record, pos, skipped);
    if (pos >= record.size()) return "";
    ++pos;
  }
  std::string field;
  read_field(record, pos, field);
  return field;
}

}  // namespace recon
