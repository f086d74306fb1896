-- A row here once ParticipantBackfill has given every referral stored before program_participant its row. Every
-- write since then marks the referrals it changes (program_participant_stale), so later starts skip the backfill's
-- look at every referral. Replicas starting together may each add a row; one is enough.
CREATE TABLE program_participant_backfill (
    done_at BIGINT NOT NULL
);
