-- DUP (rules/patient/dup.cpp): the same APC spell, outpatient attendance or A&E attendance submitted more than once,
-- however recoded. The most complete copy (then the latest submitted, then the first in input order) is the
-- original and is left alone; every other copy is challenged. The claim key and the choice of the original are
-- patient_history.sql's is_dup.
SELECT 'DUP' AS rule, 'apc' AS dataset, id AS record_id FROM apc WHERE is_dup
UNION ALL
SELECT 'DUP', 'op', id FROM op WHERE is_dup
UNION ALL
SELECT 'DUP', 'ae', id FROM ae WHERE is_dup
