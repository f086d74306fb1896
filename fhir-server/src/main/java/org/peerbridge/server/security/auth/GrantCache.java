package org.peerbridge.server.security.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.peerbridge.server.storage.Database;
import org.peerbridge.server.storage.Digests;

/**
 * The grants of valid bearer tokens this replica read from {@code auth_token} in the last
 * {@link #REVOCATION_BOUND}, so a client's requests do not each cost a database round trip. Revocation
 * stays shared: disabling a client on this replica forgets every remembered grant at once; on another
 * replica its tokens keep working for at most {@link #REVOCATION_BOUND}, until their grants are read again.
 * Expiry needs no database: a remembered grant carries its expiry. Unknown, expired and disabled
 * tokens are never remembered, so they are read (and refused) every time. Keys are the tokens' SHA-256
 * hashes, as in the database: the tokens themselves are never kept.
 */
public final class GrantCache {

    /** How long another replica may still accept a token after its client was disabled. */
    public static final Duration REVOCATION_BOUND = Duration.ofSeconds(5);

    /** Grants remembered at most; a full cache first drops what is stale, then everything. */
    static final int MAX_GRANTS = 10_000;

    private record Remembered(AccessTokens.Grant grant, long readAt) { }

    private final Database database;
    private final AccessTokens tokens;
    private final Clock clock;
    private final Map<String, Remembered> byTokenHash = new ConcurrentHashMap<>();
    /** Counts revocations, so a grant read before one is never remembered after it. */
    private long revocations;

    public GrantCache(Database database, AccessTokens tokens, Clock clock) {
        this.database = database;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The grant of a token, whatever its expiry; empty when it was never issued or was revoked. */
    public Optional<AccessTokens.Grant> find(String token) {
        String hash = Digests.sha256Hex(token);
        long now = clock.millis();
        Remembered remembered = byTokenHash.get(hash);
        if (remembered != null && now - remembered.readAt() < REVOCATION_BOUND.toMillis()) {
            return Optional.of(remembered.grant());
        }
        long revocationsBefore = revocationCount();
        Optional<AccessTokens.Grant> grant = database.inTransaction(c -> tokens.findByHash(c, hash));
        if (grant.isPresent() && grant.get().clientEnabled() && grant.get().expires() > now) {
            remember(hash, new Remembered(grant.get(), now), revocationsBefore);
        } else {
            byTokenHash.remove(hash);
        }
        return grant;
    }

    /** A client was disabled (committed): none of the grants read before may be used again. */
    public synchronized void revoked() {
        revocations++;
        byTokenHash.clear();
    }

    private synchronized long revocationCount() {
        return revocations;
    }

    private synchronized void remember(String hash, Remembered remembered, long revocationsBefore) {
        if (revocations != revocationsBefore) {
            return; // read before a revocation committed: it may name a client that is disabled now
        }
        if (byTokenHash.size() >= MAX_GRANTS) {
            byTokenHash.values().removeIf(r -> remembered.readAt() - r.readAt() >= REVOCATION_BOUND.toMillis());
            if (byTokenHash.size() >= MAX_GRANTS) {
                byTokenHash.clear();
            }
        }
        byTokenHash.put(hash, remembered);
    }
}
