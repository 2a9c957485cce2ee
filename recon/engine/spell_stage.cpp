#include "recon/engine/spell_stage.hpp"

#include <xxhash.h>

#include <algorithm>
#include <span>

#include "parsers/schema.hpp"

namespace recon {
namespace {

std::uint64_t hash_parts(std::initializer_list<std::string_view> parts) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  for (std::string_view p : parts) {
    const std::uint64_t size = p.size();  // length-prefixed: ("AB","C") and ("A","BC") differ
    XXH3_64bits_update(state, &size, sizeof size);
    XXH3_64bits_update(state, p.data(), p.size());
  }
  const std::uint64_t h = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  return h;
}

// Order of a spell's episodes: EPIORDER (none counts as 1), then EPISTART, then file position.
bool episode_order(const HeldEpisode& a, const HeldEpisode& b) {
  if (a.spell_key != b.spell_key) return a.spell_key < b.spell_key;
  const int oa = a.epiorder ? a.epiorder : 1, ob = b.epiorder ? b.epiorder : 1;
  if (oa != ob) return oa < ob;
  if (a.epistart != b.epistart) return a.epistart < b.epistart;
  return a.pos < b.pos;
}

// Appends `codes` (one episode's, by position) to `out` in order, each code once; the first position of the
// first episode is the spell's primary diagnosis and keeps its place even when empty.
void merge_codes(std::span<const HeldEpisode> episodes, std::vector<Code> HeldEpisode::*codes,
                 std::size_t positions, std::vector<Code>& out, std::uint64_t& dropped) {
  out.clear();
  bool first = true;
  for (const HeldEpisode& e : episodes) {
    for (std::size_t i = 0; i < (e.*codes).size(); ++i) {
      const Code c = (e.*codes)[i];
      if (first && i == 0) {
        out.push_back(c);
        continue;
      }
      if (c.empty() || std::find(out.begin(), out.end(), c) != out.end()) continue;
      if (out.size() == positions) {
        ++dropped;
        continue;
      }
      out.push_back(c);
    }
    first = false;
  }
}

}  // namespace

bool SpellAssembler::must_wait(const ApcRow& built) {
  const bool first_episode = built.epiorder <= 1;
  const bool ended_here =
      built.disdate != kNoDay && (built.epiend == kNoDay || built.epiend == built.disdate);
  return !(first_episode && ended_here);
}

HeldEpisode SpellAssembler::hold(const FieldRow& fields, const ApcRow& built) const {
  HeldEpisode e;
  e.pos = fields.pos;
  e.epiorder = built.epiorder;
  e.epistart = built.epistart;
  e.has_disdate = built.disdate != kNoDay;
  e.procode = built.procode;
  e.admidate = built.admidate;
  const std::string procode = built.procode.str(), admidate = std::to_string(built.admidate);
  e.spell_key = key_by_patient_ ? hash_parts({procode, fields[apc::NHSNUMBER], admidate})
                                : hash_parts({procode, fields[apc::SUSSPELLID]});
  e.ends.reserve(fields.values.size());
  for (std::string_view v : fields.values) {
    e.text.append(v);
    e.ends.push_back(static_cast<std::uint32_t>(e.text.size()));
  }
  e.diag.assign(built.diag.begin(), built.diag.begin() + built.n_diag);
  e.opertn.assign(built.opertn.begin(), built.opertn.begin() + built.n_opertn);
  return e;
}

void SpellAssembler::add(std::vector<HeldEpisode>& batch) {
  held_.insert(held_.end(), std::make_move_iterator(batch.begin()), std::make_move_iterator(batch.end()));
  batch.clear();
}

void SpellAssembler::finish(const std::function<void(const FieldRow&, std::span<const HeldEpisode>)>& spell,
                            std::vector<OpenSpell>& open, SpellCounts& counts) {
  counts.held_episodes += held_.size();
  std::sort(held_.begin(), held_.end(), episode_order);
  // Spells in the order of their first episode's position in the file (the order checked, for determinism
  // of everything downstream that is not sorted again).
  struct Group {
    std::size_t begin, end;
    SourcePos first_pos;
  };
  std::vector<Group> groups;
  for (std::size_t i = 0; i < held_.size();) {
    std::size_t j = i;
    SourcePos first = held_[i].pos;
    while (j < held_.size() && held_[j].spell_key == held_[i].spell_key)
      first = std::min(first, held_[j++].pos);
    groups.push_back({i, j, first});
    i = j;
  }
  std::sort(groups.begin(), groups.end(),
            [](const Group& a, const Group& b) { return a.first_pos < b.first_pos; });

  std::vector<std::string_view> values;
  std::vector<Code> diag, opertn;
  std::vector<std::string> code_text;
  for (const Group& g : groups) {
    const std::span<const HeldEpisode> episodes(held_.data() + g.begin, g.end - g.begin);
    const HeldEpisode& first = episodes.front();
    const HeldEpisode& last = episodes.back();
    if (first.epiorder > 1) ++counts.without_first_episode;
    if (!last.has_disdate) {
      ++counts.open_spells;
      open.push_back({first.pos, std::string(first.field(apc::SUSSPELLID)), first.procode, first.admidate,
                      static_cast<std::uint32_t>(episodes.size())});
      continue;
    }
    ++counts.spells;
    values.assign(first.ends.size(), {});
    for (std::size_t f = 0; f < values.size(); ++f) values[f] = first.field(f);
    for (int f : {apc::DISDATE, apc::DISMETH, apc::EPIEND}) values[f] = last.field(f);
    for (int f : {apc::SUSHRG, apc::PRICE})
      for (const HeldEpisode& e : episodes)
        if (!e.field(f).empty()) {
          values[f] = e.field(f);
          break;
        }
    merge_codes(episodes, &HeldEpisode::diag, 20, diag, counts.codes_dropped);
    merge_codes(episodes, &HeldEpisode::opertn, 24, opertn, counts.codes_dropped);
    code_text.clear();
    for (const Code c : diag) code_text.push_back(c.str());
    for (const Code c : opertn) code_text.push_back(c.str());
    for (int i = 0; i < 20; ++i) values[apc::DIAG_01 + i] = {};
    for (int i = 0; i < 24; ++i) values[apc::OPERTN_01 + i] = {};
    for (std::size_t i = 0; i < diag.size(); ++i) values[apc::DIAG_01 + i] = code_text[i];
    for (std::size_t i = 0; i < opertn.size(); ++i) values[apc::OPERTN_01 + i] = code_text[diag.size() + i];
    spell(FieldRow{values, first.pos}, episodes);
  }
  held_.clear();
  held_.shrink_to_fit();
}

}  // namespace recon
