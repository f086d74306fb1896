package org.peerbridge.server.subscription;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.peerbridge.mapping.subscription.PayloadContent;
import org.peerbridge.mapping.subscription.SubscriptionSpec;

/** SQL of {@code subscription_state} and the outbox {@code subscription_event}. */
final class SubscriptionTable {

    /** A stored event: its number, when, and which version of which resource. */
    record Event(long number, long occurred, String type, String id, int version) {
    }

    private static final String COLUMNS = "sub_id, organization, topic, filters, payload, endpoint, headers, heartbeat_ms, timeout_ms,"
            + " max_count, status, handshake_done, events_since_start, delivered_through, failures, next_attempt, last_sent, last_error";

    Optional<SubscriptionState> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM subscription_state WHERE sub_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(state(rs)) : Optional.empty();
            }
        }
    }

    /** The subscriptions of a topic that want events (every status but off). */
    List<SubscriptionState> listening(Connection c, String topic) throws SQLException {
        List<SubscriptionState> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM subscription_state WHERE topic = ? AND status <> 'off' ORDER BY sub_id")) {
            ps.setString(1, topic);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(state(rs));
                }
            }
        }
        return found;
    }

    void insert(Connection c, String id, String organization, SubscriptionSpec spec, String status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO subscription_state (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, 0, 0, 0, 0, ?, NULL)")) {
            ps.setString(1, id);
            ps.setString(2, organization);
            int i = bindSpec(ps, 3, spec);
            ps.setString(i, status);
            ps.setLong(i + 1, System.currentTimeMillis());
            ps.executeUpdate();
        }
    }

    /**
     * Takes a new version's content and status, keeping event numbers and progress; a new request
     * (status requested) starts over with a handshake and no failures.
     */
    void update(Connection c, String id, SubscriptionSpec spec, String status) throws SQLException {
        boolean requested = "requested".equals(status);
        try (PreparedStatement ps = c.prepareStatement("UPDATE subscription_state SET topic = ?, filters = ?, payload = ?, endpoint = ?,"
                + " headers = ?, heartbeat_ms = ?, timeout_ms = ?, max_count = ?, status = ?"
                + (requested ? ", handshake_done = FALSE, failures = 0, next_attempt = 0, last_error = NULL" : "")
                + " WHERE sub_id = ?")) {
            int i = bindSpec(ps, 1, spec);
            ps.setString(i, status);
            ps.setString(i + 1, id);
            ps.executeUpdate();
        }
    }

    void delete(Connection c, String id) throws SQLException {
        for (String table : List.of("subscription_event", "subscription_state")) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE sub_id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
        }
    }

    /**
     * Gives the next event number of a subscription and stores the event. The row lock this takes
     * orders concurrent writers: numbers commit in the order they are given.
     */
    long appendEvent(Connection c, String subscriptionId, String type, String resourceId, int version, long occurred) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE subscription_state SET events_since_start = events_since_start + 1 WHERE sub_id = ?")) {
            ps.setString(1, subscriptionId);
            ps.executeUpdate();
        }
        long number;
        try (PreparedStatement ps = c.prepareStatement("SELECT events_since_start FROM subscription_state WHERE sub_id = ?")) {
            ps.setString(1, subscriptionId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                number = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO subscription_event (sub_id, event_number, res_type, res_id,"
                + " res_version, occurred) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, subscriptionId);
            ps.setLong(2, number);
            ps.setString(3, type);
            ps.setString(4, resourceId);
            ps.setInt(5, version);
            ps.setLong(6, occurred);
            ps.executeUpdate();
        }
        return number;
    }

    /** Events from {@code from} to {@code to} (inclusive), in order, at most {@code limit}. */
    List<Event> events(Connection c, String subscriptionId, long from, long to, int limit) throws SQLException {
        List<Event> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT event_number, occurred, res_type, res_id, res_version FROM subscription_event"
                + " WHERE sub_id = ? AND event_number >= ? AND event_number <= ? ORDER BY event_number")) {
            ps.setString(1, subscriptionId);
            ps.setLong(2, from);
            ps.setLong(3, to);
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new Event(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5)));
                }
            }
        }
        return events;
    }

    /**
     * Up to {@code limit} subscriptions with something to do now (a handshake, undelivered events, a
     * heartbeat) whose lease is free or expired (a lease left by a dead replica expires).
     */
    List<String> dueCandidates(Connection c, long now, int limit) throws SQLException {
        List<String> candidates = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT sub_id FROM subscription_state WHERE status <> 'off' AND next_attempt <= ?"
                + " AND (lease_expires IS NULL OR lease_expires < ?)"
                + " AND (handshake_done = FALSE OR events_since_start > delivered_through OR (heartbeat_ms > 0 AND last_sent + heartbeat_ms <= ?))"
                + " ORDER BY next_attempt, sub_id")) {
            ps.setLong(1, now);
            ps.setLong(2, now);
            ps.setLong(3, now);
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.add(rs.getString(1));
                }
            }
        }
        return candidates;
    }

    /**
     * Leases one subscription to {@code owner} unless another live lease holds it. Each claim is its own
     * transaction, so the worker never holds two subscription rows at once while writers lock several.
     */
    boolean claim(Connection c, String id, String owner, long now, long leaseMargin) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE subscription_state SET lease_owner = ?, lease_expires = ? + timeout_ms"
                + " WHERE sub_id = ? AND (lease_expires IS NULL OR lease_expires < ?)")) {
            ps.setString(1, owner);
            ps.setLong(2, now + leaseMargin);
            ps.setString(3, id);
            ps.setLong(4, now);
            return ps.executeUpdate() == 1;
        }
    }

    /** Extends a lease still held; false when another owner has it now. */
    boolean renew(Connection c, String id, String owner, long leaseFrom) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE subscription_state SET lease_expires = ? + timeout_ms WHERE sub_id = ? AND lease_owner = ?")) {
            ps.setLong(1, leaseFrom);
            ps.setString(2, id);
            ps.setString(3, owner);
            return ps.executeUpdate() == 1;
        }
    }

    void release(Connection c, String id, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE subscription_state SET lease_owner = NULL, lease_expires = NULL WHERE sub_id = ? AND lease_owner = ?")) {
            ps.setString(1, id);
            ps.setString(2, owner);
            ps.executeUpdate();
        }
    }

    /** A notification was acknowledged: events up to {@code through} are delivered (0 keeps the count). */
    void succeeded(Connection c, String id, long through, boolean handshake, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE subscription_state SET delivered_through = CASE WHEN delivered_through < ?"
                + " THEN ? ELSE delivered_through END, failures = 0, next_attempt = 0, last_sent = ?, last_error = NULL"
                + (handshake ? ", handshake_done = TRUE" : "") + " WHERE sub_id = ?")) {
            ps.setLong(1, through);
            ps.setLong(2, through);
            ps.setLong(3, now);
            ps.setString(4, id);
            ps.executeUpdate();
        }
    }

    /** A notification failed: count it and wait before the next attempt. */
    void failed(Connection c, String id, int failures, long nextAttempt, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE subscription_state SET failures = ?, next_attempt = ?, last_error = ? WHERE sub_id = ?")) {
            ps.setInt(1, failures);
            ps.setLong(2, nextAttempt);
            ps.setString(3, error.length() > 1000 ? error.substring(0, 1000) : error);
            ps.setString(4, id);
            ps.executeUpdate();
        }
    }

    private static int bindSpec(PreparedStatement ps, int first, SubscriptionSpec spec) throws SQLException {
        int i = first;
        ps.setString(i++, spec.topic().canonical());
        ps.setString(i++, String.join("\n", spec.filters().stream().map(f -> f.text()).toList()));
        ps.setString(i++, spec.payload().code());
        ps.setString(i++, spec.endpoint());
        ps.setString(i++, String.join("\n", spec.headers()));
        ps.setLong(i++, spec.heartbeatSeconds() * 1000L);
        ps.setLong(i++, spec.timeoutSeconds() * 1000L);
        ps.setInt(i++, spec.maxCount());
        return i;
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
