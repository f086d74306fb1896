package org.peerbridge.server.security.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.peerbridge.server.security.scope.Scope;
import org.peerbridge.server.security.scope.ScopeSet;

/**
 * Secure by default, usable at once: on the first start with no client registered, one admin client is
 * created with a fresh ES384 key pair. The public key goes into the database, the private key into a
 * file in the data directory that only this user may read; the operator uses it to get a first token.
 */
public final class AdminBootstrap {

    public static final String CLIENT_ID = "peerbridge-admin";
    public static final String SCOPES = "system/*.cruds " + Scope.ADMIN;
    public static final String KEY_FILE = "admin-client.jwk";

    private final ClientRegistry registry;

    public AdminBootstrap(ClientRegistry registry) {
        this.registry = registry;
    }

    /** Creates the admin client if no client exists; returns the private key file it wrote. */
    public Optional<Path> ensureAdmin(Path dataDir, String programOrganization) {
        if (!registry.isEmpty()) {
            return Optional.empty();
        }
        KeyedClient admin = KeyedClient.generate(CLIENT_ID, programOrganization, ScopeSet.parse(SCOPES));
        if (!registry.add(admin.registration())) {
            return Optional.empty(); // another replica starting at the same time registered it first
        }
        return Optional.of(writePrivateKey(dataDir.resolve(KEY_FILE), admin.privateKey().toJSONString()));
    }

    /** A new P-384 key for ES384 signatures. */
    public static ECKey newSigningKey(String keyId) {
        try {
            return new ECKeyGenerator(Curve.P_384).keyID(keyId + "-" + System.currentTimeMillis())
                    .algorithm(JWSAlgorithm.ES384).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a P-384 key", e);
        }
    }

    /** Writes a private key readable by its owner only (0600), replacing an older file in one step. */
    public static Path writePrivateKey(Path file, String json) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".key-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, json, StandardCharsets.UTF_8);
            return Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the private key to " + file, e);
        }
    }
}
