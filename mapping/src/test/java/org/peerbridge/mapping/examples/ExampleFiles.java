package org.peerbridge.mapping.examples;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The integrator examples under fixtures/examples, read from the source tree (the mapping module does not
 * depend on the fixtures module). Placeholders ({{name}}) are filled with sample values the way the replay
 * kit fills captured ids: {{sr.id}} becomes "sr-id", {{run}} becomes "run".
 */
public final class ExampleFiles {

    private static final FhirContext CTX = FhirContext.forR4Cached();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

    private ExampleFiles() {
    }

    /** fixtures/examples, found from the module directory Maven runs the tests in. */
    public static Path root() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path examples = module.resolveSibling("fixtures").resolve("examples");
        if (!Files.isDirectory(examples)) {
            throw new IllegalStateException("fixtures/examples not found next to " + module.toAbsolutePath());
        }
        return examples;
    }

    public static List<Path> jsonFiles(String folder) {
        try (Stream<Path> files = Files.walk(root().resolve(folder))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample value of a placeholder: its name with '.' turned into '-'. */
    public static String sampleValue(String placeholder) {
        return placeholder.replace('.', '-');
    }

    public static String filled(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Matcher matcher = PLACEHOLDER.matcher(text);
            return matcher.replaceAll(m -> Matcher.quoteReplacement(sampleValue(m.group(1))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a file as R4 JSON, failing on anything unknown or malformed. */
    public static <T extends IBaseResource> T parse(Path file, Class<T> type) {
        return CTX.newJsonParser().setParserErrorHandler(new StrictErrorHandler()).parseResource(type, filled(file));
    }

    /** Parses a file as whatever R4 resource it holds, failing on anything unknown or malformed. */
    public static IBaseResource parse(Path file) {
        return CTX.newJsonParser().setParserErrorHandler(new StrictErrorHandler()).parseResource(filled(file));
    }

    public static String name(Path file) {
        return root().relativize(file).toString().replace('\\', '/');
    }
}
