package org.peerbridge.server.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The operator's EHR registrations, {@code peerbridge ehrs add|list|disable|enable}, on a stopped server's database.
 * Through a running server's admin API the command is used by ClinicianViewTest's EHR launch, which registers its
 * test EHR with it.
 */
class EhrsCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void managesTheEhrsOfAStoppedServersDatabase() throws Exception {
        String data = dir.resolve("data").toString();
        Path jwks = Files.writeString(dir.resolve("ehr-jwks.json"), "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"ehr-1\","
                + "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\",\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}]}");
        assertEquals(0, run("ehrs", "add", "general-hospital-ehr", "--iss", "https://ehr.general-hospital.example/fhir/", "--organization",
                "Organization/general-hospital", "--client-id", "peerbridge", "--jwks", jwks.toString(), "--data-dir", data), err.toString());
        assertTrue(out.toString().contains("redirect URI <server>/launch/callback"), out.toString());
        assertEquals(1, run("ehrs", "add", "same-issuer", "--iss", "https://ehr.general-hospital.example/fhir", "--organization",
                "Organization/general-hospital", "--client-id", "peerbridge", "--jwks-url", "https://ehr.general-hospital.example/jwks",
                "--data-dir", data));
        assertEquals(2, run("ehrs", "add", "no-keys", "--iss", "https://other.example/fhir", "--organization",
                "Organization/general-hospital", "--client-id", "peerbridge", "--data-dir", data));
        assertEquals(0, run("ehrs", "disable", "general-hospital-ehr", "--data-dir", data));
        assertEquals(0, run("ehrs", "list", "--data-dir", data));
        assertTrue(out.toString().matches("(?s).*general-hospital-ehr\\s+disabled\\s+Organization/general-hospital\\s+peerbridge\\s+"
                + "https://ehr\\.general-hospital\\.example/fhir\\n.*"), out.toString());
        assertEquals(0, run("ehrs", "enable", "general-hospital-ehr", "--data-dir", data));
        assertEquals(1, run("ehrs", "disable", "nobody", "--data-dir", data));
        assertTrue(err.toString().contains("is already registered") && err.toString().contains("No EHR 'nobody' is registered")
                && err.toString().contains("Give exactly one source of the EHR's keys"), err.toString());
    }

    private int run(String... args) {
        CommandLine commandLine = Main.configure(new CommandLine(new Main()));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
