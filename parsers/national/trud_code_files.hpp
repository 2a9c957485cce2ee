#pragma once
// The TRUD code files as downloaded: the ICD-10 5th edition CodesAndTitlesAndMetadata file and the OPCS-4
// codes-and-titles file, into recon's icd10 and opcs4 tables. Both are tab-separated whatever their
// extension (a copy renamed .csv is read the same). Derivations and their sources:
// docs/national_reference.md.
#include "parsers/national/conversion.hpp"
#include "parsers/national/source_table.hpp"

namespace recon::national {

// CodesAndTitlesAndMetadata (header: CODE, ALT_CODE, USAGE, USAGE_UK, DESCRIPTION, MODIFIER_4, MODIFIER_5,
// QUALIFIERS, GENDER_MASK, MIN_AGE, MAX_AGE, TREE_DESCRIPTION) -> icd10: CODE, SEX, MIN_AGE, MAX_AGE,
// PRIMARY_OK, CHAPTER.
OutputTable read_icd10_metadata(const SourceTable& file, ConversionReport& report);

// The ICD-10 chapter (roman numeral) of a code by its first three characters, per the chapter ranges of
// ICD-10 5th edition; "" when the code is in none.
std::string icd10_chapter(std::string_view code);

// OPCS-4 codes and titles (no header: code, title) -> opcs4: CODE, SEX. The file holds no sex: SEX comes
// from `sex_list` (recon's own opcs4 table, CODE and SEX, kept by hand) when given, else it is empty.
OutputTable read_opcs4_codes(const SourceTable& file, const SourceTable* sex_list, ConversionReport& report);

}  // namespace recon::national
