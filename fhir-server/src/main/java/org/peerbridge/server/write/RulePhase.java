package org.peerbridge.server.write;

/**
 * When a {@link WriteRule} runs relative to the other rules for the same resource type. Within each step
 * of a write (prepare, check, after) rules run phase by phase, in this order; within one phase, in the order
 * they were registered.
 */
public enum RulePhase {

    /** Who may make this write: refuses before any rule reads the content or the referral it belongs to. */
    ACCESS,

    /**
     * The resource itself and its lifecycle (Task and ServiceRequest states, sessions, responses, the
     * directory, subscriptions): fills in what the server manages, then judges the content against what is
     * stored. Its "after" steps write the direct consequences (the Task, the Procedure, the score).
     */
    LIFECYCLE,

    /**
     * What the server keeps inside resources that clients may also write (a Task's performed activities, the
     * score Observations): checked once the lifecycle rules have prepared the new version.
     */
    SERVER_CONTENT,

    /**
     * Consequences that read what the lifecycle steps just wrote: re-placing scores after a session changed
     * the first attended one, the final report of a completed Task.
     */
    FOLLOW_UP
}
