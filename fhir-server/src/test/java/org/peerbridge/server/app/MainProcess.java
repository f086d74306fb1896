package org.peerbridge.server.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The server as an operator runs it: a process of its own, started by {@link Main} with this JVM and class path. */
final class MainProcess {

    private MainProcess() {
    }

    /**
     * The command line that runs Main with {@code args}. The process compiles with C1 only and collects on one thread:
     * nothing these tests check depends on the JIT or the collector, and on two cores the server then starts in about
     * half the CPU, beside the test JVM.
     */
    static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** Starts Main with {@code args}, its output and errors appended to {@code log}. */
    static Process start(Path log, List<String> args) throws IOException {
        return new ProcessBuilder(command(args.toArray(String[]::new)))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }
}
