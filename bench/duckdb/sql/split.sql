-- SPLIT (rules/patient/split.cpp): discharge and readmission at the same provider on the same day, billed as two
-- spells. Maternity spells, regular day/night attenders (CLASSPAT 3/4) and copies DUP challenges take no
-- part, neither as the later spell nor as the one it continues.
--
-- A spell is challenged when another such spell of the patient at the same provider was discharged on the
-- day it was admitted and comes before it in recon's activity order (start, end, then input order: the
-- provider is the same). Usually that is simply the earlier-admitted spell; the order matters only for
-- same-day spells (admitted and discharged on one day), where the later one in the file is the repeat.
WITH spells AS (
  SELECT id, nhs, procode, start_date, end_date, rn
  FROM apc
  WHERE NOT is_dup AND NOT is_maternity_spell(admimeth, tretspef, hrg) AND NOT is_regular_attender(classpat)
)
SELECT 'SPLIT' AS rule, 'apc' AS dataset, later.id AS record_id
FROM spells AS later
WHERE EXISTS (
  SELECT 1
  FROM spells AS earlier
  WHERE earlier.nhs = later.nhs
    AND earlier.procode = later.procode
    AND earlier.end_date = later.start_date
    AND (earlier.start_date < later.start_date
         OR (earlier.start_date = later.start_date
             AND (earlier.end_date < later.end_date
                  OR (earlier.end_date = later.end_date AND earlier.rn < later.rn)))))
