package org.peerbridge.server.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which stored resources the current request may read, applied in SQL wherever resources are read for
 * a client (search and its total, includes, history, reads): everything, or, for a caller restricted
 * to one organization, the resources that organization has a row for in {@code access_scope}, plus the
 * shared types (the directory and published conformance resources) that every client may read.
 * The security layer binds it per request; outside a request (start-up, background work) everything
 * is visible.
 */
public final class ReadScope {

    public static final ReadScope EVERYTHING = new ReadScope(null, Set.of(), type -> true);

    /** The claimant of work done outside a request: the server itself. */
    private static final String SERVER = "";

    private static final ThreadLocal<ReadScope> CURRENT = new ThreadLocal<>();

    private final String organization;
    private final String claimant;
    private final Set<String> sharedTypes;
    private final Predicate<String> readableType;

    /**
     * @param organization the organization whose rows are visible; null for no row restriction
     * @param sharedTypes  types every organization may read
     * @param readableType the types the caller's scopes let it read (included resources of other types are left out)
     */
    public ReadScope(String organization, Set<String> sharedTypes, Predicate<String> readableType) {
        this(organization, organization, sharedTypes, readableType);
    }

    /**
     * @param claimant the organization the caller acts for, even when it sees everything (the program): the
     *                 partition of its identifier claims (conditional creates, referral identifiers)
     */
    public ReadScope(String organization, String claimant, Set<String> sharedTypes, Predicate<String> readableType) {
        this.organization = organization;
        this.claimant = claimant == null ? SERVER : claimant;
        this.sharedTypes = Set.copyOf(sharedTypes);
        this.readableType = readableType;
    }

    public static ReadScope current() {
        ReadScope scope = CURRENT.get();
        return scope == null ? EVERYTHING : scope;
    }

    /** Binds the scope to the current thread until the returned handle is closed. */
    public static Binding bind(ReadScope scope) {
        CURRENT.set(scope);
        return CURRENT::remove;
    }

    /**
     * The organization whose identifier claims this caller makes and sees. Claims are per organization, so
     * one organization's conditional create or referral identifier never blocks, or tells anything to, another.
     */
    public String claimant() {
        return claimant;
    }

    public boolean canReadType(String type) {
        return readableType.test(type);
    }

    /** True when rows of this type need an access_scope row to be visible. */
    public boolean restricts(String type) {
        return organization != null && !sharedTypes.contains(type);
    }

    /**
     * Appends " AND (row visible)" for rows whose type and id are in the given columns; {@code knownType} is
     * the one type all rows have, or null when they may be of any type.
     */
    public void appendFilter(StringBuilder sql, List<Object> args, String knownType, String typeColumn, String idColumn) {
        if (organization == null || (knownType != null && !restricts(knownType))) {
            return;
        }
        if (knownType != null) {
            // correlated: one primary-key probe per row, never a read of all the organization's rows
            sql.append(" AND EXISTS (SELECT 1 FROM access_scope a WHERE a.res_id = ").append(idColumn)
                    .append(" AND a.res_type = ? AND a.organization = ?)");
            args.add(knownType);
            args.add(organization);
            return;
        }
        sql.append(" AND (").append(typeColumn).append(" IN (").append(String.join(", ", sharedTypes.stream().map(t -> "?").toList()))
                .append(") OR EXISTS (SELECT 1 FROM access_scope a WHERE a.res_id = ").append(idColumn)
                .append(" AND a.res_type = ").append(typeColumn).append(" AND a.organization = ?))");
        args.addAll(sharedTypes);
        args.add(organization);
    }

    /**
     * Appends a query of the ids (column res_id) of the resources of {@code type} the caller's organization
     * has rows for, from access_scope_by_org; for a search with no criterion of its own to start from.
     * Only for a type this scope {@link #restricts}.
     */
    public void appendVisibleIds(StringBuilder sql, List<Object> args, String type) {
        sql.append("SELECT a.res_id FROM access_scope a WHERE a.organization = ? AND a.res_type = ?");
        args.add(organization);
        args.add(type);
    }

    /** Whether the caller may read this resource. */
    public boolean visible(Connection c, String type, String id) throws SQLException {
        return !restricts(type) || hasRow(c, type, id);
    }

    /** Whether the caller may change this resource: shared types too need a row (they are readable, not writable, by all). */
    public boolean changeable(Connection c, String type, String id) throws SQLException {
        return organization == null || hasRow(c, type, id);
    }

    private boolean hasRow(Connection c, String type, String id) throws SQLException {
        return Jdbc.queryOne(c, "SELECT 1 FROM access_scope WHERE res_id = ? AND res_type = ? AND organization = ?",
                row -> true, id, type, organization).isPresent();
    }

    /** Ends a binding. */
    @FunctionalInterface
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }
}
