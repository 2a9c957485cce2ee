#include "recon/engine/challenge_spool.hpp"

#include <fcntl.h>
#include <tbb/parallel_sort.h>
#include <tbb/task_arena.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <type_traits>
#include <utility>

#include "parsers/fatal_error.hpp"
#include "recon/files/private_files.hpp"

namespace recon {
namespace fs = std::filesystem;

std::span<const Challenge> ChallengeListSource::next(std::size_t max, std::vector<Challenge>&) {
  const std::size_t n = std::min(max, list_.size() - next_);
  std::span<const Challenge> out(list_.data() + next_, n);
  next_ += n;
  return out;
}

std::uint64_t challenge_heap_bytes(const Challenge& c) {
  auto heap = [](const std::string& s) -> std::uint64_t {
    // Short strings live inside the object (SSO); longer ones own capacity + 1 bytes on the heap.
    return s.capacity() > std::string().capacity() ? s.capacity() + 1 : 0;
  };
  return heap(c.rule) + heap(c.record_id) + heap(c.reason) + heap(c.evidence);
}

namespace {

static_assert(std::is_trivially_copyable_v<Code>, "codes are spilled as raw bytes");

// A spilled challenge: [u32 bytes that follow][fixed fields][4 x (u32 length, text)].
template <class T>
void put(std::string& out, const T& v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
void put_text(std::string& out, const std::string& s) {
  put(out, static_cast<std::uint32_t>(s.size()));
  out += s;
}

void encode(const Challenge& c, std::string& out) {
  const std::size_t start = out.size();
  put(out, std::uint32_t{0});
  put(out, (std::uint64_t{c.pos.file} << 48) | std::uint64_t{c.pos.line});
  put(out, static_cast<std::uint8_t>(c.severity));
  put(out, static_cast<std::uint8_t>(c.dataset));
  put(out, c.procode);
  put(out, c.gpprac);
  put(out, c.nhs);
  put(out, c.activity_date);
  put(out, c.charged);
  put(out, c.challenged);
  for (const std::string* s : {&c.rule, &c.record_id, &c.reason, &c.evidence}) put_text(out, *s);
  const auto bytes = static_cast<std::uint32_t>(out.size() - start - sizeof(std::uint32_t));
  std::memcpy(out.data() + start, &bytes, sizeof bytes);
}

class Decoder {
 public:
  Decoder(const char* p, std::size_t n) : p_(p), end_(p + n) {}
  template <class T>
  T get() {
    T v;
    need(sizeof v);
    std::memcpy(&v, p_, sizeof v);
    p_ += sizeof v;
    return v;
  }
  void get_text(std::string& s) {
    const auto n = get<std::uint32_t>();
    need(n);
    s.assign(p_, n);
    p_ += n;
  }

 private:
  void need(std::size_t n) const {
    if (static_cast<std::size_t>(end_ - p_) < n) throw FatalError("challenge spill file is corrupt");
  }
  const char* p_;
  const char* end_;
};

void decode(const char* p, std::size_t n, Challenge& c) {
  Decoder d(p, n);
  const auto pos = d.get<std::uint64_t>();
  c.pos.file = pos >> 48;
  c.pos.line = pos & ((std::uint64_t{1} << 48) - 1);
  c.severity = static_cast<Severity>(d.get<std::uint8_t>());
  c.dataset = static_cast<Dataset>(d.get<std::uint8_t>());
  c.procode = d.get<Code>();
  c.gpprac = d.get<Code>();
  c.nhs = d.get<NhsNumber>();
  c.activity_date = d.get<Day>();
  c.charged = d.get<Pence>();
  c.challenged = d.get<Pence>();
  for (std::string* s : {&c.rule, &c.record_id, &c.reason, &c.evidence}) d.get_text(*s);
}

[[noreturn]] void fail(const char* what, const fs::path& path) {
  throw FatalError(std::string("cannot ") + what + " challenge spill file " + path.string() + ": " +
                   std::strerror(errno) + " (free disk space, or raise --memory-mb)");
}

// Appends encoded challenges to a spill file through a fixed buffer.
class RunWriter {
 public:
  RunWriter(int fd, fs::path path, std::uint64_t offset) : fd_(fd), path_(std::move(path)), offset_(offset) {}
  void put(const Challenge& c) {
    encode(c, buf_);
    if (buf_.size() >= ChallengeSpool::kReadBufferBytes) flush();
  }
  // Returns the file's size after the flush.
  std::uint64_t flush() {
    for (std::size_t done = 0; done < buf_.size();) {
      const ssize_t n = ::write(fd_, buf_.data() + done, buf_.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) fail("write", path_);
      done += static_cast<std::size_t>(n);
    }
    offset_ += buf_.size();
    buf_.clear();
    return offset_;
  }

 private:
  int fd_;
  fs::path path_;
  std::uint64_t offset_;
  std::string buf_;
};

// One sorted run on disk, read through a fixed buffer (it grows only for a challenge larger than itself).
class RunReader {
 public:
  RunReader(int fd, fs::path path, std::uint64_t offset, std::uint64_t bytes)
      : fd_(fd), path_(std::move(path)), offset_(offset), end_(offset + bytes) {
    buf_.resize(ChallengeSpool::kReadBufferBytes);
  }
  bool next(Challenge& out) {
    if (!available(sizeof(std::uint32_t))) return false;
    std::uint32_t bytes;
    std::memcpy(&bytes, buf_.data() + pos_, sizeof bytes);
    if (!available(sizeof bytes + bytes))
      throw FatalError("challenge spill file " + path_.string() + " is truncated");
    decode(buf_.data() + pos_ + sizeof bytes, bytes, out);
    pos_ += sizeof bytes + bytes;
    return true;
  }

 private:
  // Whether `n` bytes from pos_ are in the buffer, reading more of the run if needed.
  bool available(std::size_t n) {
    if (len_ - pos_ >= n) return true;
    std::memmove(buf_.data(), buf_.data() + pos_, len_ - pos_);
    len_ -= pos_;
    pos_ = 0;
    if (buf_.size() < n) buf_.resize(n);
    while (len_ < buf_.size() && offset_ < end_) {
      const std::size_t want =
          static_cast<std::size_t>(std::min<std::uint64_t>(buf_.size() - len_, end_ - offset_));
      const ssize_t got = ::pread(fd_, buf_.data() + len_, want, static_cast<off_t>(offset_));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) fail("read", path_);
      len_ += static_cast<std::size_t>(got);
      offset_ += static_cast<std::uint64_t>(got);
    }
    return len_ >= n;
  }

  int fd_;
  fs::path path_;
  std::uint64_t offset_, end_;
  std::string buf_;
  std::size_t pos_ = 0, len_ = 0;
};

int open_for_reading(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail("open", path);
  return fd;
}

}  // namespace

// A k-way merge of up to kFanIn sorted runs of one file, and of one more run held in memory (sorted, maybe
// empty): a heap of the runs by their next challenge. The run in memory is numbered after the file's.
class ChallengeSpool::Merger final : public ChallengeSource {
 public:
  Merger(const fs::path& path, const std::vector<Run>& runs, std::vector<Challenge> in_memory = {})
      : fd_(open_for_reading(path)), memory_(std::move(in_memory)) {
    readers_.reserve(runs.size());
    heads_.resize(runs.size() + 1);
    for (const Run& r : runs) readers_.emplace_back(fd_, path, r.offset, r.bytes);
    for (std::size_t r = 0; r < heads_.size(); ++r)
      if (advance(r)) heap_.push_back(r);
    std::make_heap(heap_.begin(), heap_.end(), later_);
  }
  ~Merger() override { ::close(fd_); }
  Merger(const Merger&) = delete;
  Merger& operator=(const Merger&) = delete;

  bool next(Challenge& out) {
    if (heap_.empty()) return false;
    std::pop_heap(heap_.begin(), heap_.end(), later_);
    const std::size_t r = heap_.back();
    out = std::move(heads_[r]);
    if (advance(r))
      std::push_heap(heap_.begin(), heap_.end(), later_);
    else
      heap_.pop_back();
    return true;
  }
  std::span<const Challenge> next(std::size_t max, std::vector<Challenge>& buffer) override {
    buffer.resize(max);  // reuses the strings already in the buffer
    std::size_t n = 0;
    while (n < max && next(buffer[n])) ++n;
    return {buffer.data(), n};
  }

 private:
  // Run r's next challenge into heads_[r]; false when the run is done.
  bool advance(std::size_t r) {
    if (r < readers_.size()) return readers_[r].next(heads_[r]);
    if (memory_next_ == memory_.size()) return false;
    heads_[r] = std::move(memory_[memory_next_++]);
    return true;
  }

  int fd_;
  std::vector<RunReader> readers_;
  std::vector<Challenge> memory_;
  std::size_t memory_next_ = 0;
  std::vector<Challenge> heads_;
  std::vector<std::size_t> heap_;
  // std heaps keep the greatest element first: "greater" here is "later in canonical order".
  struct Later {
    const std::vector<Challenge>* heads;
    bool operator()(std::size_t a, std::size_t b) const { return challenge_order((*heads)[b], (*heads)[a]); }
  } later_{&heads_};
};

ChallengeSpool::ChallengeSpool(std::uint64_t budget_bytes, fs::path spill_prefix,
                               std::function<std::uint64_t()> others_held, std::uint64_t min_held_bytes,
                               std::uint64_t background_spill_bytes)
    : budget_(budget_bytes),
      min_held_bytes_(min_held_bytes),
      background_spill_bytes_(background_spill_bytes),
      others_held_(std::move(others_held)),
      spill_prefix_(std::move(spill_prefix)) {}

ChallengeSpool::~ChallengeSpool() {
  if (writer_.joinable()) {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;  // a run being written is finished first: the file is removed below
    }
    changed_.notify_all();
    writer_.join();
  }
  if (fd_ >= 0) ::close(fd_);
  for (int p = 0; p < passes_; ++p) {
    std::error_code ec;
    fs::remove(pass_path(p), ec);
  }
}

fs::path ChallengeSpool::pass_path(int pass) const {
  return fs::path(spill_prefix_.string() + "-" + std::to_string(pass) + ".bin");
}

std::uint64_t ChallengeSpool::allowance() const {
  const std::uint64_t others = others_held_ ? others_held_() : 0;
  const std::uint64_t left = others < budget_ ? budget_ - others : 0;
  return std::max(min_held_bytes_, std::min(left, budget_ / kBudgetShare));
}

void ChallengeSpool::add(std::vector<Challenge>& found) {
  if (found.empty()) return;
  // Counted before the lock: the patient stage's partitions add concurrently.
  std::uint64_t bytes = found.capacity() * sizeof(Challenge);
  for (const Challenge& c : found) bytes += challenge_heap_bytes(c);
  std::unique_lock lock(mutex_);
  if (write_error_) std::rethrow_exception(write_error_);
  count_ += found.size();
  if (seen_)
    for (const Challenge& c : found) seen_(c);
  if (held_bytes_ + bytes > allowance()) {
    hold_one_by_one(found, lock);  // spills part-way, as the budget allows
  } else {
    held_.push_back(std::move(found));  // the whole list, as it came: no challenge moved
    tail_is_ours_ = false;
    own_bytes_ += bytes;
    update_held_bytes();
    // Half the allowance held and the writer idle: it writes this half while the next one fills.
    if (!writing_now_ && own_bytes_ >= background_spill_bytes_ && 2 * own_bytes_ >= allowance())
      spill_held(lock);
  }
  found.clear();
}

void ChallengeSpool::hold_one_by_one(std::vector<Challenge>& found, std::unique_lock<std::mutex>& lock) {
  for (Challenge& c : found) {
    if (!tail_is_ours_) {
      held_.emplace_back();
      tail_is_ours_ = true;
    }
    std::vector<Challenge>& tail = held_.back();
    const std::size_t capacity = tail.capacity();
    own_bytes_ += challenge_heap_bytes(c);
    tail.push_back(std::move(c));
    own_bytes_ += (tail.capacity() - capacity) * sizeof(Challenge);
    update_held_bytes();
    if (held_bytes_ <= allowance()) continue;
    wait_for_writer(lock);  // a run being written frees its bytes when done; that may be enough
    if (held_bytes_ > allowance()) spill_held(lock);
  }
}

void ChallengeSpool::wait_for_writer(std::unique_lock<std::mutex>& lock) {
  changed_.wait(lock, [&] { return !writing_now_; });
  if (write_error_) std::rethrow_exception(write_error_);
}

void ChallengeSpool::spill_held(std::unique_lock<std::mutex>& lock) {
  wait_for_writer(lock);  // the spill file is written by one of them at a time
  if (held_.empty()) return;
  Batches run;
  run.swap(held_);
  tail_is_ours_ = false;
  const std::uint64_t bytes = std::exchange(own_bytes_, 0);
  ++runs_spilled_;
  if (bytes >= background_spill_bytes_) {
    writing_ = std::move(run);
    writing_bytes_ = bytes;  // still held until written
    writing_now_ = true;
    update_held_bytes();
    if (!writer_.joinable()) writer_ = std::thread([this] { write_spills(); });
    changed_.notify_all();
    return;
  }
  update_held_bytes();
  write_run(run, true);  // small: here and now, under the lock
}

void ChallengeSpool::write_spills() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return writing_now_ || stopping_; });
    if (stopping_) return;
    Batches run = std::move(writing_);
    writing_.clear();
    lock.unlock();
    std::exception_ptr error;
    try {
      write_run(run, false);
    } catch (...) {
      error = std::current_exception();
    }
    Batches().swap(run);  // freed before the bytes are no longer counted
    lock.lock();
    if (error && !write_error_) write_error_ = error;
    writing_now_ = false;
    writing_bytes_ = 0;
    update_held_bytes();
    changed_.notify_all();
  }
}

namespace {
std::vector<Challenge*> sorted_pointers(std::vector<std::vector<Challenge>>& batches, bool parallel) {
  std::size_t n = 0;
  for (const auto& b : batches) n += b.size();
  std::vector<Challenge*> order;
  order.reserve(n);
  for (auto& b : batches)
    for (Challenge& c : b) order.push_back(&c);
  // Pointers, not the challenges (~200 bytes each), are moved by the sort.
  auto by_order = [](const Challenge* a, const Challenge* b) { return challenge_order(*a, *b); };
  if (parallel)  // add() may run inside a parallel_for task: isolated, this thread cannot pick up another
                 // task of that loop while it holds the mutex (which would deadlock on it).
    tbb::this_task_arena::isolate([&] { tbb::parallel_sort(order.begin(), order.end(), by_order); });
  else  // the writer thread: one thread, beside the ingest's
    std::sort(order.begin(), order.end(), by_order);
  return order;
}
}  // namespace

void ChallengeSpool::write_run(Batches& batches, bool parallel) {
  const std::vector<Challenge*> order = sorted_pointers(batches, parallel);
  if (fd_ < 0) {
    fd_ = create_private_file(pass_path(0));
    passes_ = 1;
  }
  RunWriter w(fd_, pass_path(0), file_bytes_);
  for (const Challenge* c : order) w.put(*c);
  const std::uint64_t end = w.flush();
  runs_.push_back({file_bytes_, end - file_bytes_});
  file_bytes_ = end;
  Batches().swap(batches);  // release the memory, not just the size
}

std::vector<Challenge> ChallengeSpool::take_held_sorted() {
  const std::vector<Challenge*> order = sorted_pointers(held_, true);
  std::vector<Challenge> list;
  list.reserve(order.size());
  for (Challenge* c : order) list.push_back(std::move(*c));
  Batches().swap(held_);
  tail_is_ours_ = false;
  own_bytes_ = 0;
  update_held_bytes();
  return list;
}

void ChallengeSpool::finish_adding() {
  std::unique_lock lock(mutex_);
  wait_for_writer(lock);
}

bool ChallengeSpool::spilled() {
  finish_adding();
  return !runs_.empty();
}

int ChallengeSpool::runs_spilled() {
  finish_adding();
  return runs_spilled_;
}

std::vector<Challenge> ChallengeSpool::take_sorted() {
  if (spilled()) throw FatalError("internal error: the challenge list was spilled; read it with merged()");
  return take_held_sorted();
}

std::unique_ptr<ChallengeSource> ChallengeSpool::merged() {
  finish_adding();
  // What is still held joins the last merge from memory, sorted: written as one more run and read back, it
  // cost a serial ~0.25 s of a 10M-row run. The patient store is gone by now, so the budget still holds.
  last_ = take_held_sorted();
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (runs_.empty()) return std::make_unique<ChallengeListSource>(last_);
  // Passes: merge groups of kFanIn runs into the next file until at most kFanIn runs are left. Each pass's
  // file is removed once the next is written, so the disk holds the list at most twice.
  int pass = 0;
  while (runs_.size() > kFanIn) {
    const fs::path from = pass_path(pass), to = pass_path(pass + 1);
    const int fd = create_private_file(to);
    passes_ = pass + 2;
    std::vector<Run> next;
    std::uint64_t bytes = 0;
    try {
      RunWriter w(fd, to, 0);
      for (std::size_t g = 0; g < runs_.size(); g += kFanIn) {
        const std::vector<Run> group(
            runs_.begin() + static_cast<std::ptrdiff_t>(g),
            runs_.begin() + static_cast<std::ptrdiff_t>(std::min(runs_.size(), g + kFanIn)));
        Merger m(from, group);
        Challenge c;
        while (m.next(c)) w.put(c);
        const std::uint64_t end = w.flush();
        next.push_back({bytes, end - bytes});
        bytes = end;
      }
    } catch (...) {
      ::close(fd);
      throw;
    }
    ::close(fd);
    std::error_code ec;
    fs::remove(from, ec);
    runs_ = std::move(next);
    ++pass;
  }
  return std::make_unique<Merger>(pass_path(pass), runs_, std::move(last_));
}

}  // namespace recon
