package org.peerbridge.server.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerbridge.server.security.auth.AdminBootstrap;
import picocli.CommandLine;

/** The operator's client management: {@code peerbridge clients add|list|disable|enable} on the server's database. */
class ClientsCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void addsListsDisablesAndEnablesClients() throws Exception {
        Path key = dir.resolve("hospital.jwk");
        assertEquals(0, run("clients", "add", "general-hospital", "--organization", "Organization/general-hospital",
                "--scopes", "system/ServiceRequest.cru system/Task.rs", "--generate-key", key.toString(), "--data-dir", dir.toString()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertTrue(JWK.parse(Files.readString(key)).isPrivate());

        Path publicJwks = dir.resolve("clinic.jwks");
        Files.writeString(publicJwks, new JWKSet(AdminBootstrap.newSigningKey("clinic").toPublicJWK()).toString());
        assertEquals(0, run("clients", "add", "clinic", "--organization", "Organization/clinic", "--scopes", "system/*.rs",
                "--jwks", publicJwks.toString(), "--data-dir", dir.toString()));
        assertEquals(0, run("clients", "disable", "clinic", "--data-dir", dir.toString()));
        assertEquals(0, run("clients", "list", "--data-dir", dir.toString()));
        String listing = out.toString();
        assertTrue(listing.matches("(?s).*general-hospital\\s+enabled\\s+Organization/general-hospital\\s+system/ServiceRequest.cru system/Task.rs.*"),
                listing);
        assertTrue(listing.matches("(?s).*clinic\\s+disabled\\s+Organization/clinic.*"), listing);
        assertEquals(0, run("clients", "enable", "clinic", "--data-dir", dir.toString()));
    }

    @Test
    void refusesWhatWouldMakeAnUnusableOrUnsafeClient() throws Exception {
        assertEquals(2, run("clients", "add", "x", "--organization", "Organization/x", "--scopes", "user/*.rs",
                "--generate-key", dir.resolve("x.jwk").toString(), "--data-dir", dir.toString()));
        assertEquals(2, run("clients", "add", "x", "--organization", "General Hospital", "--scopes", "system/*.rs",
                "--generate-key", dir.resolve("x.jwk").toString(), "--data-dir", dir.toString()));
        assertEquals(2, run("clients", "add", "x", "--organization", "Organization/x", "--scopes", "system/*.rs", "--data-dir", dir.toString()));
        Path privateJwks = dir.resolve("private.jwks");
        Files.writeString(privateJwks, new JWKSet(AdminBootstrap.newSigningKey("x")).toString(false));
        assertEquals(2, run("clients", "add", "x", "--organization", "Organization/x", "--scopes", "system/*.rs",
                "--jwks", privateJwks.toString(), "--data-dir", dir.toString()));
        assertEquals(0, run("clients", "add", "x", "--organization", "Organization/x", "--scopes", "system/*.rs",
                "--jwks-url", "https://x.example.org/jwks.json", "--data-dir", dir.toString()));
        assertEquals(1, run("clients", "add", "x", "--organization", "Organization/x", "--scopes", "system/*.rs",
                "--jwks-url", "https://x.example.org/jwks.json", "--data-dir", dir.toString()));
        assertEquals(1, run("clients", "disable", "nobody", "--data-dir", dir.toString()));
        assertTrue(err.toString().contains("already registered") && err.toString().contains("No client 'nobody'"), err.toString());
    }

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
