package org.peerbridge.server.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerbridge.server.security.auth.AdminBootstrap;
import org.peerbridge.server.support.RunningServer;
import org.peerbridge.server.support.TestDatabase;
import picocli.CommandLine;

/**
 * The operator's web user management, {@code peerbridge users add|list|disable|enable|password}: on a stopped
 * server's database, and on a running server through its admin API (the embedded database is then the server's).
 */
class UsersCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void managesTheUsersOfAStoppedServersDatabase() throws Exception {
        String data = dir.resolve("data").toString();
        assertEquals(0, run("users", "add", "dr-rivera", "--role", "referrer", "--organization", "Organization/general-hospital",
                "--password-file", password("correct horse battery staple"), "--data-dir", data));
        assertEquals(1, run("users", "add", "dr-rivera", "--role", "referrer", "--organization", "Organization/general-hospital",
                "--password-file", password("correct horse battery staple"), "--data-dir", data));
        assertEquals(0, run("users", "disable", "dr-rivera", "--data-dir", data));
        assertEquals(0, run("users", "list", "--data-dir", data));
        assertTrue(out.toString().matches("(?s).*dr-rivera\\s+disabled\\s+referrer\\s+Organization/general-hospital.*"), out.toString());
        assertEquals(0, run("users", "enable", "dr-rivera", "--data-dir", data));
        assertEquals(0, run("users", "password", "dr-rivera", "--password-file", password("another long passphrase"), "--data-dir", data));
        assertEquals(1, run("users", "disable", "nobody", "--data-dir", data));
        assertEquals(2, run("users", "password", "dr-rivera", "--password-file", password("too short"), "--data-dir", data));
        assertTrue(err.toString().contains("A user 'dr-rivera' already exists") && err.toString().contains("No user 'nobody' exists"),
                err.toString());
    }

    @Test
    void managesTheUsersOfARunningServerThroughItsAdminApi() throws Exception {
        try (RunningServer server = RunningServer.start(TestDatabase.H2)) {
            String data = server.config().dataDir().toString();
            String port = String.valueOf(URI.create(server.baseUrl()).getPort());
            // no --server: the running server holds the data folder, so the command goes to it on --port with the folder's key
            assertEquals(0, run("--port", port, "users", "add", "dr-okafor", "--role", "referrer", "--organization",
                    "Organization/general-hospital", "--password-file", password("correct horse battery staple"), "--data-dir", data), err.toString());
            assertEquals(1, run("--port", port, "users", "add", "dr-okafor", "--role", "referrer", "--organization",
                    "Organization/general-hospital", "--password-file", password("correct horse battery staple"), "--data-dir", data));

            String key = server.config().dataDir().resolve(AdminBootstrap.KEY_FILE).toString();
            assertEquals(0, run("users", "disable", "dr-okafor", "--server", server.baseUrl(), "--key", key), err.toString());
            assertEquals(false, listed(server, "dr-okafor").get("enabled"), "the server's own user is disabled");
            assertEquals(0, run("users", "list", "--server", server.baseUrl(), "--key", key));
            assertTrue(out.toString().matches("(?s).*dr-okafor\\s+disabled\\s+referrer\\s+Organization/general-hospital.*"), out.toString());
            assertEquals(0, run("users", "enable", "dr-okafor", "--server", server.baseUrl(), "--key", key));
            assertEquals(true, listed(server, "dr-okafor").get("enabled"));
            assertEquals(0, run("users", "password", "dr-okafor", "--password-file", password("another long passphrase"),
                    "--server", server.baseUrl(), "--key", key));
            assertEquals(1, run("users", "enable", "nobody", "--server", server.baseUrl(), "--key", key));
            assertTrue(err.toString().contains("A user 'dr-okafor' already exists") && err.toString().contains("No user 'nobody' exists"),
                    err.toString());
        }
    }

    private Map<?, ?> listed(RunningServer server, String username) throws Exception {
        HttpResponse<String> answer = server.send("GET", "/auth/users", null, null);
        assertEquals(200, answer.statusCode(), answer.body());
        List<Object> users = JSONObjectUtils.getJSONArray(JSONObjectUtils.parse(answer.body()), "users");
        return users.stream().map(Map.class::cast).filter(user -> username.equals(user.get("username"))).findFirst().orElseThrow();
    }

    private String password(String password) throws Exception {
        return Files.writeString(Files.createTempFile(dir, "password", ".txt"), password + "\n").toString();
    }

    private int run(String... args) {
        CommandLine commandLine = Main.configure(new CommandLine(new Main()));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
