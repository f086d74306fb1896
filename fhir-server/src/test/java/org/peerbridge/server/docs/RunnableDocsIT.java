package org.peerbridge.server.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documentation's commands run. Every block of README.md and docs/*.md opened with
 * {@value #MARKER} is executed with bash, in order, against the packaged jar started fresh by the launcher (H2,
 * authorization on) in a scratch directory that looks like a clone's root to the commands
 * ({@code fhir-server/}, {@code fixtures/}, the server's {@code data/}). README.md runs in a shell of its
 * own, as a reader's first stop; docs/getting-started.md walks the whole loop, and every other page's
 * blocks run after it in the same shell, with the variables it defined. The shell stops at the first
 * failing command or undefined variable ({@code set -euo pipefail}) and curl fails on any HTTP error, so
 * a docs change that breaks a command fails the build. Needs bash, curl and jq (.ci/run installs them).
 */
class RunnableDocsIT {

    static final String MARKER = "```bash runnable";
    private static final Duration SHELL_LIMIT = Duration.ofMinutes(8);
    private static final Duration START_LIMIT = Duration.ofMinutes(5);

    /** One runnable block and where it is, so that a failure names the page and line. */
    record Block(String page, int line, String code) {
    }

    @TempDir
    Path workDir;

    @Test
    void theDocumentedCommandsRunInOrder() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent(); // failsafe runs in fhir-server/
        Path jar = root.resolve("fhir-server/target/peerbridge.jar");
        assertTrue(Files.isRegularFile(jar), "no " + jar + ": the package phase builds it (./mvnw verify)");
        for (String tool : List.of("curl", "jq")) {
            assertEquals(0, new ProcessBuilder("bash", "-c", "command -v " + tool).start().waitFor(),
                    tool + " is needed by the documented commands (.ci/run installs it)");
        }
        Files.createSymbolicLink(workDir.resolve("fhir-server"), root.resolve("fhir-server"));
        Files.createSymbolicLink(workDir.resolve("fixtures"), root.resolve("fixtures"));

        List<Block> readme = blocks(root, "README.md");
        List<Block> walk = new ArrayList<>(blocks(root, "docs/getting-started.md"));
        try (Stream<Path> pages = Files.list(root.resolve("docs"))) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                String name = "docs/" + page.getFileName();
                if (!name.equals("docs/getting-started.md")) {
                    walk.addAll(blocks(root, name));
                }
            }
        }
        assertTrue(!readme.isEmpty() && walk.size() > 10, "runnable blocks found: README " + readme.size() + ", docs " + walk.size());

        int port = freePort();
        // started as the README starts it: the launcher, with this JVM
        ProcessBuilder launcher = new ProcessBuilder(root.resolve("peerbridge").toString(),
                "--port", String.valueOf(port), "--data-dir", "data", "--token-lifetime", "3600")
                .directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("server.out").toFile());
        launcher.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process server = launcher.start();
        try {
            awaitReady(server);
            runInOneShell("README.md", readme, port);
            runInOneShell("docs/", walk, port);
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /** The page's runnable blocks, in page order. */
    static List<Block> blocks(Path root, String page) throws IOException {
        List<String> lines = Files.readAllLines(root.resolve(page));
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(MARKER)) {
                int start = i + 1;
                StringBuilder code = new StringBuilder();
                for (i = start; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                    code.append(lines.get(i)).append('\n');
                }
                blocks.add(new Block(page, start + 1, code.toString()));
            }
        }
        return blocks;
    }

    private void runInOneShell(String what, List<Block> blocks, int port) throws Exception {
        StringBuilder script = new StringBuilder("""
                set -euo pipefail
                export PORT=%d
                curl() { command curl --fail-with-body --max-time 60 "$@"; }
                """.formatted(port));
        for (Block block : blocks) {
            script.append("echo '>>> ").append(block.page()).append(':').append(block.line()).append("'\n").append(block.code());
        }
        Path scriptFile = workDir.resolve("runnable-" + what.replaceAll("\\W", "_") + ".sh");
        Files.writeString(scriptFile, script);
        Path output = workDir.resolve(scriptFile.getFileName() + ".out");
        Process shell = new ProcessBuilder("bash", scriptFile.toString()).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!shell.waitFor(SHELL_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            shell.destroyForcibly();
            fail("the runnable blocks of " + what + " did not finish within " + SHELL_LIMIT + ":\n" + tail(output));
        }
        assertEquals(0, shell.exitValue(), "a runnable block of " + what + " failed (the last '>>>' line names it):\n" + tail(output));
    }

    /** As a reader does: waits until the log says the server is ready for writes. */
    private void awaitReady(Process server) throws Exception {
        Path log = workDir.resolve("server.out");
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline && server.isAlive()) {
            if (Files.exists(log) && Files.readString(log).contains("PeerBridge ready at")) {
                return;
            }
            Thread.sleep(250);
        }
        fail("the server was not ready within " + START_LIMIT + ":\n" + tail(log));
    }

    private static String tail(Path file) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "";
        return text.length() <= 6000 ? text : "…" + text.substring(text.length() - 6000);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
