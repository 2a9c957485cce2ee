-- OPFIRST (rules/patient/opfirst.cpp): a first attendance (FIRSTATT 1/3, attended) for a patient who attended the same
-- clinic (provider and treatment function) in the previous N calendar months (--opfirst-months, default 6),
-- with no referral in the practice log to that provider (or any) and treatment function (or any) dated after
-- that attendance and on or before this one: it continues the episode and is a follow-up.
-- Not challenged when the charge (PRICE, else the tariff's first-attendance price, 0 when the tariff has
-- none) is already at or below the tariff follow-up price. Duplicates are not excluded here (as in recon).
-- {{opfirst_months}} is replaced by the node script (default 6).
WITH seen AS (                     -- attended (ATTENDED 5/6) outpatient records with a treatment function
  SELECT id, nhs, procode, tretspef, start_date, firstatt, price
  FROM op
  WHERE attended IN (5, 6) AND tretspef IS NOT NULL
),
with_previous AS (
  SELECT *,
         -- the latest earlier attendance in the same clinic, strictly before this day
         max(start_date) OVER (PARTITION BY nhs, procode, tretspef ORDER BY start_date
                               RANGE BETWEEN UNBOUNDED PRECEDING AND INTERVAL 1 DAY PRECEDING) AS previous_date
  FROM seen
),
repeat_firsts AS (
  SELECT *
  FROM with_previous
  WHERE firstatt IN (1, 3)
    -- within N calendar months (the day of month clamped: 2025-08-31 minus 6 months = 2025-02-28)
    AND previous_date >= CAST(start_date - to_months({{opfirst_months}}) AS DATE)
)
SELECT 'OPFIRST' AS rule, 'op' AS dataset, f.id AS record_id
FROM repeat_firsts AS f
LEFT JOIN tariff_op AS t ON t.tretspef = f.tretspef
WHERE NOT EXISTS (
        SELECT 1
        FROM referrals AS r
        WHERE r.nhs = f.nhs
          AND r.refdate > f.previous_date AND r.refdate <= f.start_date
          AND (r.procode IS NULL OR r.procode = f.procode)
          AND (r.tretspef IS NULL OR r.tretspef = f.tretspef))
  -- already charged as a follow-up?
  AND NOT coalesce(coalesce(f.price, t.first_price, 0) <= t.followup_price, false)
