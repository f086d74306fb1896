/**
 * Program outcomes: what a cohort of referrals achieved, as pure functions. {@link Participant} is what
 * one referral contributes (built from its stored course by {@link Participants}); {@link CohortSummary}
 * computes the engagement funnel, each instrument's change from baseline per time point and the cost
 * estimate; {@link ProgramOutcomes} adds the strata; {@link SmallCellSuppression} hides small counts and
 * every figure that would let a reader work them out. Definitions and sources: docs/outcomes-reporting.md.
 */
package org.peerbridge.mapping.population;
