-- The time point each score Observation states now (assessment-time-point code), so that re-placing a
-- referral's scores when a session or a back-dated response moves the baseline rewrites only the
-- Observations whose time point changes. Empty for scores stored before this column: those are read
-- from their Observation the first time they are re-placed.
ALTER TABLE outcome_score ADD COLUMN time_point VARCHAR(16);
