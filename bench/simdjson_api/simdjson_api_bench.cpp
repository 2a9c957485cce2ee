// Which simdjson API reads an NDJSON extract faster with Debian's libsimdjson (issue 16 asked whether On
// Demand beats the DOM recon uses): reads a file line by line and takes every field of each object out as
// text, as recon's NDJSON parser does, with the DOM API (numbers formatted back to text, as recon does) and
// with On Demand (numbers as their raw text). Prints lines, seconds and MB/s for each, and the kernels: both
// parsers index a line with the one chosen at run time (simdjson 3's On Demand parser takes it from
// get_active_implementation() too); the library's built-in kernel, printed beside it, is what its compile
// options alone would give.
// Usage: simdjson_api_bench FILE.ndjson [dom|ondemand]...   (bench/simdjson_api.sh runs it)
#include <simdjson.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

namespace {

struct Tally {
  std::size_t lines = 0, bad = 0, bytes = 0;  // bytes: of the values and keys taken out (keeps them live)
};

// The DOM path, as parsers/ingest.cpp's NdjsonParser: parse, then every value out as text.
void dom_line(simdjson::dom::parser& parser, const char* p, std::size_t len, std::string& numbers, Tally& t) {
  using namespace simdjson;
  dom::element doc;
  dom::object obj;
  if (parser.parse(reinterpret_cast<const std::uint8_t*>(p), len, false).get(doc) ||
      doc.get_object().get(obj)) {
    ++t.bad;
    return;
  }
  numbers.clear();
  for (dom::key_value_pair kv : obj) {
    std::string_view out;
    char buf[32];
    std::size_t n = 0;
    switch (kv.value.type()) {
      case dom::element_type::STRING:
        out = std::string_view(kv.value);
        break;
      case dom::element_type::DOUBLE:
        n = static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, double(kv.value)).ptr - buf);
        break;
      case dom::element_type::INT64:
        n = static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, std::int64_t(kv.value)).ptr - buf);
        break;
      default:
        break;
    }
    if (n) {
      numbers.append(buf, n);
      out = std::string_view(buf, n);
    }
    t.bytes += out.size() + kv.key.size();
  }
}

// On Demand: the object walked once, strings unescaped, numbers as they were written.
void ondemand_line(simdjson::ondemand::parser& parser, const char* p, std::size_t len, std::size_t capacity,
                   Tally& t) {
  using namespace simdjson;
  ondemand::document doc;
  ondemand::object obj;
  if (parser.iterate(p, len, capacity).get(doc) || doc.get_object().get(obj)) {
    ++t.bad;
    return;
  }
  for (auto field : obj) {
    std::string_view key, out;
    ondemand::value v;
    ondemand::json_type type;
    if (field.unescaped_key().get(key) || field.value().get(v) || v.type().get(type)) {
      ++t.bad;
      return;
    }
    if (type == ondemand::json_type::string) {
      if (v.get_string().get(out)) {
        ++t.bad;
        return;
      }
    } else if (type == ondemand::json_type::number) {
      out = v.raw_json_token();
    }
    t.bytes += out.size() + key.size();
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: simdjson_api_bench FILE.ndjson [dom|ondemand]...\n");
    return 2;
  }
  simdjson::padded_string text;
  if (simdjson::padded_string::load(argv[1]).get(text)) {
    std::fprintf(stderr, "cannot read %s\n", argv[1]);
    return 1;
  }
  std::printf("kernels: chosen at run time (both APIs' stage 1) %s; the library's built-in %s\n",
              simdjson::get_active_implementation()->name().c_str(),
              simdjson::builtin_implementation()->name().c_str());
  simdjson::dom::parser dom_parser;
  simdjson::ondemand::parser ondemand_parser;
  std::string numbers;
  for (int a = 2; a < argc; ++a) {
    const std::string api = argv[a];
    if (api != "dom" && api != "ondemand") {
      std::fprintf(stderr, "unknown API %s\n", argv[a]);
      return 2;
    }
    Tally t;
    const auto start = std::chrono::steady_clock::now();
    const char* p = text.data();
    const char* end = p + text.size();
    while (p < end) {
      const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
      const char* line_end = nl ? nl : end;
      const auto len = static_cast<std::size_t>(line_end - p);
      ++t.lines;
      if (api == "dom")
        dom_line(dom_parser, p, len, numbers, t);
      else  // the rest of the file, and its padding, lies after the line
        ondemand_line(ondemand_parser, p, len, static_cast<std::size_t>(end - p) + simdjson::SIMDJSON_PADDING,
                      t);
      p = line_end + 1;
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%-8s %zu lines (%zu not read), %.2f s, %.0f MB/s (check %zu)\n", api.c_str(), t.lines, t.bad,
                s, static_cast<double>(text.size()) / s / 1e6, t.bytes);
  }
  return 0;
}
