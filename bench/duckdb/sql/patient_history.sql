-- patient_history.sql: what the patient rules share (rules/patient/patient_history.hpp).
--
-- Only the records recon keeps for patient matching (load.sql's `keep`).
-- rn: the record's position in its input file (the load tables' rowid, in file order). recon orders a
-- patient's history by (NHS number, start, end, dataset, provider, file position), so among records equal
-- on everything else the one earlier in the file comes first.
--
-- is_dup: the record repeats another record's claim (DUP) and is not the copy kept as the original. The same
-- claim = same patient, dataset, provider and dates, whatever the HRG and record id; APC spells admitted and
-- discharged the same day also the same admission method; outpatients also the treatment function; A&E also
-- the attendance category and the HRG (a same-day unplanned return to A&E is a real second attendance). The
-- original is the copy with the highest copy_rank (load.sql: the more complete, then the later submitted), then
-- the first in input order. Each dataset is its own table, so "same dataset" is implicit. A missing TRETSPEF /
-- HRG equals another missing one (PARTITION BY groups NULLs together), as recon's empty codes do.

CREATE TABLE apc AS
SELECT rowid AS rn, * EXCLUDE (keep),
       row_number() OVER (PARTITION BY nhs, start_date, end_date, procode,
                                       CASE WHEN start_date = end_date THEN admimeth ELSE 0 END
                          ORDER BY copy_rank DESC, rowid) > 1 AS is_dup
FROM apc_in
WHERE keep;
DROP TABLE apc_in;

CREATE TABLE op AS
SELECT rowid AS rn, * EXCLUDE (keep),
       row_number() OVER (PARTITION BY nhs, start_date, procode, tretspef ORDER BY copy_rank DESC, rowid) > 1
         AS is_dup
FROM op_in
WHERE keep;
DROP TABLE op_in;

CREATE TABLE ae AS
SELECT rowid AS rn, * EXCLUDE (keep),
       row_number() OVER (PARTITION BY nhs, start_date, procode, hrg, attendcat ORDER BY copy_rank DESC, rowid) > 1
         AS is_dup
FROM ae_in
WHERE keep;
DROP TABLE ae_in;

-- The clinical exclusions of the PbR spell rules.
-- Maternity spell: ADMIMETH 31-32, treatment function 501 (obstetrics) / 560 (midwife episode), or an HRG in
-- chapter NZ.
CREATE MACRO is_maternity_spell(admimeth, tretspef, hrg) AS
  admimeth BETWEEN 31 AND 32 OR coalesce(tretspef IN ('501', '560'), false) OR coalesce(left(hrg, 2) = 'NZ', false);
-- Chemotherapy (HRG chapter SB), radiotherapy (SC), renal dialysis (LD, LE).
CREATE MACRO is_planned_series_treatment(hrg) AS coalesce(left(hrg, 2) IN ('SB', 'SC', 'LD', 'LE'), false);
-- Primary diagnosis of cancer as the national readmission rule counts it (3-character category): C00-C97 and
-- D37-D48, not D00-D36.
CREATE MACRO is_cancer(category) AS
  coalesce(category BETWEEN 'C00' AND 'C97' OR category BETWEEN 'D37' AND 'D48', false);
-- CLASSPAT 3/4: regular day / night attenders.
CREATE MACRO is_regular_attender(classpat) AS classpat IN (3, 4);
-- ADMIMETH groups (core/pricing.hpp).
CREATE MACRO is_elective(admimeth) AS admimeth BETWEEN 11 AND 13;
CREATE MACRO is_emergency(admimeth) AS admimeth BETWEEN 20 AND 28;
-- Age in whole years on a day (core/day.cpp age_in_years).
CREATE MACRO age_in_years(dob, on_day) AS
  year(on_day) - year(dob)
  - CASE WHEN month(on_day) < month(dob) OR (month(on_day) = month(dob) AND day(on_day) < day(dob)) THEN 1 ELSE 0 END;
