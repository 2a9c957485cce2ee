// HRG_CREEP: a provider charges an unusually large share of its spells in an HRG root's top complication
// (CC) splits, compared with the other providers in the run (and, with --previous-apc, with its own previous
// period). HRG4+ splits a root (EB03 = heart failure) by the comorbidity/complication score of the secondary
// diagnoses into EB03A (highest) .. EB03E (lowest), each paid more than the next: coding more (or more
// generously) moves spells up the splits. One spell cannot show that; the mix of a provider's spells can.
//
// Statistics (docs/statistics.md): per root, the "high-split share" of a provider is the share of its spells
// in the upper half of the root's CC splits; it is compared with the pooled share of all other providers
// (leave-one-out) on a funnel plot with 95% and 99.8% limits from the binomial normal approximation. Cells
// above the 99.8% limit are challenged, once per provider and root, with the cost of the excess spells.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <tuple>
#include <vector>

#include "rules/aggregate/funnel_stats.hpp"
#include "rules/registry.hpp"

namespace recon {
namespace {

constexpr std::uint64_t kMinProviderSpells = 20;  // per provider and root, in each period compared
constexpr std::uint64_t kMinPeerSpells = 50;      // the other providers together, per root
constexpr std::size_t kMaxPlots = 12;             // funnel plots handed to the report

// ---- counters (parallel parse stage) ----

struct HrgCounts {
  std::uint64_t spells = 0;
  Pence charged = 0;
  Pence priced = 0;  // sum of each spell's tariff price (its charge where the tariff has no price)
};

struct CellKey {
  Code procode, hrg;
  friend bool operator==(const CellKey&, const CellKey&) = default;
};

// Counts per (provider, HRG) cell: open addressing in one array, because every APC spell updates one and
// a node-based map's division and pointer chase were 3% of a whole run. A run has a few thousand cells.
// Iteration order never reaches the output: finish() sums the cells into sorted maps, and integer sums do
// not depend on the order they are taken in.
class CellTable {
 public:
  struct Cell {
    CellKey key;
    HrgCounts counts;
  };
  HrgCounts& operator[](const CellKey& key) {
    if ((used_ + 1) * 2 > slots_.size()) grow();
    std::size_t i = home(key);
    while (!slots_[i].key.procode.empty() && !(slots_[i].key == key)) i = (i + 1) & (slots_.size() - 1);
    if (slots_[i].key.procode.empty()) {  // a cell's provider is never empty (add() skips those rows)
      slots_[i].key = key;
      ++used_;
    }
    return slots_[i].counts;
  }
  template <class F>
  void for_each(F&& f) const {
    for (const Cell& c : slots_)
      if (!c.key.procode.empty()) f(c.key, c.counts);
  }

 private:
  std::size_t home(const CellKey& k) const {
    const std::uint64_t x =
        (k.procode.bits() * 0x9E3779B97F4A7C15ull) ^ (k.hrg.bits() * 0xC2B2AE3D27D4EB4Full);
    return static_cast<std::size_t>(x ^ (x >> 32)) & (slots_.size() - 1);
  }
  void grow() {
    std::vector<Cell> old = std::move(slots_);
    slots_.assign(std::max<std::size_t>(64, old.size() * 2), Cell{});
    used_ = 0;
    for (const Cell& c : old)
      if (!c.key.procode.empty()) (*this)[c.key] = c.counts;
  }
  std::vector<Cell> slots_;
  std::size_t used_ = 0;
};

struct CreepState final : AggregateState {
  CellTable cells;
};

// ---- the CC splits of each root (from hrg_cc_bands) ----

struct RootSplits {
  std::vector<Code> splits;  // highest CC band first
  std::size_t n_high = 0;    // the first n_high splits are the "high" ones
  std::string high_letters;  // "A, B"
};
struct SplitOf {
  Code root;
  bool high = false;
};

// Roots with at least two CC splits (5-character HRGs whose split letter is not Z), splits ordered by their
// band (highest MIN_SCORE first, then letter). The high splits are the upper half: floor(k / 2) of k splits
// (the middle one of an odd number counts as low): A of A-B, A of A-C, A-B of A-D, A-B of A-E.
std::map<Code, RootSplits> cc_splits(const Reference& ref) {
  std::map<Code, std::vector<std::pair<int, Code>>> bands;  // root -> (-MIN_SCORE, hrg)
  for (const auto& [hrg, band] : ref.hrg_cc_bands)
    if (hrg.size() == 5 && hrg[4] != 'Z') bands[hrg.prefix(4)].emplace_back(-band.min_score, hrg);
  std::map<Code, RootSplits> roots;
  for (auto& [root, list] : bands) {
    if (list.size() < 2) continue;
    std::sort(list.begin(), list.end());
    RootSplits& r = roots[root];
    for (const auto& [neg_min, hrg] : list) r.splits.push_back(hrg);
    r.n_high = list.size() / 2;
    for (std::size_t i = 0; i < r.n_high; ++i) {
      if (i) r.high_letters += ", ";
      r.high_letters += r.splits[i][4];
    }
  }
  return roots;
}

// ---- tallies per root and provider (serial, in finish) ----

struct Tally {
  std::uint64_t n = 0, high = 0;
  Pence charged = 0, priced_high = 0, priced_low = 0;

  std::uint64_t low() const { return n - high; }
  void add(const HrgCounts& c, bool is_high) {
    n += c.spells;
    charged = add_money(charged, c.charged);
    if (is_high) {
      high += c.spells;
      priced_high = add_money(priced_high, c.priced);
    } else {
      priced_low = add_money(priced_low, c.priced);
    }
  }
  Tally minus(const Tally& t) const {
    return {n - t.n, high - t.high, charged - t.charged, priced_high - t.priced_high,
            priced_low - t.priced_low};
  }
  void merge(const Tally& t) {
    n += t.n;
    high += t.high;
    charged = add_money(charged, t.charged);
    priced_high = add_money(priced_high, t.priced_high);
    priced_low = add_money(priced_low, t.priced_low);
  }
};
using Tallies = std::map<Code, std::map<Code, Tally>>;  // root -> provider -> tally

Tallies tally(const CreepState& state, const std::map<Code, SplitOf>& split_of) {
  Tallies t;
  state.cells.for_each([&](const CellKey& key, const HrgCounts& counts) {
    auto it = split_of.find(key.hrg);
    if (it == split_of.end()) return;  // not a CC split: a single-split (Z) root or an HRG without a band
    t[it->second.root][key.procode].add(counts, it->second.high);
  });
  return t;
}

// ---- formatting ----

std::string fixed(double x, int decimals) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  return buf;
}
std::string percent(double share) { return fixed(100.0 * share, 1) + "%"; }
std::string letters_compact(const std::string& high_letters) {  // "A, B" -> "A,B"
  std::string s;
  for (char ch : high_letters)
    if (ch != ' ') s += ch;
  return s;
}

// One provider and root, judged.
struct Judgement {
  Code root, provider;
  const RootSplits* splits = nullptr;
  Tally mine, peers;
  const Tally* past = nullptr;
  funnel::Comparison vs_peers, vs_past;
  bool flag_peers = false, flag_past = false;
  double mean_high = 0, mean_low = 0;  // pence
  // What moving one spell from the high to the low splits saves, to the penny (as the evidence shows it).
  Pence price_diff() const { return std::max<Pence>(0, std::llround(mean_high - mean_low)); }
};

class HrgCreepRule final : public AggregateRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "HRG_CREEP",
        "Provider charges an unusually high share of an HRG root's top complication (CC) splits",
        Severity::kMedium,
        "HRG4+ pays a root (e.g. EB03) more in its higher complication/comorbidity (CC) splits, so "
        "generous secondary coding moves spells up the splits. For each provider and HRG root with at "
        "least two CC splits in hrg_cc_bands (split letter not Z), the provider's share of APC spells in "
        "the upper half of the root's splits (floor(k/2) of k splits, ordered by CC band: A of A-B or A-C, "
        "A and B of A-D or A-E) is compared with the pooled share of all other providers in the run "
        "(leave-one-out) on a funnel plot: a provider above the 99.8% limit p0 + 3.09 * sqrt(p0 (1 - p0) / "
        "n) is challenged, one pattern challenge per provider and root (no record, patient or date). With "
        "--previous-apc the share is also compared with the provider's own previous period (limit p0 + "
        "3.09 * sqrt(p0 (1 - p0) (1/n + 1/n_prev))), and a significant rise is challenged too, unless the "
        "provider is still at or below its peers' share. Judged only with at least 20 spells of the "
        "provider (in each period compared), 50 spells of the peers and expected counts n*p0 and n*(1-p0) "
        "of at least 5. MEDIUM: a pattern is a reason to audit the coding, not proof that one spell is "
        "wrong. Statistics and limitations (overdispersion, multiple comparisons): docs/statistics.md.",
        "The estimated cost of the excess: (spells in the high splits - n x the benchmark share) x (the "
        "provider's mean price of a high-split spell - its mean price of a low-split spell), where a "
        "spell's price is its tariff price (same admission method, patient class and length of stay; its "
        "charge where the tariff has no price) and a provider without spells on one side borrows its "
        "peers' mean. The benchmark is the peers' share, or the provider's previous share when only that "
        "comparison flags. Never below zero or above CHARGED, which is the provider's total charge for the "
        "root's CC-split spells.",
        {.all = input::kHrgCcBands}};
    return kInfo;
  }

  std::unique_ptr<AggregateState> new_state() const override { return std::make_unique<CreepState>(); }

  void add(AggregateState& state, const Activity& record, const ApcRow* row) const override {
    if (!row || record.dataset != Dataset::kApc) return;
    // A CC split HRG is root + split letter; Z is "no split". Letters without a band drop out in finish().
    if (record.hrg.size() != 5 || record.hrg[4] == 'Z' || record.procode.empty()) return;
    HrgCounts& c = static_cast<CreepState&>(state).cells[{record.procode, record.hrg}];
    ++c.spells;
    c.charged = add_money(c.charged, record.charged);
    c.priced = add_money(c.priced, record.tariff > 0 ? record.tariff : record.charged);
  }

  void merge(AggregateState& into, AggregateState& from) const override {
    auto& to = static_cast<CreepState&>(into).cells;
    static_cast<CreepState&>(from).cells.for_each([&](const CellKey& key, const HrgCounts& c) {
      HrgCounts& t = to[key];
      t.spells += c.spells;
      t.charged = add_money(t.charged, c.charged);
      t.priced = add_money(t.priced, c.priced);
    });
  }

  void finish(const AggregateState& current, const AggregateState* previous, const RuleContext& ctx,
              ChallengeSink& out, ReportData& report) const override {
    const std::map<Code, RootSplits> roots = cc_splits(ctx.ref);
    std::map<Code, SplitOf> split_of;
    for (const auto& [root, r] : roots)
      for (std::size_t i = 0; i < r.splits.size(); ++i) split_of[r.splits[i]] = {root, i < r.n_high};

    const Tallies now = tally(static_cast<const CreepState&>(current), split_of);
    const Tallies before = previous ? tally(static_cast<const CreepState&>(*previous), split_of) : Tallies{};

    struct PlotCandidate {
      FunnelPlot plot;
      Pence challenged = 0;
      std::uint64_t spells = 0;
      bool flagged = false;
    };
    std::vector<PlotCandidate> plots;

    for (const auto& [root, providers] : now) {
      const RootSplits& splits = roots.at(root);
      Tally total;
      for (const auto& [provider, t] : providers) total.merge(t);
      const auto past_root = before.find(root);

      PlotCandidate candidate;
      candidate.spells = total.n;
      for (const auto& [provider, mine] : providers) {
        Judgement j;
        j.root = root;
        j.provider = provider;
        j.splits = &splits;
        j.mine = mine;
        j.peers = total.minus(mine);
        if (past_root != before.end())
          if (auto it = past_root->second.find(provider); it != past_root->second.end()) j.past = &it->second;
        judge(j);
        if (j.vs_peers.judged)
          candidate.plot.points.push_back({provider.str(), static_cast<double>(mine.n), j.vs_peers.share,
                                           j.vs_peers.above998(), j.vs_peers.above95()});
        if (!j.flag_peers && !j.flag_past) continue;
        out.push_back(challenge(j));
        candidate.flagged = true;
        candidate.challenged = add_money(candidate.challenged, out.back().challenged);
      }
      if (candidate.plot.points.empty()) continue;
      candidate.plot.title =
          root.str() + ": share of spells in the top CC splits (" + splits.high_letters + ")";
      candidate.plot.y_label = "share of spells in splits " + splits.high_letters;
      candidate.plot.target = static_cast<double>(total.high) / static_cast<double>(total.n);
      plots.push_back(std::move(candidate));
    }

    // Roots with a challenged provider first (largest amount first), then the busiest; capped.
    std::stable_sort(plots.begin(), plots.end(), [](const PlotCandidate& a, const PlotCandidate& b) {
      return std::tie(b.flagged, b.challenged, b.spells) < std::tie(a.flagged, a.challenged, a.spells);
    });
    for (std::size_t i = 0; i < plots.size() && i < kMaxPlots; ++i)
      report.funnels.push_back(std::move(plots[i].plot));
  }

 private:
  static void judge(Judgement& j) {
    const Tally& mine = j.mine;
    const Tally& peers = j.peers;
    if (mine.n >= kMinProviderSpells && peers.n >= kMinPeerSpells)
      j.vs_peers = funnel::compare(mine.high, mine.n, static_cast<double>(peers.high) / peers.n);
    if (j.past && mine.n >= kMinProviderSpells && j.past->n >= kMinProviderSpells)
      j.vs_past = funnel::compare(mine.high, mine.n, static_cast<double>(j.past->high) / j.past->n,
                                  static_cast<double>(j.past->n));
    j.flag_peers = j.vs_peers.above998();
    // A significant rise that leaves the provider at or below its peers may be better coding catching up.
    const bool above_peers = peers.n < kMinPeerSpells || static_cast<double>(mine.high) / mine.n >
                                                             static_cast<double>(peers.high) / peers.n;
    j.flag_past = j.vs_past.above998() && above_peers;

    auto mean = [](Pence sum, std::uint64_t n) { return static_cast<double>(sum) / static_cast<double>(n); };
    j.mean_high = mine.high    ? mean(mine.priced_high, mine.high)
                  : peers.high ? mean(peers.priced_high, peers.high)
                               : 0.0;
    j.mean_low = mine.low()    ? mean(mine.priced_low, mine.low())
                 : peers.low() ? mean(peers.priced_low, peers.low())
                               : 0.0;
  }

  Challenge challenge(const Judgement& j) const {
    Challenge c;
    c.rule = std::string(info().id);
    c.severity = info().severity;
    c.dataset = Dataset::kApc;
    c.pos = kNoRecord;
    c.procode = j.provider;
    c.charged = j.mine.charged;

    const funnel::Comparison& basis = j.flag_peers ? j.vs_peers : j.vs_past;
    const Pence diff = j.price_diff();
    const Pence amount = std::llround(std::max(0.0, basis.excess) * static_cast<double>(diff));
    c.challenged = std::clamp<Pence>(amount, 0, std::max<Pence>(0, j.mine.charged));

    const std::string provider = j.provider.str(), root = j.root.str();
    const std::string& letters = j.splits->high_letters;
    const std::string mix = "Provider " + provider + " charged " + std::to_string(j.mine.high) + " of its " +
                            std::to_string(j.mine.n) + " spells in HRG root " + root + " (" +
                            percent(basis.share) + ") in the top CC splits (" + letters + ")";
    const std::string peers_text = percent(j.vs_peers.benchmark) + " at the other providers in this run (" +
                                   std::to_string(j.peers.n) + " spells)";
    const std::string past_text = percent(j.vs_past.benchmark) + " of its " +
                                  std::to_string(j.past ? j.past->n : 0) + " spells in its previous period";
    const std::string cost =
        ", about " + fixed(basis.excess, 1) + " of these spells would be in a lower split, at " +
        format_money(diff) + " less each on average (mean price " +
        format_money(static_cast<Pence>(std::llround(j.mean_high))) + " in the top splits, " +
        format_money(static_cast<Pence>(std::llround(j.mean_low))) + " below them).";
    if (j.flag_peers) {
      c.reason = mix + ", against " + peers_text + ": above the 99.8% funnel limit of " +
                 percent(j.vs_peers.upper998) + " for " + std::to_string(j.mine.n) +
                 " spells (z = " + fixed(j.vs_peers.z, 2) +
                 "), a mix unlikely to arise by chance. At the peers' mix" + cost;
      if (j.flag_past)
        c.reason += " The share also rose significantly from " + past_text + " (99.8% limit " +
                    percent(j.vs_past.upper998) + ", z = " + fixed(j.vs_past.z, 2) + ").";
    } else {
      c.reason = mix + ", compared with its own previous period: up from " + past_text +
                 ", above the 99.8% limit of " + percent(j.vs_past.upper998) +
                 " for that change (z = " + fixed(j.vs_past.z, 2) + ")" +
                 (j.peers.n >= kMinPeerSpells ? ", and above the " + peers_text : std::string()) +
                 ". At its previous mix" + cost;
    }

    c.evidence = "root=" + root + "; high_splits=" + letters_compact(letters) +
                 "; n=" + std::to_string(j.mine.n) + "; high=" + std::to_string(j.mine.high) +
                 "; share=" + fixed(static_cast<double>(j.mine.high) / j.mine.n, 3) +
                 "; peer_n=" + std::to_string(j.peers.n);
    if (j.vs_peers.judged)
      c.evidence += "; benchmark=" + fixed(j.vs_peers.benchmark, 3) + "; z=" + fixed(j.vs_peers.z, 2) +
                    "; limit95=" + fixed(j.vs_peers.upper95, 3) +
                    "; limit99.8=" + fixed(j.vs_peers.upper998, 3) +
                    "; excess_spells=" + fixed(j.vs_peers.excess, 1);
    else
      c.evidence += "; benchmark=not judged";
    if (j.past) {
      c.evidence += "; prev_n=" + std::to_string(j.past->n) + "; prev_high=" + std::to_string(j.past->high);
      if (j.vs_past.judged)
        c.evidence += "; prev_share=" + fixed(j.vs_past.benchmark, 3) + "; prev_z=" + fixed(j.vs_past.z, 2) +
                      "; prev_limit99.8=" + fixed(j.vs_past.upper998, 3) +
                      "; prev_excess_spells=" + fixed(j.vs_past.excess, 1);
    }
    c.evidence += "; price_diff=" + format_money(diff) + "; flagged_by=" +
                  (j.flag_peers ? (j.flag_past ? "peers,previous_period" : "peers") : "previous_period");
    return c;
  }
};

}  // namespace

RECON_REGISTER_RULE(HrgCreepRule)

}  // namespace recon
