package org.peerbridge.server.security.launch;

import java.util.Optional;
import org.peerbridge.server.storage.Database;
import org.peerbridge.server.storage.Digests;
import org.peerbridge.server.storage.Jdbc;

/**
 * The launches under way, in {@code ehr_launch}: written when the browser is sent to the EHR to authorize, taken
 * (and deleted) when it comes back with the same state, so a state works once, on any replica, for
 * {@link #LIFETIME_MILLIS}. Only the state's SHA-256 is stored.
 */
final class PendingLaunches {

    static final long LIFETIME_MILLIS = 10 * 60_000L;

    /** What the callback needs to finish a launch: the EHR, the PKCE verifier and nonce, and what discovery said. */
    record Pending(String ehr, String codeVerifier, String nonce, String redirectUri, String tokenEndpoint, String idTokenIssuer) { }

    private final Database database;

    PendingLaunches(Database database) {
        this.database = database;
    }

    void add(String state, Pending launch, long now) {
        database.inTransaction(c -> {
            Jdbc.update(c, "DELETE FROM ehr_launch WHERE created < ?", now - LIFETIME_MILLIS); // abandoned launches go as new ones come
            return Jdbc.update(c, "INSERT INTO ehr_launch (state_hash, ehr, code_verifier, nonce, redirect_uri, token_endpoint,"
                    + " id_token_issuer, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Digests.sha256Hex(state), launch.ehr(),
                    launch.codeVerifier(), launch.nonce(), launch.redirectUri(), launch.tokenEndpoint(), launch.idTokenIssuer(), now);
        });
    }

    /** The launch of this state, removed so it cannot be finished twice; empty when unknown, used or expired. */
    Optional<Pending> take(String state, long now) {
        String hash = Digests.sha256Hex(state);
        return database.inTransaction(c -> {
            Optional<Pending> pending = Jdbc.queryOne(c, "SELECT ehr, code_verifier, nonce, redirect_uri, token_endpoint, id_token_issuer"
                    + " FROM ehr_launch WHERE state_hash = ? AND created >= ?", row -> new Pending(row.getString(1), row.getString(2),
                    row.getString(3), row.getString(4), row.getString(5), row.getString(6)), hash, now - LIFETIME_MILLIS);
            // only the one request that deletes the row finishes the launch
            return Jdbc.update(c, "DELETE FROM ehr_launch WHERE state_hash = ?", hash) == 1 ? pending : Optional.empty();
        });
    }
}
