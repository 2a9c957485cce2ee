#include "parsers/ingest.hpp"

#include <fcntl.h>
#include <simdjson.h>
#include <sys/stat.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <utility>

#include "parsers/count_byte.hpp"
#include "parsers/csv_tokenizer.hpp"
#include "parsers/fatal_error.hpp"

namespace recon {

Format format_from_path(std::string_view path) {
  for (std::string_view ext : {".ndjson", ".jsonl", ".json", ".NDJSON", ".JSONL", ".JSON"})
    if (path.ends_with(ext)) return Format::kNdjson;
  return Format::kCsv;
}

namespace {

// Chunk buffers are recycled: a fresh multi-megabyte allocation per chunk costs page faults and the
// kernel's zeroing of every page, which showed up as the largest single item in the profile.
class BufferPool {
 public:
  explicit BufferPool(std::size_t capacity) : capacity_(capacity) {}
  std::size_t capacity() const { return capacity_; }
  std::unique_ptr<char[]> get() {
    {
      std::lock_guard lock(mu_);
      if (!free_.empty()) {
        auto b = std::move(free_.back());
        free_.pop_back();
        return b;
      }
    }
    return std::unique_ptr<char[]>(new char[capacity_]);  // not zeroed: every byte used is written first
  }
  void put(std::unique_ptr<char[]> buffer, std::size_t capacity) {
    if (capacity != capacity_) return;  // an oversized one-off buffer (a very long record) is just freed
    std::lock_guard lock(mu_);
    free_.push_back(std::move(buffer));
  }

 private:
  std::size_t capacity_;
  std::mutex mu_;
  std::vector<std::unique_ptr<char[]>> free_;
};

// A byte buffer: [0, size) holds data; capacity >= size + SIMDJSON_PADDING always.
struct Buffer {
  std::unique_ptr<char[]> data;
  std::size_t size = 0, capacity = 0;
};

// A run of whole records [0, size) at the front of a buffer; the bytes after it (at least SIMDJSON_PADDING
// of them) are readable, as simdjson requires. Returns its buffer to the pool when done.
struct Chunk {
  Buffer buffer;
  std::size_t size = 0;
  std::uint64_t first_line = 0;
  BufferPool* pool = nullptr;
  char* data() { return buffer.data.get(); }
  std::size_t capacity() const { return buffer.capacity; }
  ~Chunk() {
    if (pool && buffer.data) pool->put(std::move(buffer.data), buffer.capacity);
  }
};

// Parsed chunk travelling to the serial merge stage.
struct Parsed {
  std::unique_ptr<ChunkWork> work;
  std::uint64_t rows = 0;
};

// Reads the file in fixed-size blocks straight into pooled buffers and hands out chunks cut at record
// boundaries; the partial record after the cut is copied to the front of the next buffer.
class ChunkReader {
 public:
  ChunkReader(const InputFile& file, Format format, const IngestOptions& options)
      : path_(file.path),
        format_(format),
        options_(options),
        fd_(::open(file.path.c_str(), O_RDONLY)),
        block_bytes_(block_bytes_for(fd_, options.chunk_bytes)),
        pool_(std::max(block_bytes_, kSmallestBuffer) + simdjson::SIMDJSON_PADDING),
        dialect_{'\n', options.max_quoted_bytes} {
    if (fd_ < 0) throw FatalError("cannot open " + file.path + ": " + std::strerror(errno));
    pending_ = Buffer{pool_.get(), 0, pool_.capacity()};
    if (options.digest) {
      digest_ = XXH64_createState();
      XXH64_reset(digest_, 0);
    }
  }
  ~ChunkReader() {
    if (fd_ >= 0) ::close(fd_);
    XXH64_freeState(digest_);
  }
  ChunkReader(const ChunkReader&) = delete;
  ChunkReader& operator=(const ChunkReader&) = delete;

  // Makes sure the pending bytes hold the first line and the byte after its end (or the whole file), then
  // works out the file's line ending from it; used for headers.
  void fill_first_record() {
    for (;;) {
      const std::size_t end = pending().find_first_of("\r\n");
      if (eof_ || (end != std::string_view::npos && end + 1 < pending_.size)) break;
      read_more(header_target());
    }
    if (pending().starts_with("\xEF\xBB\xBF")) consume_pending(3, 0);  // UTF-8 BOM
    if (format_ == Format::kCsv) dialect_.newline = csv::detect_newline(pending(), eof_);
  }
  const csv::Dialect& dialect() const { return dialect_; }
  void set_delimiter(char delimiter) { dialect_.delimiter = delimiter; }
  bool at_eof() const { return eof_; }
  std::string_view pending() const { return {pending_.data.get(), pending_.size}; }
  void consume_pending(std::size_t n, std::uint64_t lines) {
    std::memmove(pending_.data.get(), pending_.data.get() + n, pending_.size - n);
    pending_.size -= n;
    line_ += lines;
  }
  std::uint64_t bytes_read() const { return bytes_; }
  // The XXH64 of every byte read, with IngestOptions::digest (the whole file once at_eof()).
  std::optional<std::uint64_t> digest() const {
    return digest_ ? std::optional<std::uint64_t>(XXH64_digest(digest_)) : std::nullopt;
  }
  // Reads one more block onto the pending bytes; false at end of file (nothing more to read).
  bool read_more_for_header() {
    if (eof_) return false;
    read_more(header_target());
    return true;
  }

  // The next chunk of whole records, or nullptr at end of file.
  std::unique_ptr<Chunk> next() {
    std::size_t want = block_bytes_;
    for (;;) {
      if (pending_.size < want && !eof_) read_more(want);
      if (pending_.size == 0) return nullptr;
      const std::size_t cut = eof_ ? pending_.size : find_record_cut();
      if (cut == 0) {  // one record longer than the buffer: read more
        want = pending_.size * 2;
        continue;
      }
      // The chunk takes the whole buffer; the bytes after the cut move to a fresh one.
      Buffer rest{pool_.get(), 0, pool_.capacity()};
      const std::size_t tail = pending_.size - cut;
      if (tail + simdjson::SIMDJSON_PADDING > rest.capacity) rest = oversized(tail);
      std::memcpy(rest.data.get(), pending_.data.get() + cut, tail);
      rest.size = tail;
      std::memset(pending_.data.get() + pending_.size, 0, simdjson::SIMDJSON_PADDING);
      auto chunk = std::make_unique<Chunk>();
      chunk->size = cut;
      chunk->first_line = line_;
      chunk->pool = &pool_;
      line_ += count_byte(pending_.data.get(), cut, dialect_.newline);
      chunk->buffer = std::exchange(pending_, std::move(rest));
      return chunk;
    }
  }

 private:
  // Buffers are never smaller than this, whatever the chunk size: with a tiny chunk (the fuzzers' 1-32
  // bytes, the tests' small IngestOptions::chunk_bytes) a record longer than the chunk would otherwise take a
  // fresh buffer, not a pooled one, at every step of reading it. Only the capacity changes: the reads, and so
  // the cuts, still follow the chunk size.
  static constexpr std::size_t kSmallestBuffer = 16 * 1024;

  // A header is looked at again from its start after each read, so the bytes held at least double each
  // time: a header far longer than the chunk (a file with no line ending, a tiny --chunk-mb) costs a
  // linear scan, not one per chunk read.
  std::size_t header_target() const { return pending_.size + std::max(pending_.size, block_bytes_); }

  // The chunk size, or less for a file smaller than a chunk: a practice file of a few kilobytes need not
  // take a whole chunk's buffers (one more byte than the file, so that its end is seen in one read).
  static std::size_t block_bytes_for(int fd, std::size_t chunk_bytes) {
    struct stat st {};
    if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return chunk_bytes;
    return std::min(chunk_bytes, static_cast<std::size_t>(st.st_size) + 1);
  }

  static Buffer oversized(std::size_t size) {
    const std::size_t cap = size + simdjson::SIMDJSON_PADDING;
    return Buffer{std::unique_ptr<char[]>(new char[cap]), 0, cap};
  }

  std::size_t find_record_cut() const {
    if (format_ == Format::kCsv) return csv::find_cut(pending_.data.get(), pending_.size, dialect_);
    const void* nl = memrchr(pending_.data.get(), '\n', pending_.size);  // JSON strings hold no raw newline
    return nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - pending_.data.get()) + 1 : 0;
  }

  // Reads until the pending bytes reach `target` (or end of file), growing the buffer if it must.
  void read_more(std::size_t target) {
    if (target + simdjson::SIMDJSON_PADDING > pending_.capacity) {
      Buffer bigger = oversized(target);
      std::memcpy(bigger.data.get(), pending_.data.get(), pending_.size);
      bigger.size = pending_.size;
      pool_.put(std::move(pending_.data), pending_.capacity);
      pending_ = std::move(bigger);
    }
    std::size_t got = 0;
    while (pending_.size < target) {
      ssize_t r = ::read(fd_, pending_.data.get() + pending_.size, target - pending_.size);
      if (r < 0) {
        if (errno == EINTR) continue;
        throw FatalError("cannot read " + path_ + ": " + std::strerror(errno));
      }
      if (r == 0) {
        eof_ = true;
        break;
      }
      // Hashed while the bytes are still in cache from the copy.
      if (digest_) XXH64_update(digest_, pending_.data.get() + pending_.size, static_cast<std::size_t>(r));
      pending_.size += static_cast<std::size_t>(r);
      got += static_cast<std::size_t>(r);
    }
    bytes_ += got;
    if (options_.on_progress && got) options_.on_progress(got);
  }

  std::string path_;
  Format format_;
  const IngestOptions& options_;
  int fd_ = -1;
  std::size_t block_bytes_;  // how much is read for a chunk (the chunk size, less for a small file)
  BufferPool pool_;          // declared before pending_: outlives every chunk's buffer
  bool eof_ = false;
  Buffer pending_;
  std::uint64_t line_ = 1;
  std::uint64_t bytes_ = 0;
  XXH64_state_t* digest_ = nullptr;
  csv::Dialect dialect_;  // NDJSON uses only its newline ('\n')
};

std::string trim_copy(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

[[gnu::noinline]] std::string_view trim_padding(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Every value of every row is trimmed. Nearly every one is empty or starts and ends with a byte above the
// space: one test each, inline; only the rest go through the exact tests, out of line.
inline std::string_view trim_view(std::string_view s) {
  if (s.empty() ||
      (static_cast<unsigned char>(s.front()) > ' ' && static_cast<unsigned char>(s.back()) > ' '))
    return s;
  return trim_padding(s);
}

// A column name as it may be shown to the user (terminal, run_summary.json): cut to a sane length, with
// anything that is not printable ASCII replaced, so that a data row taken for a header can never be printed.
std::string shown_column_name(std::string_view name) {
  constexpr std::size_t kMaxShown = 48;
  std::string out;
  for (char c : name.substr(0, kMaxShown)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  if (name.size() > kMaxShown) out += "...";
  return out;
}

// A header cell that holds digits and no letter (an NHS number, a date, a price) is a data value: the file
// has no header row, or its first line is broken. Column names always hold a letter.
bool looks_like_data(std::string_view name) {
  bool digit = false;
  for (char c : name) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return false;
    digit = digit || (c >= '0' && c <= '9');
  }
  return digit;
}

// Maps a file's column names onto schema fields, with the user's renames; fatal on missing/duplicate columns.
class HeaderMap {
 public:
  HeaderMap(const Schema& schema, const ColumnMapping* mapping) : schema_(schema), mapping_(mapping) {}
  int field_of(std::string_view name) const {
    std::string resolved =
        mapping_ ? mapping_->resolve(schema_.dataset, trim_copy(name)) : to_upper(trim_copy(name));
    return schema_.index_of(resolved);
  }
  // `where`: the file, and for CSV its header's line; `how_read`: for CSV, how the header split into columns
  // and whether another delimiter would split it into more (csv::HeaderSplit::describe).
  void check_required(const std::vector<bool>& present, const std::string& where,
                      const std::string& how_read = {}) const {
    std::string missing;
    for (std::size_t i = 0; i < schema_.fields.size(); ++i)
      if (schema_.fields[i].required && !present[i])
        missing += (missing.empty() ? "" : ", ") + schema_.fields[i].name;
    if (!missing.empty())
      throw FatalError(where + ": missing required column(s) " + missing + " for dataset '" +
                       schema_.dataset + "' (" + (how_read.empty() ? "" : how_read + "; ") +
                       "see docs/data_contract.md, or rename columns with --column-map)");
  }

 private:
  const Schema& schema_;
  const ColumnMapping* mapping_;
};

class CsvParser {
 public:
  CsvParser(const Schema& schema, std::vector<int> column_to_field, std::size_t header_width,
            csv::Dialect dialect)
      : column_to_field_(std::move(column_to_field)),
        header_width_(header_width),
        dialect_(dialect),
        rows_(std::vector<std::string_view>(schema.fields.size())) {}

  std::uint64_t parse(Chunk& chunk, std::uint32_t file, RowSink& sink, ChunkWork& work) const {
    csv::Tokenizer tok(chunk.data(), chunk.size, chunk.first_line, dialect_);
    thread_local csv::FieldEnds field_ends;  // its memory reused from chunk to chunk
    field_ends.build(chunk.data(), chunk.size, dialect_.delimiter, dialect_.newline);
    tok.use_field_ends(&field_ends);
    // The record and the row are kept per thread from chunk to chunk: with the fuzzers' 1-32 byte chunks,
    // allocating and zeroing the row for every chunk was about 15% of an execution under ASan.
    csv::Record& rec = records_.local();
    std::vector<std::string_view>& values = rows_.local();
    std::uint64_t rows = 0;
    while (tok.next(rec)) {
      ++rows;
      SourcePos pos{file, rec.line};
      if (!rec.error.empty()) {
        sink.malformed(work, pos, std::string(rec.error));
        continue;
      }
      if (rec.fields.size() != header_width_) {
        sink.malformed(work, pos,
                       "has " + std::to_string(rec.fields.size()) + " fields, header has " +
                           std::to_string(header_width_));
        continue;
      }
      // No clearing between rows (see rows_): a repeated column is a fatal error. Through local pointers:
      // with the vectors' own, their ends were loaded again after every value stored.
      const std::string_view* const fields = rec.fields.data();
      const int* const field_of_column = column_to_field_.data();
      std::string_view* const row_values = values.data();
      for (std::size_t c = 0, n = rec.fields.size(); c < n; ++c)
        if (const int f = field_of_column[c]; f >= 0)
          row_values[static_cast<std::size_t>(f)] = trim_view(fields[c]);
      sink.row(work, FieldRow{values, pos});
    }
    return rows;
  }

 private:
  std::vector<int> column_to_field_;
  std::size_t header_width_;
  csv::Dialect dialect_;
  mutable tbb::enumerable_thread_specific<csv::Record> records_;
  // One value per schema field. Never cleared between rows: each field is mapped from at most one column
  // and every row has every column, so a mapped field is always overwritten and an unmapped one stays empty.
  mutable tbb::enumerable_thread_specific<std::vector<std::string_view>> rows_;
};

// Key -> schema field, per thread. Producers write every object's keys in much the same order, so the key at
// each position is first compared with the few seen there before: short compares instead of hashing.
// Producers that leave out empty fields shift the later keys, so a position sees a handful of keys; a miss
// falls back to a lookup by name that neither allocates nor copies (heterogeneous lookup), and the position
// remembers the new key.
class KeyCache {
  // a[0, n) == b[0, n), for sizeof(Word) <= n <= 2 * sizeof(Word): the first and the last Word of each.
  template <class Word>
  static bool same_first_and_last(const char* a, const char* b, std::size_t n) {
    Word a_first, a_last, b_first, b_last;
    std::memcpy(&a_first, a, sizeof(Word));
    std::memcpy(&a_last, a + n - sizeof(Word), sizeof(Word));
    std::memcpy(&b_first, b, sizeof(Word));
    std::memcpy(&b_last, b + n - sizeof(Word), sizeof(Word));
    return ((a_first ^ b_first) | (a_last ^ b_last)) == 0;
  }
  // Equal keys, compared with two loads per key that together cover it (they overlap when it is shorter
  // than twice their width) instead of a call to memcmp: every key of every line is compared here, and
  // field names are a few bytes to a few dozen (memcmp was 3% of an NDJSON run).
  static bool same_key(std::string_view a, std::string_view b) {
    const std::size_t n = a.size();
    if (n != b.size()) return false;
    if (n >= 8 && n <= 16) return same_first_and_last<std::uint64_t>(a.data(), b.data(), n);
    if (n >= 4 && n < 8) return same_first_and_last<std::uint32_t>(a.data(), b.data(), n);
    return n == 0 || std::memcmp(a.data(), b.data(), n) == 0;
  }

 public:
  int field_of(std::size_t position, std::string_view key, const HeaderMap& header) {
    if (position >= kPositions) return by_name(key, header)->second;
    if (position >= by_position_.size()) by_position_.resize(position + 1);
    Ways& ways = by_position_[position];
    for (std::size_t w = 0; w < ways.used; ++w)
      if (same_key(ways.names[w], key)) return ways.ids[w];
    const auto it = by_name(key, header);
    const std::size_t w = ways.used < kWays ? ways.used++ : ways.next++ % kWays;
    ways.names[w] = it->first;
    ways.ids[w] = it->second;
    return it->second;
  }

 private:
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using ByName = std::unordered_map<std::string, int, KeyHash, std::equal_to<>>;
  ByName::const_iterator by_name(std::string_view key, const HeaderMap& header) {
    auto it = by_name_.find(key);
    if (it == by_name_.end()) it = by_name_.emplace(std::string(key), header.field_of(key)).first;
    return it;
  }
  // Positions past this (more fields than any extract layout has: the HES APC extract has 193) are not
  // cached: a line of a million keys must not make a million caches.
  static constexpr std::size_t kPositions = 1024;
  // On the generated 1M-row extracts one key per position missed 1.5M of 17.6M look-ups (each miss a hash
  // and a map look-up), four keys 182k, eight 195 (the first line of each layout).
  static constexpr std::size_t kWays = 8;
  struct Ways {
    std::array<std::string_view, kWays> names{};  // views of by_name_'s keys (node-stable)
    std::array<int, kWays> ids{};
    std::uint8_t used = 0, next = 0;  // next: the way to replace when all are used (256 is a multiple of 8)
  };
  ByName by_name_;
  std::vector<Ways> by_position_;
};

class NdjsonParser {
 public:
  NdjsonParser(const Schema& schema, const HeaderMap& header)
      : schema_(schema), header_(header), rows_(std::vector<std::string_view>(schema.fields.size())) {}

  std::uint64_t parse(Chunk& chunk, std::uint32_t file, RowSink& sink, ChunkWork& work) {
    simdjson::dom::parser& parser = parsers_.local();
    std::string& numbers = numbers_.local();
    auto& cache = key_cache_.local();
    std::vector<std::string_view>& values = rows_.local();  // kept from chunk to chunk, as for CSV
    std::uint64_t rows = 0, line = chunk.first_line;
    const char* p = chunk.data();
    const char* end = p + chunk.size;
    const char* capacity_end = chunk.data() + chunk.capacity();
    for (; p < end; ++line) {
      const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
      const char* line_end = nl ? nl : end;
      std::string_view text = trim_view({p, static_cast<std::size_t>(line_end - p)});
      const char* text_begin = text.data();
      p = nl ? nl + 1 : end;
      if (text.empty()) continue;
      ++rows;
      SourcePos pos{file, line};
      std::fill(values.begin(), values.end(), std::string_view{});
      std::string error = parse_object(parser, cache, text_begin, text.size(),
                                       static_cast<std::size_t>(capacity_end - text_begin), values, numbers);
      if (!error.empty()) {
        sink.malformed(work, pos, std::move(error));
        continue;
      }
      sink.row(work, FieldRow{values, pos});
    }
    return rows;
  }

  // The field names of a line holding a JSON object (the NDJSON stand-in for a header row); nothing if the
  // line is not one.
  static std::optional<std::vector<std::string>> object_keys(std::string_view text) {
    simdjson::dom::parser parser;
    simdjson::dom::object obj;
    if (parser.parse(text.data(), text.size()).get_object().get(obj)) return std::nullopt;
    std::vector<std::string> keys;
    for (simdjson::dom::key_value_pair kv : obj) keys.emplace_back(kv.key);
    return keys;
  }

 private:
  // The DOM API, which validates the whole line before any value is read, so a line is accepted or rejected
  // as a whole (the reject reasons and the NDJSON fuzzing rest on that). On Demand, which validates only what
  // it visits, took a line about 20% faster with Debian's libsimdjson (bench/simdjson_api.sh; both index the
  // line with the kernel chosen at run time), but parsing is about a tenth of an NDJSON run: ~2% of the run.
  std::string parse_object(simdjson::dom::parser& parser, KeyCache& cache, const char* text, std::size_t len,
                           std::size_t capacity, std::vector<std::string_view>& values,
                           std::string& numbers) const {
    using namespace simdjson;
    (void)capacity;  // the chunk buffer is padded with SIMDJSON_PADDING zero bytes past its end
    dom::element doc;
    if (auto e = parser.parse(reinterpret_cast<const std::uint8_t*>(text), len, false).get(doc))
      return std::string("invalid JSON: ") + error_message(e);
    dom::object obj;
    if (doc.get_object().get(obj)) return "line is not a JSON object";
    numbers.clear();
    numbers.reserve(obj.size() * 24);  // views into it must stay valid: no reallocation below
    std::size_t position = 0;
    for (dom::key_value_pair kv : obj) {
      const int id = cache.field_of(position++, kv.key, header_);
      if (id < 0) continue;  // unknown field: ignored
      std::string_view out;
      char buf[32];
      std::size_t n = 0;
      switch (kv.value.type()) {
        case dom::element_type::STRING:
          out = std::string_view(kv.value);
          break;
        case dom::element_type::INT64:
          n = static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, std::int64_t(kv.value)).ptr -
                                       buf);
          break;
        case dom::element_type::UINT64:
          n = static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, std::uint64_t(kv.value)).ptr -
                                       buf);
          break;
        case dom::element_type::DOUBLE:
          n = static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, double(kv.value)).ptr - buf);
          break;
        case dom::element_type::BOOL:
          out = bool(kv.value) ? "true" : "false";
          break;
        case dom::element_type::NULL_VALUE:
          break;
        default:
          return "field " + schema_.fields[static_cast<std::size_t>(id)].name + " is not a single value";
      }
      if (n) {
        const std::size_t at = numbers.size();
        numbers.append(buf, n);
        out = std::string_view(numbers).substr(at, n);
      }
      values[static_cast<std::size_t>(id)] = trim_view(out);
    }
    return {};
  }

  const Schema& schema_;
  const HeaderMap& header_;
  tbb::enumerable_thread_specific<simdjson::dom::parser> parsers_;
  tbb::enumerable_thread_specific<std::string> numbers_;
  tbb::enumerable_thread_specific<KeyCache> key_cache_;
  tbb::enumerable_thread_specific<std::vector<std::string_view>> rows_;  // one value per schema field
};

// The header is the first record (blank lines before it skipped), read whole: with a small chunk the bytes
// read so far may end inside it, and a cut-off header would name other columns or count fewer delimiters
// (found by the ingest_csv_fuzzer). Each step reads on until its answer cannot change.
csv::HeaderDelimiters count_header_delimiters(ChunkReader& reader) {
  for (;;) {
    if (auto found = csv::count_header_delimiters(reader.pending(), reader.at_eof(), reader.dialect()))
      return *found;
    reader.read_more_for_header();  // false only at the end of the file, where there is always an answer
  }
}

void read_header_record(ChunkReader& reader, csv::FirstRecord& header) {
  while (!csv::read_first_record(reader.pending(), reader.at_eof(), reader.dialect(), header))
    reader.read_more_for_header();  // false only at the end of the file, where there is always an answer
}

template <class Parser>
void run_pipeline(ChunkReader& reader, Parser& parser, const InputFile& file, RowSink& sink,
                  const IngestOptions& options, IngestResult& result) {
  const int threads = options.threads > 0 ? options.threads : tbb::this_task_arena::max_concurrency();
  auto body = [&] {
    tbb::parallel_pipeline(
        static_cast<std::size_t>(std::max(2, threads * 2)),
        tbb::make_filter<void,
                         Chunk*>(tbb::filter_mode::serial_in_order, [&](tbb::flow_control& fc) -> Chunk* {
          auto chunk = reader.next();
          if (!chunk) fc.stop();
          return chunk.release();
        }) & tbb::make_filter<Chunk*, Parsed*>(tbb::filter_mode::parallel, [&](Chunk* raw) -> Parsed* {
          std::unique_ptr<Chunk> chunk(raw);
          auto parsed = std::make_unique<Parsed>();
          parsed->work = sink.begin_chunk();
          parsed->rows = parser.parse(*chunk, file.index, sink, *parsed->work);
          sink.finish_chunk(*parsed->work);
          return parsed.release();
        }) & tbb::make_filter<Parsed*, void>(tbb::filter_mode::serial_in_order, [&](Parsed* raw) {
          std::unique_ptr<Parsed> parsed(raw);
          result.rows += parsed->rows;
          sink.end_chunk(std::move(parsed->work));
        }));
  };
  if (options.threads > 0) {
    tbb::task_arena arena(options.threads);
    arena.execute(body);
  } else {
    body();
  }
}

}  // namespace

IngestResult ingest_file(const InputFile& file, const Schema& schema, RowSink& sink,
                         const IngestOptions& options) {
  IngestResult result;
  ChunkReader reader(file, file.format, options);
  reader.fill_first_record();
  HeaderMap header(schema, options.mapping);
  std::vector<bool> present(schema.fields.size(), false);

  if (file.format == Format::kCsv) {
    const csv::HeaderDelimiters delimiters = count_header_delimiters(reader);
    const bool detect = options.delimiter == csv::kDetectDelimiter;
    reader.set_delimiter(detect ? delimiters.detected() : options.delimiter);
    result.delimiter = reader.dialect().delimiter;
    if (detect && result.delimiter != ',' && options.on_notice)
      options.on_notice(file.path + ": " + std::string(csv::delimited_file_kind(result.delimiter)) +
                        " (detected from the header)");
    csv::FirstRecord header_record;
    read_header_record(reader, header_record);
    const csv::Record& rec = header_record.record;
    if (!header_record.found)  // judged by the header record, not the bytes read so far (ingest_csv_fuzzer)
      throw FatalError(file.path + ": file is empty (expected a header row)");
    if (!rec.error.empty())
      throw FatalError(file.path + ": line " + std::to_string(rec.line) + ": cannot read the header row (" +
                       std::string(rec.error) + ")");
    std::vector<int> column_to_field;
    for (std::size_t c = 0; c < rec.fields.size(); ++c) {
      const std::string_view name = rec.fields[c];
      const int f = header.field_of(name);
      if (f < 0 && looks_like_data(trim_view(name)))  // quote none of it: it may hold patient data
        throw FatalError(file.path + ": line " + std::to_string(rec.line) +
                         " looks like data, not a header row (column " + std::to_string(c + 1) +
                         " holds a number or date); the file must start with a row naming its columns");
      if (f >= 0 && present[static_cast<std::size_t>(f)])
        throw FatalError(file.path + ": column " + schema.fields[static_cast<std::size_t>(f)].name +
                         " appears more than once");
      if (f >= 0)
        present[static_cast<std::size_t>(f)] = true;
      else
        result.ignored_columns.push_back(shown_column_name(trim_view(name)));
      column_to_field.push_back(f);
    }
    header.check_required(present, file.path + " line " + std::to_string(rec.line),
                          delimiters.describe(result.delimiter, rec.fields.size()));
    reader.consume_pending(header_record.end, header_record.lines);
    CsvParser parser(schema, std::move(column_to_field), rec.fields.size(), reader.dialect());
    run_pipeline(reader, parser, file, sink, options, result);
  } else {
    // The first line that holds a valid object stands in for the header. Lines before it that are not
    // objects are read again by the parse stage and rejected there like any other bad line. The search
    // reads on until it finds one (what it sees must not depend on the chunk size), up to a limit: a file
    // whose first kHeaderSearchLines non-blank lines hold no object is not NDJSON, and that is fatal.
    constexpr int kHeaderSearchLines = 1000;
    bool found = false;
    int searched = 0;
    for (std::size_t start = 0; !found && searched < kHeaderSearchLines;) {
      const std::string_view pending = reader.pending();
      const std::size_t nl = pending.find('\n', start);
      if (nl == std::string_view::npos && reader.read_more_for_header()) continue;  // a whole line first
      const std::string_view line = trim_view(
          pending.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
      if (!line.empty()) {
        ++searched;
        if (auto keys = NdjsonParser::object_keys(line)) {
          found = true;
          for (const std::string& key : *keys) {
            const int f = header.field_of(key);
            if (f >= 0)
              present[static_cast<std::size_t>(f)] = true;
            else
              result.ignored_columns.push_back(shown_column_name(key));
          }
        }
      }
      if (nl == std::string_view::npos) break;
      start = nl + 1;
    }
    if (found)
      header.check_required(present, file.path);
    else if (searched > 0)
      throw FatalError(file.path + ": none of its first " + std::to_string(searched) +
                       " non-blank lines holds a JSON object; expected NDJSON, one object per line");
    NdjsonParser parser(schema, header);
    run_pipeline(reader, parser, file, sink, options, result);
  }
  result.bytes = reader.bytes_read();
  if (reader.at_eof()) result.xxh64 = reader.digest();
  return result;
}

}  // namespace recon
