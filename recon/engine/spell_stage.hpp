#pragma once
// Episodes into spells, before any rule runs (docs/data_contract.md "Episode-level admitted care").
//
// HES admitted patient care has one row per consultant episode; a hospital stay (a spell, what is paid) is
// one or more episodes. The rules judge spells: episodes 2 and 3 of one stay are not duplicates of episode
// 1, and an unfinished stay is not a 0-day emergency.
//
// Which rows wait. An APC row is a whole spell by itself when it is its spell's first episode (EPIORDER 1,
// or no EPIORDER) and the spell ended with it (a DISDATE, and no EPIEND or an EPIEND on the DISDATE): the row
// stage checks it at once, exactly as a spell-level row, so a spell-level file reads as it always has. Any
// other row is held (its fields copied) until the file is read; then the held episodes are grouped into
// spells, each spell merged into one row and checked as rows are.
//
// The spell key: provider + SUSSPELLID where the extract has a spell id; where it has none (the HES files
// read with the episode key EPIKEY as record id) provider + patient id + admission date, as HES analysts
// group episodes into spells.
//
// The merged spell row (why: a spell is priced once, from its HRG; its diagnoses are every diagnosis coded
// during the stay, which is what the grouper's complication-and-comorbidity score and the coding checks
// judge):
//   - every field from the first episode (lowest EPIORDER, then EPISTART, then line): admission date,
//     method and source, patient, practice, the record id and the line challenges cite;
//   - DISDATE, DISMETH and EPIEND from the last episode;
//   - SUSHRG and PRICE: the first episode's that has one (the spell's HRG and price, counted once);
//   - diagnoses: the first episode's primary diagnosis first, then every other code of every episode in
//     episode order, each once, up to the 20 positions; procedures likewise up to 24. Codes past the
//     positions are counted (SpellCounts::codes_dropped), never silently lost.
// An open spell (its last episode has no DISDATE) is not billable yet: it is not priced, checked or
// matched; it is listed in open_spells.csv and counted, and its episodes are accepted rows.
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "core/records.hpp"
#include "parsers/ingest.hpp"

namespace recon {

// One episode held back until its spell is complete: its fields as the ingest gave them (schema order).
struct HeldEpisode {
  SourcePos pos;
  std::uint64_t spell_key = 0;
  std::uint16_t epiorder = 0;
  Day epistart = kNoDay;
  bool has_disdate = false;
  Code procode;  // as built (PROCODE5 read as its trust's 3 characters)
  Day admidate = kNoDay;
  std::string text;                 // the field values back to back
  std::vector<std::uint32_t> ends;  // where each field's value ends in `text`
  std::vector<Code> diag, opertn;   // the built row's codes, by position (empty codes in gaps)
  std::string_view field(std::size_t f) const {
    const std::uint32_t begin = f ? ends[f - 1] : 0;
    return std::string_view(text).substr(begin, ends[f] - begin);
  }
};

// An unfinished stay: listed for the user, never checked.
struct OpenSpell {
  SourcePos pos;   // of its first episode
  std::string id;  // its record id (SUSSPELLID, else the first episode's key)
  Code procode;
  Day admidate = kNoDay;
  std::uint32_t episodes = 0;
};

// What one APC file's episodes became.
struct SpellCounts {
  std::string path;
  std::uint64_t held_episodes = 0;          // rows that were episodes of a multi-episode or open spell
  std::uint64_t spells = 0;                 // finished spells built from them
  std::uint64_t open_spells = 0;            // unfinished spells (their episodes are in held_episodes)
  std::uint64_t without_first_episode = 0;  // finished or open spells whose EPIORDER 1 was not in the file
  std::uint64_t codes_dropped = 0;          // diagnosis/procedure codes past the merged row's positions
};

class SpellAssembler {
 public:
  // `key_by_patient`: the file has no spell id (its record id is the episode's), so episodes are grouped by
  // provider + patient + admission date.
  explicit SpellAssembler(bool key_by_patient) : key_by_patient_(key_by_patient) {}

  // True when the row (`built` from `fields`) must wait for the other episodes of its spell.
  static bool must_wait(const ApcRow& built);
  // Copies an episode (parallel: each chunk holds its own).
  HeldEpisode hold(const FieldRow& fields, const ApcRow& built) const;
  // A chunk's held episodes, serially and in file order.
  void add(std::vector<HeldEpisode>& batch);
  bool empty() const { return held_.size() == 0; }

  // Groups the held episodes into spells, in the order of each spell's first episode in the file: calls
  // `spell` with each finished spell's merged row and its episodes (first first); lists the open ones.
  void finish(const std::function<void(const FieldRow& merged, std::span<const HeldEpisode> episodes)>& spell,
              std::vector<OpenSpell>& open, SpellCounts& counts);

 private:
  bool key_by_patient_;
  std::vector<HeldEpisode> held_;
};

}  // namespace recon
