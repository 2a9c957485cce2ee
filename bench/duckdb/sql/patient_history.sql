-- patient_history.sql: what the patient rules share (rules/patient/patient_history.hpp).
--
-- Only the records recon keeps for patient matching (load.sql's `keep`).
-- rn: the record's position in its input file (the load tables' rowid, in file order). recon orders a
-- patient's history by (NHS number, start, end, dataset, provider, file position), so among records equal
-- on everything else the one earlier in the file comes first.
--
-- is_dup: the record repeats an earlier record's claim (DUP). The same claim = same patient, dataset,
-- provider, start and end dates and HRG; outpatients also the treatment function; A&E also the attendance
-- category (a same-day unplanned return to A&E is a real second attendance). The first copy in input order is
-- the original; every later copy is a duplicate, whatever its record id. Each dataset is its own table, so
-- "same dataset" is implicit. A missing HRG / TRETSPEF equals another missing one (PARTITION BY groups
-- NULLs together), as recon's empty codes do.

CREATE TABLE apc AS
SELECT rowid AS rn, * EXCLUDE (keep),
       row_number() OVER (PARTITION BY nhs, start_date, end_date, procode, hrg ORDER BY rowid) > 1 AS is_dup
FROM apc_in
WHERE keep;
DROP TABLE apc_in;

CREATE TABLE op AS
SELECT rowid AS rn, * EXCLUDE (keep),
       row_number() OVER (PARTITION BY nhs, start_date, procode, hrg, tretspef ORDER BY rowid) > 1 AS is_dup
FROM op_in
WHERE keep;
DROP TABLE op_in;

CREATE TABLE ae AS
SELECT rowid AS rn, * EXCLUDE (keep),
       row_number() OVER (PARTITION BY nhs, start_date, procode, hrg, attendcat ORDER BY rowid) > 1 AS is_dup
FROM ae_in
WHERE keep;
DROP TABLE ae_in;

-- The clinical exclusions of the PbR spell rules.
-- Maternity spell: ADMIMETH 31-32, or treatment function 501 (obstetrics) / 560 (midwife episode).
CREATE MACRO is_maternity_spell(admimeth, tretspef) AS
  admimeth BETWEEN 31 AND 32 OR coalesce(tretspef IN ('501', '560'), false);
-- Primary diagnosis in ICD-10 C00-D48 (neoplasms), by its 3-character category.
CREATE MACRO is_neoplasm(category) AS coalesce(category BETWEEN 'C00' AND 'D48', false);
-- CLASSPAT 3/4: regular day / night attenders.
CREATE MACRO is_regular_attender(classpat) AS classpat IN (3, 4);
-- ADMIMETH groups (core/pricing.hpp).
CREATE MACRO is_elective(admimeth) AS admimeth BETWEEN 11 AND 13;
CREATE MACRO is_emergency(admimeth) AS admimeth BETWEEN 20 AND 28;
-- Age in whole years on a day (core/day.cpp age_in_years).
CREATE MACRO age_in_years(dob, on_day) AS
  year(on_day) - year(dob)
  - CASE WHEN month(on_day) < month(dob) OR (month(on_day) = month(dob) AND day(on_day) < day(dob)) THEN 1 ELSE 0 END;
