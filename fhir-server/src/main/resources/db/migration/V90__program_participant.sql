-- What each referral contributes to $program-outcomes, kept by ParticipantFigures in the transaction of every
-- write that changes it (the referral, its fulfilment Task, a session, a score, the patient's birth date), so a
-- report reads one narrow row per referral instead of decoding every resource behind it. A referral with a
-- fulfilment Task has a row once its figures are known; stores written before this table get theirs at the next
-- start (ParticipantBackfill).
CREATE TABLE program_participant (
    referral_id  VARCHAR(64) NOT NULL PRIMARY KEY,
    -- the referral's subject, so a changed birth date finds the referrals whose age band it moves
    patient_id   VARCHAR(64),
    -- the day a report's period is compared with (epoch day): authoredOn as written, else the referral's last update
    period_day   BIGINT      NOT NULL,
    -- the referral's last_updated: a report lists its participants in the order of their referrals' updates
    listed       BIGINT      NOT NULL,
    -- the participant as JSON (ParticipantJson); null when the referral counts as none (its Task entered in error)
    figures      TEXT
);
CREATE INDEX program_participant_by_period ON program_participant (period_day);
CREATE INDEX program_participant_by_patient ON program_participant (patient_id);

