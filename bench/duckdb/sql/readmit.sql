-- READMIT (rules/patient/readmit.cpp): an emergency admission (ADMIMETH 21-28, 2A-2D) to the same provider 1 to N
-- days (--readmit-days, default 30) after discharge from an elective spell (ADMIMETH 11-13, day cases
-- included). Same-day readmission is SPLIT's business. Compared at recon's defaults (same provider only).
-- Excluded as in the national rule and the SUS 30-day readmission derivation: copies DUP challenges;
-- maternity (ADMIMETH 31-32, TRETSPEF 501/560 or HRG chapter NZ), cancer (primary diagnosis C00-C97 or
-- D37-D48), chemotherapy, radiotherapy and renal dialysis (HRG chapters SB, SC, LD, LE) on either spell;
-- regular day/night attenders (CLASSPAT 3/4) and self-discharge against advice (DISMETH 2) as the index;
-- readmissions that are transfers (ADMIMETH 2B, ADMISORC 51-53, 87); patients under 4 on the day of
-- readmission (when the date of birth is known).
-- {{readmit_days}} is replaced by the node script (default 30).
WITH usable AS (
  SELECT id, nhs, procode, start_date, end_date, dob, admimeth, classpat, transfer_in, self_discharged
  FROM apc
  WHERE NOT is_dup AND NOT is_maternity_spell(admimeth, tretspef, hrg) AND NOT is_cancer(primary_diag_category)
    AND NOT is_planned_series_treatment(hrg)
),
index_spells AS (
  SELECT nhs, procode, end_date
  FROM usable
  WHERE is_elective(admimeth) AND NOT is_regular_attender(classpat) AND NOT self_discharged
),
readmissions AS (
  SELECT id, nhs, procode, start_date
  FROM usable
  WHERE is_emergency(admimeth) AND NOT transfer_in AND NOT coalesce(age_in_years(dob, start_date) < 4, false)
)
SELECT 'READMIT' AS rule, 'apc' AS dataset, r.id AS record_id
FROM readmissions AS r
WHERE EXISTS (
  SELECT 1
  FROM index_spells AS i
  WHERE i.nhs = r.nhs
    AND i.procode = r.procode
    AND i.end_date BETWEEN r.start_date - {{readmit_days}} AND r.start_date - 1)
