package org.peerbridge.server.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * The database's clock: one clock that every replica reads, so that leases and time stamps compared
 * across replicas never depend on the replicas' own clocks agreeing.
 */
public final class DatabaseClock {

    private DatabaseClock() {
    }

    /**
     * The database's time at the start of the connection's current transaction, in epoch milliseconds
     * ({@code CURRENT_TIMESTAMP} on H2 and PostgreSQL: the same value for the whole transaction).
     */
    public static long transactionStart(Connection connection) throws SQLException {
        return Jdbc.queryOne(connection, "SELECT CURRENT_TIMESTAMP", row -> row.getObject(1, OffsetDateTime.class)).orElseThrow()
                .toInstant().toEpochMilli();
    }
}
