package org.peerbridge.server.subscription;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.peerbridge.mapping.subscription.PayloadContent;
import org.peerbridge.mapping.subscription.SubscriptionSpec;
import org.peerbridge.server.storage.Jdbc;

/**
 * SQL of {@code subscription_state}, the event counters {@code subscription_counter} and the outbox
 * {@code subscription_event}. Writes that make events lock counter rows; delivery updates state rows
 * (acknowledgements, failures, leases), so neither waits for the other.
 */
final class SubscriptionTable {

    /** A stored event: its number, when, and which version of which resource. */
    record Event(long number, long occurred, String type, String id, int version) {
    }

    /** An event to store for a subscription: which version of which resource, and when it was written. */
    record NewEvent(String subscriptionId, String type, String id, int version, long occurred) {
    }

    /**
     * Beyond the subscription's timeout: time to build the notification before it is sent and to record
     * the outcome after, before the lease may be taken over (a lease is renewed before every send).
     */
    static final long LEASE_MARGIN_MS = 5_000;

    private static final String STATE_COLUMNS = "sub_id, organization, topic, filters, payload, endpoint, headers, heartbeat_ms, timeout_ms,"
            + " max_count, status, handshake_done, delivered_through, failures, next_attempt, last_sent, last_error";
    /** A subscription's state with its last event number, as {@link #state} reads it. */
    private static final String SELECT_STATE = "SELECT s.sub_id, s.organization, s.topic, s.filters, s.payload, s.endpoint, s.headers,"
            + " s.heartbeat_ms, s.timeout_ms, s.max_count, s.status, s.handshake_done, n.events_since_start, s.delivered_through,"
            + " s.failures, s.next_attempt, s.last_sent, s.last_error"
            + " FROM subscription_state s JOIN subscription_counter n ON n.sub_id = s.sub_id";

    Optional<SubscriptionState> find(Connection c, String id) throws SQLException {
        return Jdbc.queryOne(c, SELECT_STATE + " WHERE s.sub_id = ?", SubscriptionTable::state, id);
    }

    /** The subscriptions of a topic that want events (every status but off). */
    List<SubscriptionState> listening(Connection c, String topic) throws SQLException {
        return Jdbc.queryList(c, SELECT_STATE + " WHERE s.topic = ? AND s.status <> 'off' ORDER BY s.sub_id", SubscriptionTable::state, topic);
    }

    void insert(Connection c, String id, String organization, SubscriptionSpec spec, String status) throws SQLException {
        List<Object> args = new ArrayList<>(Arrays.asList(id, organization));
        args.addAll(specArguments(spec));
        args.add(status);
        args.add(System.currentTimeMillis());
        Jdbc.update(c, "INSERT INTO subscription_state (" + STATE_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, 0, 0, 0, ?, NULL)", args.toArray());
        Jdbc.update(c, "INSERT INTO subscription_counter (sub_id, events_since_start) VALUES (?, 0)", id);
    }

    /**
     * Takes a new version's content and status, keeping event numbers and progress; a new request
     * (status requested) starts over with a handshake and no failures.
     */
    void update(Connection c, String id, SubscriptionSpec spec, String status) throws SQLException {
        boolean requested = "requested".equals(status);
        List<Object> args = new ArrayList<>(specArguments(spec));
        args.add(status);
        args.add(id);
        Jdbc.update(c, "UPDATE subscription_state SET topic = ?, filters = ?, payload = ?, endpoint = ?,"
                + " headers = ?, heartbeat_ms = ?, timeout_ms = ?, max_count = ?, status = ?"
                + (requested ? ", handshake_done = FALSE, failures = 0, next_attempt = 0, last_error = NULL" : "")
                + " WHERE sub_id = ?", args.toArray());
    }

    void delete(Connection c, String id) throws SQLException {
        for (String table : List.of("subscription_event", "subscription_counter", "subscription_state")) {
            Jdbc.update(c, "DELETE FROM " + table + " WHERE sub_id = ?", id);
        }
    }

    /**
     * Numbers and stores the events of one transaction: {@code events} sorted by subscription id, each
     * subscription's in the order they were written. Raising a counter locks its row until commit, so
     * numbers commit in the order they are given; the counters are raised in id order, so two writers
     * never wait for each other in a cycle. Three statements however many events and subscriptions. An
     * event of a subscription deleted meanwhile (no counter any more) is dropped with it.
     */
    void appendEvents(Connection c, List<NewEvent> events) throws SQLException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (NewEvent event : events) {
            counts.merge(event.subscriptionId(), 1, Integer::sum);
        }
        Jdbc.batch(c, "UPDATE subscription_counter SET events_since_start = events_since_start + ? WHERE sub_id = ?",
                counts.entrySet(), count -> new Object[] {count.getValue(), count.getKey()});
        Map<String, Long> next = new HashMap<>(); // each subscription's next number
        Jdbc.forEach(c, "SELECT sub_id, events_since_start FROM subscription_counter WHERE sub_id = ANY(?)", 0,
                row -> next.put(row.getString(1), row.getLong(2) - counts.get(row.getString(1)) + 1),
                c.createArrayOf("VARCHAR", counts.keySet().toArray()));
        List<Object[]> numbered = new ArrayList<>();
        for (NewEvent event : events) {
            Long number = next.computeIfPresent(event.subscriptionId(), (id, following) -> following + 1);
            if (number == null) {
                continue; // the subscription was deleted since the event matched it
            }
            numbered.add(new Object[] {event.subscriptionId(), number - 1, event.type(), event.id(), event.version(), event.occurred()});
        }
        Jdbc.batch(c, "INSERT INTO subscription_event (sub_id, event_number, res_type, res_id, res_version, occurred)"
                + " VALUES (?, ?, ?, ?, ?, ?)", numbered, row -> row);
    }

    /** Events from {@code from} to {@code to} (inclusive), in order, at most {@code limit}. */
    List<Event> events(Connection c, String subscriptionId, long from, long to, int limit) throws SQLException {
        return Jdbc.queryAtMost(c, limit, "SELECT event_number, occurred, res_type, res_id, res_version FROM subscription_event"
                + " WHERE sub_id = ? AND event_number >= ? AND event_number <= ? ORDER BY event_number",
                row -> new Event(row.getLong(1), row.getLong(2), row.getString(3), row.getString(4), row.getInt(5)),
                subscriptionId, from, to);
    }

    /**
     * Up to {@code limit} subscriptions with something to do now (a handshake, undelivered events, a
     * heartbeat) whose lease is free or expired (a lease left by a dead replica expires). The one whose
     * endpoint last acknowledged longest ago comes first, so every subscription gets its turn. {@code now}
     * is the database's time.
     */
    List<String> dueCandidates(Connection c, long now, int limit) throws SQLException {
        return Jdbc.queryAtMost(c, limit, "SELECT s.sub_id FROM subscription_state s JOIN subscription_counter n"
                + " ON n.sub_id = s.sub_id WHERE s.status <> 'off' AND s.next_attempt <= ? AND (s.lease_expires IS NULL OR s.lease_expires < ?)"
                + " AND (s.handshake_done = FALSE OR n.events_since_start > s.delivered_through"
                + " OR (s.heartbeat_ms > 0 AND s.last_sent + s.heartbeat_ms <= ?))"
                + " ORDER BY s.last_sent, s.sub_id", row -> row.getString(1), now, now, now);
    }

    /**
     * Leases one subscription to {@code lease} (a name no other claim has) unless a live lease holds it;
     * {@code now} is the database's time, so replicas whose clocks disagree still agree on expiry. Each
     * claim is one conditional UPDATE in its own transaction: of two replicas claiming at once, the
     * second finds the row changed and claims nothing, and the worker never holds two subscription rows
     * while writers lock several.
     */
    boolean claim(Connection c, String id, String lease, long now) throws SQLException {
        return Jdbc.update(c, "UPDATE subscription_state SET lease_owner = ?, lease_expires = ? + timeout_ms"
                + " WHERE sub_id = ? AND (lease_expires IS NULL OR lease_expires < ?)", lease, now + LEASE_MARGIN_MS, id, now) == 1;
    }

    /**
     * Extends {@code lease} to a whole timeout plus the margin from {@code now} (database time), if it is
     * still held and has not expired: false means another replica may have it, and nothing is sent.
     */
    boolean renew(Connection c, String id, String lease, long now) throws SQLException {
        return Jdbc.update(c, "UPDATE subscription_state SET lease_expires = ? + timeout_ms"
                + " WHERE sub_id = ? AND lease_owner = ? AND lease_expires >= ?", now + LEASE_MARGIN_MS, id, lease, now) == 1;
    }

    void release(Connection c, String id, String lease) throws SQLException {
        Jdbc.update(c, "UPDATE subscription_state SET lease_owner = NULL, lease_expires = NULL WHERE sub_id = ? AND lease_owner = ?", id, lease);
    }

    /**
     * A notification was acknowledged: events up to {@code through} are delivered (0 keeps the count).
     * Recorded only under {@code lease}: false (nothing recorded) when another claim has taken it over.
     */
    boolean succeeded(Connection c, String id, String lease, long through, boolean handshake, long now) throws SQLException {
        return Jdbc.update(c, "UPDATE subscription_state SET delivered_through = CASE WHEN delivered_through < ?"
                + " THEN ? ELSE delivered_through END, failures = 0, next_attempt = 0, last_sent = ?, last_error = NULL"
                + (handshake ? ", handshake_done = TRUE" : "") + " WHERE sub_id = ? AND lease_owner = ?", through, through, now, id, lease) == 1;
    }

    /** A notification failed: count it and wait before the next attempt; only under {@code lease}, as above. */
    boolean failed(Connection c, String id, String lease, int failures, long nextAttempt, String error) throws SQLException {
        return Jdbc.update(c, "UPDATE subscription_state SET failures = ?, next_attempt = ?, last_error = ?"
                + " WHERE sub_id = ? AND lease_owner = ?", failures, nextAttempt,
                error.length() > 1000 ? error.substring(0, 1000) : error, id, lease) == 1;
    }

    /** The spec's columns, topic to max_count, in {@link #STATE_COLUMNS}' order (the endpoint may be null). */
    private static List<Object> specArguments(SubscriptionSpec spec) {
        return Arrays.asList(spec.topic().canonical(), String.join("\n", spec.filters().stream().map(f -> f.text()).toList()),
                spec.payload().code(), spec.endpoint(), String.join("\n", spec.headers()), spec.heartbeatSeconds() * 1000L,
                spec.timeoutSeconds() * 1000L, spec.maxCount());
    }

    private static SubscriptionState state(ResultSet rs) throws SQLException {
        return new SubscriptionState(rs.getString(1), rs.getString(2), rs.getString(3), lines(rs.getString(4)),
                PayloadContent.fromCode(rs.getString(5)).orElseThrow(), rs.getString(6), lines(rs.getString(7)), rs.getLong(8),
                rs.getLong(9), rs.getInt(10), rs.getString(11), rs.getBoolean(12), rs.getLong(13), rs.getLong(14), rs.getInt(15),
                rs.getLong(16), rs.getLong(17), rs.getString(18));
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }
}
