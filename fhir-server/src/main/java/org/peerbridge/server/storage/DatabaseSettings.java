package org.peerbridge.server.storage;

/**
 * Where the database is and how many connections the pool keeps (docs/configuration.md).
 *
 * @param jdbcUrl  the JDBC URL (embedded H2 file or PostgreSQL)
 * @param user     null for the driver's default (H2: sa)
 * @param password null for none
 * @param poolSize the most connections open at once
 * @param embeddedFolder the folder of the embedded database, kept private ({@link PrivateFolder}) and open in
 *                 one process only; null for a database server (PostgreSQL)
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int poolSize, java.nio.file.Path embeddedFolder) {

    /** The user to connect as: the configured one, or H2's administrator {@code sa} on an H2 URL; null lets the driver choose. */
    public String connectionUser() {
        return user != null ? user : jdbcUrl.startsWith("jdbc:h2:") ? "sa" : null;
    }
}
