package org.peerbridge.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The mapping module is the domain and its FHIR mapping only: its main sources name nothing of the server, no SQL,
 * no HTTP (servlets, Jetty, HAPI's REST layer, Java's HTTP client) and no threads, so every rule is a pure function.
 */
class MappingIsPureTest {

    private static final Pattern FORBIDDEN = Pattern.compile("org\\.peerbridge\\.server|java\\.sql|javax\\.sql|jakarta\\.servlet|java\\.net\\.http"
            + "|org\\.eclipse\\.jetty|ca\\.uhn\\.fhir\\.rest|java\\.util\\.concurrent|new Thread\\b");

    @Test
    void mainSourcesNameNoServerSqlHttpOrThreads() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher forbidden = FORBIDDEN.matcher(Files.readString(file));
                while (forbidden.find()) {
                    found.add(file + ": " + forbidden.group());
                }
            }
        }
        assertEquals(List.of(), found);
    }
}
