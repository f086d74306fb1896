package org.peerbridge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of the server's packages, read from the main sources themselves (every {@code org.peerbridge.server.*}
 * name a file mentions: imports, fully qualified names, {@code @link}s): a package names only packages of its own
 * layer or below; the packages of one layer never name each other in a cycle; HAPI's HTTP exceptions belong to
 * {@code rest} (and {@code app}, which wires it) alone. {@link #LAYERS} is the table docs/architecture.md describes.
 */
class PackageLayersTest {

    /** Bottom up: each layer may use the ones before it. A package is named by its first segment under org.peerbridge.server. */
    static final List<Set<String>> LAYERS = List.of(
            Set.of("refusal", "logging", "background"),            // what every layer reports and logs with, its worker threads
            Set.of("storage"),                                      // SQL, transactions, ids
            Set.of("search", "validation"),                         // read and check resources
            Set.of("write"),                                        // the write pipeline and its rule interface
            Set.of("transaction"),                                  // Bundles, over the pipeline
            Set.of("referral", "session", "directory", "outcome"),  // the domain's write rules
            Set.of("report", "population"),                         // what is computed from stored courses
            Set.of("rest", "http"),                                 // the FHIR API and what is refused before it
            Set.of("security"),                                     // who calls, what they may do, the audit trail
            Set.of("subscription", "bulk", "health"),               // features that use the caller and the store
            Set.of("web"),                                          // the pages, over the API's pieces
            Set.of("app"));                                         // options and assembly

    private static final Path SOURCES = Path.of("src/main/java/org/peerbridge/server");
    private static final Pattern SERVER_NAME = Pattern.compile("org\\.peerbridge\\.server\\.([a-z]+)[a-z.]*\\.[A-Z]");
    private static final Pattern HTTP_EXCEPTIONS = Pattern.compile("ca\\.uhn\\.fhir\\.rest\\.server\\.exceptions|org\\.peerbridge\\.server\\.rest\\.errors");

    @Test
    void everyPackageHasItsPlaceInTheLayers() {
        Set<String> unplaced = new TreeSet<>(sources().keySet().stream().map(PackageLayersTest::packageOf).toList());
        LAYERS.forEach(unplaced::removeAll);
        assertEquals(Set.of(), unplaced, "place each new package in LAYERS (and in docs/architecture.md)");
    }

    @Test
    void noPackageNamesALayerAboveItsOwn() {
        List<String> upward = new ArrayList<>();
        sources().forEach((file, text) -> {
            String from = packageOf(file);
            for (String to : namedPackages(text)) {
                if (layer(to) > layer(from)) {
                    upward.add(SOURCES.relativize(file) + " names " + to + " (layer " + layer(to) + ", above its own " + layer(from) + ")");
                }
            }
        });
        assertEquals(List.of(), upward);
    }

    @Test
    void thePackagesOfOneLayerNeverNameEachOtherInACycle() {
        Map<String, Set<String>> sameLayer = new TreeMap<>();
        sources().forEach((file, text) -> {
            String from = packageOf(file);
            namedPackages(text).stream().filter(to -> !to.equals(from) && layer(to) == layer(from))
                    .forEach(to -> sameLayer.computeIfAbsent(from, p -> new TreeSet<>()).add(to));
        });
        List<String> cycles = new ArrayList<>();
        for (String start : sameLayer.keySet()) {
            if (reaches(sameLayer, start, start, new TreeSet<>())) {
                cycles.add(start + " -> " + sameLayer.get(start));
            }
        }
        assertEquals(List.of(), cycles, "packages that reach themselves through packages of their own layer");
    }

    @Test
    void onlyRestAndItsAssemblySpeakHapisHttpExceptions() {
        List<String> speakers = new ArrayList<>();
        sources().forEach((file, text) -> {
            if (!Set.of("rest", "app").contains(packageOf(file)) && HTTP_EXCEPTIONS.matcher(text).find()) {
                speakers.add(SOURCES.relativize(file).toString());
            }
        });
        assertEquals(List.of(), speakers, "below rest, code raises a refusal.Refusal; rest/errors alone turns it into HTTP");
    }

    private static boolean reaches(Map<String, Set<String>> edges, String from, String target, Set<String> seen) {
        for (String next : edges.getOrDefault(from, Set.of())) {
            if (next.equals(target) || (seen.add(next) && reaches(edges, next, target, seen))) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> namedPackages(String text) {
        Set<String> named = new TreeSet<>();
        Matcher name = SERVER_NAME.matcher(text);
        while (name.find()) {
            named.add(name.group(1));
        }
        return named;
    }

    private static int layer(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(pkg)) {
                return i;
            }
        }
        throw new AssertionError(pkg + " is in no layer");
    }

    private static String packageOf(Path file) {
        return SOURCES.relativize(file).getName(0).toString();
    }

    private static Map<Path, String> sources() {
        Map<Path, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.put(file, Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }
}
