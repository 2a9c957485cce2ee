#include "recon/engine/activity_store.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <type_traits>

#include "parsers/fatal_error.hpp"
#include "recon/files/fault_injection.hpp"
#include "recon/files/private_files.hpp"

namespace recon {

static_assert(std::is_trivially_copyable_v<Activity>, "Activity is spilled to disk as raw bytes");

namespace {
struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

// A spill file is a sequence of segments: [uint64 rows][uint64 id bytes][rows][ids].
struct SegmentHeader {
  std::uint64_t rows = 0, id_bytes = 0;
};
}  // namespace

std::size_t ActivityStore::partition_of(NhsNumber nhs) {
  return static_cast<std::size_t>(XXH3_64bits(&nhs, sizeof nhs) % kPartitions);
}

ActivityStore::ActivityStore(std::uint64_t memory_budget_bytes, std::filesystem::path spill_dir,
                             std::uint64_t background_spill_bytes)
    : background_spill_bytes_(background_spill_bytes),
      block_rows_(std::clamp<std::uint64_t>(memory_budget_bytes / (4 * kPartitions * sizeof(Activity)), 1,
                                            kMaxBlockRows)),
      budget_(memory_budget_bytes),
      spill_dir_(std::move(spill_dir)) {}

ActivityStore::~ActivityStore() {
  if (writer_.joinable()) {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;  // a spill still being written (the run failed) is abandoned with the directory
    }
    changed_.notify_all();
    writer_.join();
  }
  if (spill_dir_created_) {
    std::error_code ec;
    std::filesystem::remove_all(spill_dir_, ec);
  }
}

std::filesystem::path ActivityStore::spill_path(std::size_t i) const {
  return spill_dir_ / ("partition-" + std::to_string(i) + ".bin");
}

void ActivityStore::add(Activity a, std::string_view id) {
  Held& p = partitions_[partition_of(a.nhs)];
  a.id = StrRef{append_ids(p, id), static_cast<std::uint32_t>(id.size())};
  append_row(p, a);
  ++records_;
  keep_within_budget();
}

std::uint32_t ActivityStore::append_ids(Held& p, std::string_view ids) {
  const auto base = static_cast<std::uint32_t>(p.ids.size());
  const std::size_t capacity = p.ids.capacity();
  p.ids.append(ids);
  held_bytes_ += p.ids.capacity() - capacity;  // what counted_bytes() counts: the buffer's growth
  return base;
}

void ActivityStore::append_row(Held& p, const Activity& a) {
  if (p.rows % block_rows_ == 0) {
    p.blocks.push_back(std::make_unique_for_overwrite<Activity[]>(block_rows_));
    held_bytes_ += block_rows_ * sizeof(Activity);
  }
  p.blocks.back()[p.rows % block_rows_] = a;
  ++p.rows;
}

void ActivityStore::keep_within_budget() {
  if (const std::uint64_t allowed = allowance(); held_bytes_ > allowed) make_room(allowed);
}

std::uint64_t ActivityStore::allowance() const {
  // The store keeps at least half the budget for itself: when the challenge list alone holds the rest (its
  // floor is 1 MiB, the whole of --memory-mb 1), a store allowed nothing would spill after every record.
  const std::uint64_t others = others_held_ ? others_held_() : 0;
  return std::max(budget_ > others ? budget_ - others : 0, budget_ / 2);
}

void ActivityStore::sort_by_partition(std::vector<Activity>& rows, std::string& ids,
                                      PartitionStarts& starts) {
  starts.fill(0);
  std::vector<std::uint8_t> partition(rows.size());
  static_assert(kPartitions <= 256, "a partition number is kept in a byte");
  for (std::size_t r = 0; r < rows.size(); ++r) {
    partition[r] = static_cast<std::uint8_t>(partition_of(rows[r].nhs));
    ++starts[partition[r] + 1];
  }
  for (std::size_t i = 0; i < kPartitions; ++i) starts[i + 1] += starts[i];
  PartitionStarts next = starts;
  std::vector<Activity> sorted(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) sorted[next[partition[r]]++] = rows[r];
  std::string packed;
  packed.reserve(ids.size());
  for (Activity& a : sorted) {
    const std::string_view id = std::string_view(ids).substr(a.id.offset, a.id.length);
    a.id.offset = static_cast<std::uint32_t>(packed.size());
    packed.append(id);
  }
  rows.swap(sorted);
  ids.swap(packed);
}

void ActivityStore::add_sorted(std::span<const Activity> rows, std::string_view ids,
                               const PartitionStarts& starts) {
  for (std::size_t i = 0; i < kPartitions; ++i) {
    const std::size_t first = starts[i], end = starts[i + 1];
    if (first == end) continue;
    Held& p = partitions_[i];
    const std::uint32_t ids_from = rows[first].id.offset;
    const std::uint32_t ids_to = rows[end - 1].id.offset + rows[end - 1].id.length;
    const std::uint32_t base = append_ids(p, ids.substr(ids_from, ids_to - ids_from));
    for (std::size_t r = first; r < end; ++r) {
      Activity a = rows[r];
      a.id.offset = a.id.offset - ids_from + base;
      append_row(p, a);
    }
  }
  records_ += rows.size();
  keep_within_budget();
}

void ActivityStore::make_room(std::uint64_t allowance) {
  {
    // A spill being written frees its partitions one by one, far faster than add() fills new ones: wait
    // until it has freed enough, or finished. Enough is an eighth of the allowance below it, so that the
    // writer does not wake add() for each partition it writes, only to have it wait again.
    std::unique_lock lock(mutex_);
    wake_below_ = allowance - allowance / 8;
    changed_.wait(lock, [&] { return !writing_now_ || held_bytes_ <= wake_below_; });
    if (write_error_) std::rethrow_exception(write_error_);
    if (held_bytes_ <= allowance) return;
  }
  spill();
}

void ActivityStore::finish_adding() { wait_for_writer(); }

void ActivityStore::wait_for_writer() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return !writing_now_; });
  if (write_error_) std::rethrow_exception(write_error_);
}

std::uint64_t ActivityStore::counted_bytes(const Held& p) const {
  // add() counts each block, and the ids' growth beyond an empty string's capacity.
  return p.blocks.size() * block_rows_ * sizeof(Activity) + (p.ids.capacity() - std::string().capacity());
}

namespace {
// Appends a partition's held rows to `out` (ids offsets shifted by `id_base`).
void append_rows(const std::vector<std::unique_ptr<Activity[]>>& blocks, std::size_t rows,
                 std::uint32_t id_base, std::vector<Activity>& out, std::size_t block_rows) {
  out.reserve(out.size() + rows);
  for (std::size_t r = 0; r < rows; ++r) {
    Activity a = blocks[r / block_rows][r % block_rows];
    a.id.offset += id_base;
    out.push_back(a);
  }
}

// Spill files are raw NHS numbers: a 0700 directory of 0600 files, each created fresh (never written through
// a name that was already there). The directory is created once: a later spill that finds it gone (the
// signal clean-up removed it) fails instead of recreating it behind the remover.
File open_spill_file(const std::string& path, bool first_segment) {
  const int fd =
      first_segment ? create_private_file(path) : ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0) return nullptr;
  File f(::fdopen(fd, "ab"));
  if (!f) ::close(fd);
  return f;
}
}  // namespace

void ActivityStore::spill() {
  if (!spill_dir_created_) {
    create_private_dir(spill_dir_);
    spill_dir_created_ = true;
  }
  // A small spill is written here and now: under a small budget the store spills every few thousand
  // records, faster than a writer thread could take them, and handing each over cost more than it saved
  // (a --memory-mb 1 run took 7.1-7.8 s against 5.7).
  const bool in_background = held_bytes_ >= background_spill_bytes_;
  {
    // The writer is idle (make_room waited for it): the partitions are handed over as they are, still
    // counted in held_bytes_ until written, and the store starts afresh.
    const std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < kPartitions; ++i) {
      Held& p = partitions_[i];
      if (p.rows == 0) continue;
      first_segment_[i] = !has_spill_[i];
      has_spill_[i] = true;
      spilled_records_ += p.rows;
      writing_[i].take_from(p);
    }
    writing_now_ = in_background;
  }
  ++spills_;
  if (!in_background) {
    write_spill();
    return;
  }
  if (!writer_.joinable()) writer_ = std::thread([this] { write_spills(); });
  changed_.notify_all();
}

void ActivityStore::write_spills() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return writing_now_ || stopping_; });
    if (stopping_) return;
    lock.unlock();
    std::exception_ptr error;
    try {
      write_spill();
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    if (error && !write_error_) write_error_ = error;
    writing_now_ = false;
    changed_.notify_all();
  }
}

void ActivityStore::write_spill() {
  for (std::size_t i = 0; i < kPartitions; ++i) {
    Held& p = writing_[i];
    if (p.rows == 0) continue;
    if (const std::lock_guard lock(mutex_); stopping_) return;
    const std::string path = spill_path(i).string();
    File f = open_spill_file(path, first_segment_[i]);
    SegmentHeader h{p.rows, p.ids.size()};
    bool ok = f && std::fwrite(&h, sizeof h, 1, f.get()) == 1;
    for (std::size_t b = 0; ok && b < p.blocks.size(); ++b) {
      const std::size_t n = std::min(block_rows_, p.rows - b * block_rows_);
      ok = std::fwrite(p.blocks[b].get(), sizeof(Activity), n, f.get()) == n;
    }
    ok = ok && std::fwrite(p.ids.data(), 1, p.ids.size(), f.get()) == p.ids.size();
    if (!ok || std::fflush(f.get()) != 0)
      throw FatalError("cannot write spill file " + path + ": " + std::strerror(errno) +
                       " (free disk space, or raise --memory-mb)");
    const std::uint64_t bytes = counted_bytes(p);
    p.free_memory();  // before saying so
    bool wake = false;
    {
      const std::lock_guard lock(mutex_);
      held_bytes_ -= bytes;
      wake = held_bytes_ <= wake_below_;
    }
    if (wake) changed_.notify_all();
  }
  fault_point("spill");
}

namespace {
// Reads a spill (or piece) file segment by segment: each segment's rows and ids are read onto the ends of
// `rows` and `ids` (which `each` may then empty or keep), `each` is called, and the file is removed.
template <class Each>
void for_each_segment(const std::string& path, std::vector<Activity>& rows, std::string& ids, Each each) {
  File f(std::fopen(path.c_str(), "rb"));
  if (!f) throw FatalError("cannot read spill file " + path + ": " + std::strerror(errno));
  SegmentHeader h;
  while (std::fread(&h, sizeof h, 1, f.get()) == 1) {
    const std::size_t first = rows.size(), id_base = ids.size();
    rows.resize(first + h.rows);
    ids.resize(id_base + h.id_bytes);
    if (std::fread(rows.data() + first, sizeof(Activity), h.rows, f.get()) != h.rows ||
        std::fread(ids.data() + id_base, 1, h.id_bytes, f.get()) != h.id_bytes)
      throw FatalError("spill file " + path + " is truncated");
    each(first, static_cast<std::uint32_t>(id_base));
  }
  f.reset();
  std::filesystem::remove(path);
}

// Reads every segment of a spill (or piece) file onto `out`, shifting id offsets, then removes the file.
void read_segments(const std::string& path, ActivityPartition& out) {
  for_each_segment(path, out.rows, out.ids, [&](std::size_t first, std::uint32_t id_base) {
    for (std::size_t r = first; r < out.rows.size(); ++r) out.rows[r].id.offset += id_base;
  });
}

void write_segment(std::FILE* f, const std::string& path, const Activity* rows, std::size_t n,
                   std::string_view ids) {
  const SegmentHeader h{n, ids.size()};
  const bool ok = std::fwrite(&h, sizeof h, 1, f) == 1 && std::fwrite(rows, sizeof(Activity), n, f) == n &&
                  std::fwrite(ids.data(), 1, ids.size(), f) == ids.size();
  if (!ok || std::fflush(f) != 0)
    throw FatalError("cannot write spill file " + path + ": " + std::strerror(errno) +
                     " (free disk space, or raise --memory-mb)");
}

// One piece of a partition being split: rows gathered in a small buffer, written as segments to its file.
struct Piece {
  static constexpr std::size_t kFlushRows = 4096;  // ~360 KB of records a buffer
  std::string path;
  File file;
  std::vector<Activity> rows;
  std::string ids;
  void add(Activity a, std::string_view id) {
    a.id = StrRef{static_cast<std::uint32_t>(ids.size()), static_cast<std::uint32_t>(id.size())};
    ids.append(id);
    rows.push_back(a);
    if (rows.size() >= kFlushRows) flush();
  }
  void flush() {
    if (rows.empty()) return;
    if (!file) {
      file = open_spill_file(path, true);
      if (!file) throw FatalError("cannot write spill file " + path + ": " + std::strerror(errno));
    }
    write_segment(file.get(), path, rows.data(), rows.size(), ids);
    rows.clear();
    ids.clear();
  }
};
}  // namespace

void ActivityStore::release_held(std::size_t i) {
  Held& mem = partitions_[i];
  held_bytes_ -= counted_bytes(mem);
  mem.free_memory();
}

ActivityPartition ActivityStore::take(std::size_t i) {
  wait_for_writer();
  ActivityPartition out;
  if (has_spill_[i]) read_segments(spill_path(i).string(), out);
  Held& mem = partitions_[i];
  append_rows(mem.blocks, mem.rows, static_cast<std::uint32_t>(out.ids.size()), out.rows, block_rows_);
  out.ids += mem.ids;
  release_held(i);
  return out;
}

void ActivityStore::take_in_pieces(std::size_t i, std::uint64_t max_piece_bytes,
                                   const std::function<void(ActivityPartition&)>& use) {
  wait_for_writer();
  std::error_code ec;
  const std::uint64_t spilled = has_spill_[i] ? std::filesystem::file_size(spill_path(i), ec) : 0;
  const Held& mem = partitions_[i];
  const std::uint64_t size = spilled + mem.rows * sizeof(Activity) + mem.ids.size();
  if (!has_spill_[i] || ec || size <= max_piece_bytes) {  // held in memory already: splitting saves nothing
    ActivityPartition whole = take(i);
    use(whole);
    return;
  }
  const std::uint64_t count = std::min<std::uint64_t>((size + max_piece_bytes - 1) / max_piece_bytes, 4096);
  std::vector<Piece> pieces(count);
  for (std::uint64_t p = 0; p < count; ++p)
    pieces[p].path =
        (spill_dir_ / ("partition-" + std::to_string(i) + "-piece-" + std::to_string(p) + ".bin")).string();
  // partition_of takes the hash modulo 256; the piece comes from the bits above those.
  auto piece_of = [&](NhsNumber nhs) -> Piece& {
    return pieces[(XXH3_64bits(&nhs, sizeof nhs) >> 8) % count];
  };
  {
    // Stream the spill file segment by segment (a segment is what one spill held of this partition).
    std::vector<Activity> rows;
    std::string ids;
    for_each_segment(spill_path(i).string(), rows, ids, [&](std::size_t, std::uint32_t) {
      for (const Activity& a : rows)
        piece_of(a.nhs).add(a, std::string_view(ids).substr(a.id.offset, a.id.length));
      rows.clear();
      ids.clear();
    });
  }
  for (std::size_t r = 0; r < mem.rows; ++r) {
    const Activity& a = mem.blocks[r / block_rows_][r % block_rows_];
    piece_of(a.nhs).add(a, std::string_view(mem.ids).substr(a.id.offset, a.id.length));
  }
  release_held(i);
  for (Piece& p : pieces) {
    p.flush();
    p.file.reset();
    p.rows = {};
    p.ids = {};
  }
  pieces_split_.fetch_add(1, std::memory_order_relaxed);
  for (Piece& p : pieces) {
    if (!std::filesystem::exists(p.path)) continue;  // no patient hashed to it
    ActivityPartition part;
    read_segments(p.path, part);
    use(part);
  }
}

}  // namespace recon
