#include "recon/generate/field_text.hpp"

#include <charconv>
#include <vector>

namespace recon::generate {

namespace {

// Every date written is looked up in a table of pre-formatted dates (1880-2149): formatting dates was the
// single biggest cost of writing rows.
class DateTexts {
 public:
  DateTexts() : text_(static_cast<std::size_t>(kLast - kFirst) * 10) {
    for (Day d = kFirst; d < kLast; ++d)
      format_iso_date(text_.data() + static_cast<std::size_t>(d - kFirst) * 10, d);
  }
  std::string_view get(char* buf, Day day) const {
    if (day < kFirst || day >= kLast) {
      format_iso_date(buf, day);
      return {buf, 10};
    }
    return {text_.data() + static_cast<std::size_t>(day - kFirst) * 10, 10};
  }

 private:
  static constexpr Day kFirst = days_from_civil(1880, 1, 1);
  static constexpr Day kLast = days_from_civil(2150, 1, 1);
  std::vector<char> text_;
};

}  // namespace

std::string_view date_text(char* buf, Day day) {
  static const DateTexts texts;
  return texts.get(buf, day);
}

std::string_view digits_text(char* buf, int value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return {buf, static_cast<std::size_t>(width)};
}

std::string_view price_text(char* buf, std::int64_t pence) {
  auto end = std::to_chars(buf, buf + 20, pence / 100).ptr;
  *end++ = '.';
  *end++ = static_cast<char>('0' + (pence % 100) / 10);
  *end++ = static_cast<char>('0' + pence % 10);
  return {buf, static_cast<std::size_t>(end - buf)};
}

std::string_view id_text(char* buf, std::string_view prefix, std::uint64_t number, int width) {
  std::size_t n = prefix.copy(buf, prefix.size());
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  const auto len = static_cast<int>(end - digits);
  for (int i = len; i < width; ++i) buf[n++] = '0';
  for (int i = 0; i < len; ++i) buf[n++] = digits[i];
  return {buf, n};
}

// Half of the trusts write ICD-10 codes with the dot ("I50.0"), as real extracts mix both styles.
std::string_view icd_text(char* buf, const IcdCode& code, bool dotted) {
  if (!dotted || !code.in_catalogue || code.text[3] == 'X') return code.code();
  buf[0] = code.text[0];
  buf[1] = code.text[1];
  buf[2] = code.text[2];
  buf[3] = '.';
  buf[4] = code.text[3];
  return {buf, 5};
}

std::string_view bad_date_text(char* buf, Day day, std::uint32_t variant) {
  const int year = civil_from_days(day).year;
  switch (variant % 3) {
    case 0:
      digits_text(buf, year, 4);
      std::string_view("-02-30").copy(buf + 4, 6);  // a day February never has
      return {buf, 10};
    case 1:
      digits_text(buf, year, 4);
      std::string_view("-13-07").copy(buf + 4, 6);  // month 13
      return {buf, 10};
    default:
      return "N/A";
  }
}

std::string_view note_text(std::uint8_t note) {
  if (note == 1) return "Transferred from ward 7, see discharge summary";
  if (note == 2) return "Coder query:\nprimary diagnosis confirmed with consultant";
  return {};
}

int id_width(std::uint64_t rows) {
  int digits = 1;
  for (std::uint64_t v = rows; v >= 10; v /= 10) ++digits;
  return std::max(7, digits);
}

}  // namespace recon::generate
