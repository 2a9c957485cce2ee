#include "recon/writers/spell_outputs.hpp"

#include "recon/writers/atomic_file.hpp"
#include "recon/writers/text_escape.hpp"

namespace recon {

bool run_read_episodes(const RunResult& r) { return !r.spells.empty(); }

void write_open_spells_csv(const RunResult& r, const std::string& path) {
  static const std::string kReason = csv_field(
      "open spell: its last episode has no discharge date, so it is not billable yet and was not checked");
  AtomicFile f(path);
  f << "FILE,LINE,DATASET,RECORD_ID,PROCODE3,ADMIDATE,EPISODES,REASON\n";
  for (const OpenSpell& s : r.open_spells)
    f << csv_field(r.file_paths[s.pos.file]) + ',' + std::to_string(s.pos.line) + ",apc," + csv_field(s.id) +
             ',' + csv_field(s.procode.str()) + ',' + format_day(s.admidate) + ',' +
             std::to_string(s.episodes) + ',' + kReason + '\n';
  f.commit();
}

std::string spells_json_member(const RunResult& r) {
  if (r.spells.empty()) return {};
  std::string out = ",\n  \"spells\": [";
  for (std::size_t i = 0; i < r.spells.size(); ++i) {
    const SpellCounts& c = r.spells[i];
    out += std::string(i ? "," : "") + "\n    {\"path\": " + json_string(c.path) +
           ", \"held_episodes\": " + std::to_string(c.held_episodes) +
           ", \"spells_built\": " + std::to_string(c.spells) +
           ", \"open_spells\": " + std::to_string(c.open_spells) +
           ", \"without_first_episode\": " + std::to_string(c.without_first_episode) +
           ", \"codes_dropped\": " + std::to_string(c.codes_dropped) + "}";
  }
  return out + "\n  ]";
}

}  // namespace recon
