-- One row per scored QuestionnaireResponse: its score Observation, its referral and instrument, the
-- day it was authored (epoch day), and whether it was withdrawn (entered-in-error). A new score's time
-- point is then one indexed MIN over the referral's scores of that instrument, and an amendment finds
-- the Observation to revise by the response's id, without searching every score the server holds.
CREATE TABLE outcome_score (
    response_id    VARCHAR(64) NOT NULL PRIMARY KEY,
    observation_id VARCHAR(64) NOT NULL UNIQUE,
    referral_id    VARCHAR(64) NOT NULL,
    instrument     VARCHAR(16) NOT NULL,
    authored_day   BIGINT      NOT NULL,
    withdrawn      BOOLEAN     NOT NULL DEFAULT FALSE
);

CREATE INDEX outcome_score_by_referral ON outcome_score (referral_id, instrument, authored_day);
