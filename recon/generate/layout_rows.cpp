#include "recon/generate/layout_rows.hpp"

#include "recon/generate/field_text.hpp"

namespace recon::generate {

std::unique_ptr<LayoutRowWriter> make_hes_row_writer(const GeneratorShared& shared);  // hes_rows.cpp
std::unique_ptr<LayoutRowWriter> make_sus_row_writer(const GeneratorShared& shared);  // sus_rows.cpp

std::unique_ptr<LayoutRowWriter> make_layout_row_writer(OutputLayout layout, const GeneratorShared& shared) {
  switch (layout) {
    case OutputLayout::hes:
      return make_hes_row_writer(shared);
    case OutputLayout::sus:
      return make_sus_row_writer(shared);
    default:
      return nullptr;
  }
}

std::string_view site_code(char* buf, std::string_view provider, std::uint64_t patient_index) {
  const std::size_t n = provider.copy(buf, 3);
  digits_text(buf + n, static_cast<int>(1 + patient_index % 3), 2);
  return {buf, n + 2};
}

}  // namespace recon::generate
