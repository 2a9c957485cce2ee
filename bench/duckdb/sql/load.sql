-- load.sql: read the activity files, the practice referral log and the outpatient tariff into typed tables,
-- keeping exactly the records recon's patient rules see (recon/engine/row_stage.cpp):
--   * a row recon rejects is dropped: a CSV row with the wrong number of fields or an NDJSON line that is
--     not valid JSON (the readers' ignore_errors skips those; an unclosed object reads as all-NULL and is
--     dropped below), an empty record id / provider / activity date, an impossible date, a code longer than
--     8 characters, a PRICE that is not money (parsers/builders.cpp);
--   * only records with a valid NHS number (10 digits, Modulus 11) take part in patient matching.
-- Every value is read as text, trimmed of spaces, tabs and CR, and an empty value is missing (NULL), as in
-- recon's parsers. Codes are upper-cased (recon's Code). Dates are YYYY-MM-DD or YYYYMMDD, year >= 1800.
--
-- The node script replaces {{apc}}, {{op}}, {{ae}}, {{referrals}} and {{tariff_op}} with the reader
-- (read_csv / read_json) of each file. CREATE TABLE ... AS keeps the file's row order
-- (preserve_insertion_order, DuckDB's default), so each table's rowid is the input order that recon uses to
-- break ties ("the first copy in input order is the original"); patient_history.sql takes it as `rn` and
-- keeps the rows marked `keep`. (Filtering here instead would make DuckDB's optimizer push the conditions
-- below the projection and evaluate every parse twice.)

-- A field as recon sees it: trimmed of spaces, tabs and CR, empty = missing. {{trim}} is true unless the
-- node script is run with --trim no (to measure what trimming costs DuckDB: the generated data sets have no
-- padded values, so the challenges are the same either way).
-- (trim only what contains one of those characters: DuckDB's trim with a character list is slow.)
CREATE MACRO fld(x) AS nullif(
  CASE WHEN {{trim}} AND (contains(x, ' ') OR contains(x, E'\t') OR contains(x, E'\r')) THEN trim(x, E' \t\r')
       ELSE x END, '');
-- A code field (PROCODE3, SUSHRG, TRETSPEF, ...) longer than 8 bytes makes the row a reject.
CREATE MACRO code_ok(c) AS c IS NULL OR strlen(c) <= 8;

-- Dates (core/day.cpp parse_day): YYYY-MM-DD or YYYYMMDD, a real calendar day (try_cast / try_strptime
-- give NULL for 2025-02-30), year >= 1800 (the pattern's first two digits); NULL if not a date.
CREATE MACRO day_of(s) AS (
  CASE
    WHEN strlen(s) = 10 AND regexp_full_match(s, '(1[89]|[2-9][0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}')
      THEN try_cast(s AS DATE)
    WHEN strlen(s) = 8 AND regexp_full_match(s, '(1[89]|[2-9][0-9])[0-9]{6}')
      THEN try_strptime(s, '%Y%m%d')::DATE
  END);
-- An optional date: missing, or a valid date.
CREATE MACRO date_ok(s, d) AS s IS NULL OR d IS NOT NULL;

-- Money (core/money.cpp parse_money): optional pound sign, optional sign, digits with thousands commas
-- before the point, at most 15 whole digits, decimals after the second must be 0. A text that does not
-- match the pattern gives empty parts, hence no digit, hence not money.
CREATE MACRO money_parts(s) AS
  regexp_extract(s, '^(?:£)?([+-]?)([0-9,]*)(?:\.([0-9]*))?$', ['sign', 'whole', 'frac']);
CREATE MACRO money_ok(s, p) AS s IS NULL OR (
  strlen(replace(p.whole, ',', '')) + strlen(p.frac) > 0
  AND strlen(replace(p.whole, ',', '')) <= 15
  AND ltrim(substr(p.frac, 3), '0') = '');
CREATE MACRO pence(s, p) AS CASE WHEN s IS NOT NULL THEN
  (CASE WHEN p.sign = '-' THEN -1 ELSE 1 END) *
  (coalesce(TRY_CAST(nullif(replace(p.whole, ',', ''), '') AS BIGINT), 0) * 100 +
   rpad(left(p.frac, 2), 2, '0')::BIGINT) END;

-- NHS number (core/nhs_number.cpp): spaces and hyphens ignored (nhs_digits), exactly 10 digits ...
CREATE MACRO nhs_digits(s) AS replace(replace(s, ' ', ''), '-', '');
CREATE MACRO nhs_number(d) AS CASE WHEN regexp_full_match(d, '[0-9]{10}') THEN d::BIGINT END;
-- ... and valid under Modulus 11: weights 10..2 on the first nine digits, check digit 11 - (sum mod 11),
-- 11 -> 0, 10 -> invalid; ten equal digits (0000000000, 1111111111, ...) are invalid.
CREATE MACRO nhs_check(n) AS (11 - (
  (n // 1000000000 % 10) * 10 + (n // 100000000 % 10) * 9 + (n // 10000000 % 10) * 8 +
  (n // 1000000 % 10) * 7 + (n // 100000 % 10) * 6 + (n // 10000 % 10) * 5 +
  (n // 1000 % 10) * 4 + (n // 100 % 10) * 3 + (n // 10 % 10) * 2) % 11) % 11;
CREATE MACRO nhs_valid(n) AS n IS NOT NULL AND n % 1111111111 <> 0 AND nhs_check(n) = n % 10;

-- Small numeric codes ("1", "02", "21") as a number; 0 if absent or not 1-3 digits <= 255 (small_number).
CREATE MACRO small_number(c) AS
  CASE WHEN regexp_full_match(c, '[0-9]{1,3}') AND c::INTEGER <= 255 THEN c::INTEGER ELSE 0 END;
-- ADMIMETH as a number (admission_method_number); the newer 2A-2D emergency codes count as 20.
CREATE MACRO admimeth_number(c) AS CASE WHEN c IN ('2A', '2B', '2C', '2D') THEN 20 ELSE small_number(c) END;
-- The ICD-10 category (first 3 characters) of a code as recon normalises it (normalise_clinical_code:
-- letters and digits only, upper case).
CREATE MACRO icd10_category(s) AS left(upper(regexp_replace(s, '[^A-Za-z0-9]', '', 'g')), 3);
-- DUP's choice of the original copy (rules/patient/patient_flags.hpp copy_rank): the count of filled fields
-- (at most 63) times 1024, plus SUBDATE minus the start date clamped to 0-1023 (0 without a SUBDATE).
CREATE MACRO filled(x) AS CASE WHEN fld(x) IS NULL THEN 0 ELSE 1 END;
CREATE MACRO gp_known(g) AS g IS NOT NULL AND g NOT IN ('V81997', 'V81998', 'V81999', '&');
CREATE MACRO copy_rank(n_filled, start_date, subdate) AS
  least(n_filled, 63) * 1024 + coalesce(least(greatest(subdate - start_date, 0), 1023), 0);

-- ---------------------------------------------------------------------------------------------------------
-- Admitted patient care spells. Stage f: the fields as text; t: parsed; the last stage: typed record and
-- whether recon keeps it (keep = accepted, not a reject, and a valid NHS number).
CREATE TABLE apc_in AS
WITH f AS (
  SELECT fld(SUSSPELLID) AS id, upper(fld(PROCODE3)) AS procode, nhs_digits(fld(NHSNUMBER)) AS nhs_text,
         fld(DOB) AS dob_text, fld(ADMIDATE) AS admi_text, fld(DISDATE) AS dis_text, fld(SUBDATE) AS sub_text,
         upper(fld(SEX)) AS sex, upper(fld(GPPRAC)) AS gpprac, upper(fld(ADMIMETH)) AS admimeth,
         upper(fld(ADMISORC)) AS admisorc, upper(fld(DISMETH)) AS dismeth, upper(fld(CLASSPAT)) AS classpat,
         upper(fld(TRETSPEF)) AS tretspef, upper(fld(SUSHRG)) AS hrg, fld(DIAG_01) AS diag_01,
         fld(PRICE) AS price_text,
         filled(DIAG_01) + filled(DIAG_02) + filled(DIAG_03) + filled(DIAG_04) + filled(DIAG_05) +
         filled(DIAG_06) + filled(DIAG_07) + filled(DIAG_08) + filled(DIAG_09) + filled(DIAG_10) +
         filled(DIAG_11) + filled(DIAG_12) + filled(DIAG_13) + filled(DIAG_14) + filled(DIAG_15) +
         filled(DIAG_16) + filled(DIAG_17) + filled(DIAG_18) + filled(DIAG_19) + filled(DIAG_20)
         + filled(OPERTN_01) + filled(OPERTN_02) + filled(OPERTN_03) + filled(OPERTN_04) + filled(OPERTN_05) +
         filled(OPERTN_06) + filled(OPERTN_07) + filled(OPERTN_08) + filled(OPERTN_09) + filled(OPERTN_10) +
         filled(OPERTN_11) + filled(OPERTN_12) + filled(OPERTN_13) + filled(OPERTN_14) + filled(OPERTN_15) +
         filled(OPERTN_16) + filled(OPERTN_17) + filled(OPERTN_18) + filled(OPERTN_19) + filled(OPERTN_20) +
         filled(OPERTN_21) + filled(OPERTN_22) + filled(OPERTN_23) + filled(OPERTN_24) AS n_codes
  FROM {{apc}}),
t AS (
  SELECT *, nhs_number(nhs_text) AS nhs, day_of(dob_text) AS dob, day_of(admi_text) AS admidate,
         day_of(dis_text) AS disdate, day_of(sub_text) AS subdate,
         money_parts(price_text) AS price_parts
  FROM f)
SELECT id, procode, nhs, admidate AS start_date, coalesce(disdate, admidate) AS end_date, dob, hrg, tretspef,
       admimeth_number(admimeth) AS admimeth, small_number(classpat) AS classpat,
       icd10_category(diag_01) AS primary_diag_category,
       t.admimeth = '2B' OR coalesce(t.admisorc IN ('51', '52', '53', '87'), false) AS transfer_in,
       coalesce(t.dismeth = '2', false) AS self_discharged,
       copy_rank((dob IS NOT NULL)::INTEGER + (t.sex IS NOT NULL)::INTEGER + gp_known(gpprac)::INTEGER
                 + (t.admimeth IS NOT NULL)::INTEGER + (t.admisorc IS NOT NULL)::INTEGER
                 + (t.dismeth IS NOT NULL)::INTEGER + (t.classpat IS NOT NULL)::INTEGER
                 + (t.tretspef IS NOT NULL)::INTEGER + (t.hrg IS NOT NULL)::INTEGER
                 + (price_text IS NOT NULL)::INTEGER + n_codes,
                 admidate, subdate) AS copy_rank,
       id IS NOT NULL AND procode IS NOT NULL AND admidate IS NOT NULL                  -- required fields
         AND disdate IS NOT NULL        -- an open spell (no discharge date) is not billable yet: recon skips it
         AND date_ok(dob_text, dob) AND date_ok(dis_text, disdate) AND date_ok(sub_text, subdate)
         AND code_ok(procode) AND code_ok(sex) AND code_ok(gpprac) AND code_ok(admimeth) AND code_ok(admisorc)
         AND code_ok(dismeth) AND code_ok(classpat) AND code_ok(tretspef) AND code_ok(hrg)
         AND money_ok(price_text, price_parts)
         AND nhs_valid(nhs) AS keep                       -- only valid NHS numbers take part in matching
FROM t;

-- Outpatient attendances. `price`: PRICE in pence (NULL when not submitted; OPFIRST prices from the tariff).
CREATE TABLE op_in AS
WITH f AS (
  SELECT fld(ATTENDKEY) AS id, upper(fld(PROCODE3)) AS procode, nhs_digits(fld(NHSNUMBER)) AS nhs_text,
         fld(DOB) AS dob_text, fld(APPTDATE) AS appt_text, fld(SUBDATE) AS sub_text,
         upper(fld(SEX)) AS sex, upper(fld(GPPRAC)) AS gpprac, upper(fld(ATTENDED)) AS attended,
         upper(fld(FIRSTATT)) AS firstatt, upper(fld(REFSOURC)) AS refsourc, upper(fld(TRETSPEF)) AS tretspef,
         upper(fld(SUSHRG)) AS hrg, fld(PRICE) AS price_text,
         filled(OPERTN_01) + filled(OPERTN_02) + filled(OPERTN_03) + filled(OPERTN_04) + filled(OPERTN_05) +
         filled(OPERTN_06) + filled(OPERTN_07) + filled(OPERTN_08) + filled(OPERTN_09) + filled(OPERTN_10) +
         filled(OPERTN_11) + filled(OPERTN_12) + filled(OPERTN_13) + filled(OPERTN_14) + filled(OPERTN_15) +
         filled(OPERTN_16) + filled(OPERTN_17) + filled(OPERTN_18) + filled(OPERTN_19) + filled(OPERTN_20) +
         filled(OPERTN_21) + filled(OPERTN_22) + filled(OPERTN_23) + filled(OPERTN_24) AS n_codes
  FROM {{op}}),
t AS (
  SELECT *, nhs_number(nhs_text) AS nhs, day_of(dob_text) AS dob,
         day_of(appt_text) AS apptdate, day_of(sub_text) AS subdate,
         money_parts(price_text) AS price_parts
  FROM f)
SELECT id, procode, nhs, apptdate AS start_date, hrg, tretspef, small_number(firstatt) AS firstatt,
       small_number(attended) AS attended, pence(price_text, price_parts) AS price,
       copy_rank((dob IS NOT NULL)::INTEGER + (t.sex IS NOT NULL)::INTEGER + gp_known(gpprac)::INTEGER
                 + (t.attended IS NOT NULL)::INTEGER + (t.firstatt IS NOT NULL)::INTEGER
                 + (t.refsourc IS NOT NULL)::INTEGER + (t.tretspef IS NOT NULL)::INTEGER
                 + (t.hrg IS NOT NULL)::INTEGER + (price_text IS NOT NULL)::INTEGER + n_codes,
                 apptdate, subdate) AS copy_rank,
       id IS NOT NULL AND procode IS NOT NULL AND apptdate IS NOT NULL
         AND date_ok(dob_text, dob) AND date_ok(sub_text, subdate)
         AND code_ok(procode) AND code_ok(sex) AND code_ok(gpprac) AND code_ok(attended) AND code_ok(firstatt)
         AND code_ok(refsourc) AND code_ok(tretspef) AND code_ok(hrg)
         AND money_ok(price_text, price_parts)
         AND nhs_valid(nhs) AS keep
FROM t;

-- A&E attendances.
CREATE TABLE ae_in AS
WITH f AS (
  SELECT fld(AEKEY) AS id, upper(fld(PROCODE3)) AS procode, nhs_digits(fld(NHSNUMBER)) AS nhs_text,
         fld(DOB) AS dob_text, fld(ARRIVALDATE) AS arrival_text, fld(SUBDATE) AS sub_text,
         upper(fld(SEX)) AS sex, upper(fld(GPPRAC)) AS gpprac, upper(fld(AEATTENDCAT)) AS attendcat,
         upper(fld(AEATTENDDISP)) AS attenddisp, upper(fld(SUSHRG)) AS hrg, fld(PRICE) AS price_text
  FROM {{ae}}),
t AS (
  SELECT *, nhs_number(nhs_text) AS nhs, day_of(dob_text) AS dob,
         day_of(arrival_text) AS arrivaldate, day_of(sub_text) AS subdate,
         money_parts(price_text) AS price_parts
  FROM f)
SELECT id, procode, nhs, arrivaldate AS start_date, hrg, small_number(attendcat) AS attendcat,
       copy_rank((dob IS NOT NULL)::INTEGER + (t.sex IS NOT NULL)::INTEGER + gp_known(gpprac)::INTEGER
                 + (t.attendcat IS NOT NULL)::INTEGER + (t.attenddisp IS NOT NULL)::INTEGER
                 + (t.hrg IS NOT NULL)::INTEGER + (price_text IS NOT NULL)::INTEGER,
                 arrivaldate, subdate) AS copy_rank,
       id IS NOT NULL AND procode IS NOT NULL AND arrivaldate IS NOT NULL
         AND date_ok(dob_text, dob) AND date_ok(sub_text, subdate)
         AND code_ok(procode) AND code_ok(sex) AND code_ok(gpprac) AND code_ok(attendcat) AND code_ok(attenddisp)
         AND code_ok(hrg)
         AND money_ok(price_text, price_parts)
         AND nhs_valid(nhs) AS keep
FROM t;

-- The practice referral log (OPFIRST: a referral since the previous attendance makes a new episode).
-- recon keeps a referral with a 10-digit NHS number (not checked for Modulus 11), a practice and a date.
CREATE TABLE referrals AS
WITH f AS (
  SELECT nhs_digits(fld(NHSNUMBER)) AS nhs_text, upper(fld(GPPRAC)) AS gpprac, fld(REFDATE) AS ref_text,
         upper(fld(PROCODE3)) AS procode, upper(fld(TRETSPEF)) AS tretspef
  FROM {{referrals}})
SELECT nhs_number(nhs_text) AS nhs, day_of(ref_text) AS refdate, procode, tretspef
FROM f
WHERE nhs_number(nhs_text) IS NOT NULL AND gpprac IS NOT NULL AND day_of(ref_text) IS NOT NULL
  AND code_ok(gpprac) AND code_ok(procode) AND code_ok(tretspef);

-- The outpatient tariff: FIRST and FOLLOWUP prices by treatment function (a later row for the same
-- TRETSPEF replaces an earlier one, as in recon's map).
CREATE TABLE tariff_op AS
WITH f AS (
  SELECT rn, upper(fld(TRETSPEF)) AS tretspef, fld(FIRST) AS first_text, fld(FOLLOWUP) AS followup_text
  FROM (SELECT *, row_number() OVER () AS rn FROM {{tariff_op}})),
t AS (SELECT *, money_parts(first_text) AS first_parts, money_parts(followup_text) AS followup_parts FROM f)
SELECT tretspef, pence(first_text, first_parts) AS first_price, pence(followup_text, followup_parts) AS followup_price
FROM t
WHERE tretspef IS NOT NULL AND code_ok(tretspef)
  AND money_ok(first_text, first_parts) AND money_ok(followup_text, followup_parts)
QUALIFY row_number() OVER (PARTITION BY tretspef ORDER BY rn DESC) = 1;
