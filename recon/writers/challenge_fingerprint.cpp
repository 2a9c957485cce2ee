#include "recon/writers/challenge_fingerprint.hpp"

#include <xxhash.h>

#include "core/day.hpp"
#include "core/money.hpp"
#include "core/nhs_number.hpp"

namespace recon {
namespace {
// Bumped only if the facts hashed ever change: every fingerprint would change with it (docs/history.md).
constexpr std::string_view kFingerprintVersion = "recon challenge fingerprint 1";
// EVIDENCE without the items that are no fact of the record: as_of (the run date that "in the future" checks
// quote: a record still in the future next month is the same challenge), and an invoice line's place in its
// file (invoice=FILE:LINE, billed_first=FILE:LINE: next month's invoice, re-issued with the same line in
// another place or under another name, bills the same item).
void append_facts_of_evidence(std::string& facts, std::string_view evidence) {
  bool first = true;
  while (!evidence.empty()) {
    const std::size_t end = evidence.find("; ");
    const std::string_view item = evidence.substr(0, end);
    evidence = end == std::string_view::npos ? std::string_view() : evidence.substr(end + 2);
    if (item.starts_with("as_of=") || item.starts_with("invoice=") || item.starts_with("billed_first="))
      continue;
    if (!first) facts += "; ";
    facts += item;
    first = false;
  }
}

}  // namespace

Fingerprint challenge_fingerprint(const Challenge& c) {
  // Fields end with a unit separator, which no field of the facts' text contains in practice; an empty
  // field still counts, so ("AB","") and ("A","B") differ.
  std::string facts;
  facts.reserve(96 + c.record_id.size() + c.evidence.size());
  facts += kFingerprintVersion;
  auto field = [&](std::string_view text) {
    facts += text;
    facts += '\x1f';
  };
  field(c.rule);
  field(dataset_name(c.dataset));
  field(c.procode.str());
  field(c.gpprac.str());
  field(c.record_id);
  if (c.nhs) facts += format_nhs_number(c.nhs);
  facts += '\x1f';
  append_day(facts, c.activity_date);
  facts += '\x1f';
  append_money(facts, c.charged);
  facts += '\x1f';
  append_money(facts, c.challenged);
  facts += '\x1f';
  append_facts_of_evidence(facts, c.evidence);
  facts += '\x1f';
  const XXH128_hash_t h = XXH3_128bits(facts.data(), facts.size());
  return {h.high64, h.low64};
}

void append_fingerprint(std::string& out, Fingerprint f) {
  // Into a buffer, then one append: the list writers add two per challenge (CSV and JSON), and a character
  // at a time was a capacity check each.
  static constexpr char kHex[] = "0123456789abcdef";
  char text[32];
  for (int i = 0; i < 16; ++i) {
    text[i] = kHex[(f.high >> (60 - 4 * i)) & 15];
    text[16 + i] = kHex[(f.low >> (60 - 4 * i)) & 15];
  }
  out.append(text, sizeof text);
}

std::string fingerprint_text(Fingerprint f) {
  std::string s;
  append_fingerprint(s, f);
  return s;
}

std::optional<Fingerprint> parse_fingerprint(std::string_view text) {
  if (text.size() != 32) return std::nullopt;
  Fingerprint f;
  for (std::size_t i = 0; i < 32; ++i) {
    const char ch = text[i];
    int digit;
    if (ch >= '0' && ch <= '9')
      digit = ch - '0';
    else if (ch >= 'a' && ch <= 'f')
      digit = ch - 'a' + 10;
    else if (ch >= 'A' && ch <= 'F')
      digit = ch - 'A' + 10;
    else
      return std::nullopt;
    std::uint64_t& half = i < 16 ? f.high : f.low;
    half = (half << 4) | static_cast<std::uint64_t>(digit);
  }
  return f;
}

FingerprintBytes fingerprint_bytes(Fingerprint f) {
  FingerprintBytes bytes{};
  for (int i = 0; i < 8; ++i) {
    bytes[i] = static_cast<unsigned char>(f.high >> (56 - 8 * i));
    bytes[8 + i] = static_cast<unsigned char>(f.low >> (56 - 8 * i));
  }
  return bytes;
}

std::optional<Fingerprint> fingerprint_from_bytes(std::string_view bytes) {
  if (bytes.size() != 16) return std::nullopt;
  Fingerprint f;
  for (int i = 0; i < 8; ++i) {
    f.high = (f.high << 8) | static_cast<unsigned char>(bytes[i]);
    f.low = (f.low << 8) | static_cast<unsigned char>(bytes[8 + i]);
  }
  return f;
}

}  // namespace recon
