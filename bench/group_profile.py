#!/usr/bin/env python3
# Groups a flat perf profile of a recon run by what the symbols do, for bench/RESULTS.md's profile tables.
# Usage:
#   perf record -F 1000 -o perf.data build/recon run ... --threads 1
#   perf report -i perf.data --no-children --percent-limit 0 --stdio > profile.txt
#   bench/group_profile.py profile.txt
# Each symbol goes to the first group whose pattern it matches (the order below matters); the largest
# symbols that match none are listed under "other".
import collections
import re
import sys

GROUPS = collections.OrderedDict([
    ('CSV: reading, cutting chunks, tokenizing, column map', r'Tokenizer|CsvParser|csv::|MarkFieldEnds|ChunkReader|find_cut|trim_|FieldEnds|count_byte'),
    ('practice-list look-ups', r'PracticeData|prefetch|registrations_of|referrals_of|conditions_of|FlatU64|nhs_index'),
    ('patient store and patient rules', r'ActivityStore|run_patient_stage|check_patient|patient_history|ActivityPartition|duplicate_originals|PatientRule'),
    ('challenge list, formatting and writing outputs', r'append_json|append_csv|ChallengeSpool|ChallengeBlock|write_|AtomicFile|append_money|append_day|format_|XXH|digest|challenge|Challenge|OutputSet|json'),
    ('typed rows: fields read as codes, dates, NHS numbers, money; compacting and pricing', r'build_|Reader::|read_day|read_extract|parse_|normalise_clinical|position_code|holds_code_list|compact_|price_|small_number|upper_of|date_of_birth|read_money|plain_amount|Reference::|calendar_for|find_icd10|qof_register|cc_score'),
    ('row rules and data-quality measures', r'Rule|Measure|measure|note_patient|check_row|check_apc|check_op|check_ae|cc_split|subdivided|listed|chapter_of|age_|RowStage::check_oldest'),
    ('row stage queue and merge', r'RowStage|tbb|concrete_filter|pipeline'),
    ('malloc and free', r'malloc|_int_free|free|cfree|_int_realloc|realloc'),
    ('libc copies and compares', r'memmove|memcpy|memset|memcmp|memchr|strlen'),
    ('kernel', r'\[k\]'),
])


def main(path):
    totals, other = collections.Counter(), collections.Counter()
    for line in open(path):
        m = re.match(r'\s*([0-9.]+)%\s+\S+\s+(\S+)\s+(\[.\])\s+(.*)', line)
        if not m:
            continue
        share, symbol = float(m.group(1)), m.group(3) + ' ' + m.group(4)
        for group, pattern in GROUPS.items():
            if re.search(pattern, symbol):
                totals[group] += share
                break
        else:
            other[symbol[:80]] += share
    for group in GROUPS:
        print(f"{totals[group]:5.1f}% {group}")
    print(f"{sum(other.values()):5.1f}% other")
    for symbol, share in other.most_common(12):
        print(f"        {share:4.2f}% {symbol}")


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit('usage: bench/group_profile.py PERF_REPORT_TEXT')
    main(sys.argv[1])
