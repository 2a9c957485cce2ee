-- OVERLAP (rules/patient/overlap.cpp): an admitted spell that shares at least one night with another spell of the
-- same patient, at any provider. Copies DUP challenges take no part (their original does).
--
-- recon sweeps a patient's spells by admission day; for the same admission day the longest spell comes
-- first (ties: provider, then input order). A spell is challenged when
--   * it was admitted strictly before the latest discharge among the spells admitted on EARLIER days
--     (it was admitted while the patient was still in that bed; admission on the discharge day is not an
--     overlap), or
--   * it is not the first (longest) of the spells admitted that day and stays at least one night (a same-day
--     spell admitted on the day of another admission is not judged).
WITH spells AS (
  SELECT id, nhs, procode, start_date, end_date, rn FROM apc WHERE NOT is_dup
),
swept AS (
  SELECT id, start_date, end_date,
         -- latest discharge among this patient's spells admitted on earlier days
         max(end_date) OVER (PARTITION BY nhs ORDER BY start_date
                             RANGE BETWEEN UNBOUNDED PRECEDING AND INTERVAL 1 DAY PRECEDING) AS earlier_cover_end,
         -- position among the spells admitted the same day: longest first, then provider, then input order
         row_number() OVER (PARTITION BY nhs, start_date ORDER BY end_date DESC, procode, rn) AS nth_that_day
  FROM spells
)
SELECT 'OVERLAP' AS rule, 'apc' AS dataset, id AS record_id
FROM swept
WHERE start_date < earlier_cover_end
   OR (nth_that_day > 1 AND end_date > start_date)
