#include "recon/activity_store.hpp"

#include <xxhash.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <type_traits>

#include "parsers/fatal_error.hpp"

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

ActivityStore::ActivityStore(std::uint64_t memory_budget_bytes, std::filesystem::path spill_dir)
    : budget_(memory_budget_bytes), spill_dir_(std::move(spill_dir)) {}

ActivityStore::~ActivityStore() {
  if (spills_ > 0) {
    std::error_code ec;
    std::filesystem::remove_all(spill_dir_, ec);
  }
}

std::filesystem::path ActivityStore::spill_path(std::size_t i) const {
  return spill_dir_ / ("partition-" + std::to_string(i) + ".bin");
}

void ActivityStore::add(Activity a, std::string_view id) {
  ActivityPartition& p = partitions_[partition_of(a.nhs)];
  a.id = StrRef{static_cast<std::uint32_t>(p.ids.size()), static_cast<std::uint32_t>(id.size())};
  p.ids.append(id);
  p.rows.push_back(a);
  ++records_;
  held_bytes_ += sizeof(Activity) + id.size();
  if (held_bytes_ > budget_) spill();
}

void ActivityStore::spill() {
  std::error_code ec;
  std::filesystem::create_directories(spill_dir_, ec);
  for (std::size_t i = 0; i < kPartitions; ++i) {
    ActivityPartition& p = partitions_[i];
    if (p.rows.empty()) continue;
    const std::string path = spill_path(i).string();
    File f(std::fopen(path.c_str(), "ab"));
    SegmentHeader h{p.rows.size(), p.ids.size()};
    bool ok = f && std::fwrite(&h, sizeof h, 1, f.get()) == 1 &&
              std::fwrite(p.rows.data(), sizeof(Activity), p.rows.size(), f.get()) == p.rows.size() &&
              std::fwrite(p.ids.data(), 1, p.ids.size(), f.get()) == p.ids.size();
    if (!ok || std::fflush(f.get()) != 0)
      throw FatalError("cannot write spill file " + path + ": " + std::strerror(errno) +
                       " (free disk space, or raise --memory-mb)");
    spilled_records_ += p.rows.size();
    has_spill_[i] = true;
    p = ActivityPartition{};  // release the memory, not just the size
  }
  held_bytes_ = 0;
  ++spills_;
}

ActivityPartition ActivityStore::take(std::size_t i) {
  ActivityPartition out;
  ActivityPartition& mem = partitions_[i];
  if (has_spill_[i]) {
    const std::string path = spill_path(i).string();
    File f(std::fopen(path.c_str(), "rb"));
    if (!f) throw FatalError("cannot read spill file " + path + ": " + std::strerror(errno));
    SegmentHeader h;
    while (std::fread(&h, sizeof h, 1, f.get()) == 1) {
      const std::size_t first = out.rows.size();
      const auto id_base = static_cast<std::uint32_t>(out.ids.size());
      out.rows.resize(first + h.rows);
      out.ids.resize(id_base + h.id_bytes);
      if (std::fread(out.rows.data() + first, sizeof(Activity), h.rows, f.get()) != h.rows ||
          std::fread(out.ids.data() + id_base, 1, h.id_bytes, f.get()) != h.id_bytes)
        throw FatalError("spill file " + path + " is truncated");
      for (std::size_t r = first; r < out.rows.size(); ++r) out.rows[r].id.offset += id_base;
    }
    std::filesystem::remove(path);
  }
  if (out.rows.empty()) return std::move(mem);
  const auto id_base = static_cast<std::uint32_t>(out.ids.size());
  out.ids += mem.ids;
  for (Activity a : mem.rows) {
    a.id.offset += id_base;
    out.rows.push_back(a);
  }
  mem = ActivityPartition{};
  return out;
}

}  // namespace recon
