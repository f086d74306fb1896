/**
 * Peer sessions: the Encounter that records one session against a referral, the rules it must meet,
 * what it does to the referral's fulfilment Task, and the billable activity (HCPCS H0038) it yields.
 * Pure functions: the server looks up what a rule needs ({@link org.peerbridge.mapping.session.SessionContext})
 * and applies the results in its own transaction. See docs/sessions.md.
 */
package org.peerbridge.mapping.session;
