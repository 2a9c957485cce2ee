#include "recon/writers/resolved_csv.hpp"

#include "recon/writers/atomic_file.hpp"

namespace recon {

void write_resolved_csv(const std::vector<PreviousChallenge>& resolved, const ChallengeHistory& history,
                        const std::string& path) {
  AtomicFile f(path);
  f << "FINGERPRINT,STATUS,RULE,SEVERITY,PROCODE3,GPPRAC,DATASET,RECORD_ID,NHSNUMBER,ACTIVITY_DATE,CHARGED,"
       "CHALLENGED,LAST_RUN_ID,LAST_CHALLENGE_ID,FIRST_RUN_ID,RESPONSE,COMMENT\n";
  std::string row;
  for (const PreviousChallenge& challenge : resolved) {
    const PreviousChallenge* c = &challenge;
    row.clear();
    append_fingerprint(row, c->fingerprint);
    row += ',';
    row += kResolvedStatus;
    for (const std::string* text : {&c->rule, &c->severity, &c->procode, &c->gpprac, &c->dataset,
                                    &c->record_id, &c->nhs, &c->activity_date}) {
      row += ',';
      append_csv_field(row, *text);
    }
    row += ',';
    append_money(row, c->charged);
    row += ',';
    append_money(row, c->challenged);
    for (const std::string* text : {&history.previous_run_id, &c->challenge_id, &c->first_run_id}) {
      row += ',';
      append_csv_field(row, *text);
    }
    const ChallengeAnswer* answer = history.find(c->fingerprint).answer;
    row += ',';
    append_csv_field(row, answer ? answer->response : std::string());
    row += ',';
    append_csv_field(row, answer ? answer->comment : std::string());
    row += '\n';
    f << row;
  }
  f.commit();
}

}  // namespace recon
