package org.peerbridge.server.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.utilities.json.model.JsonObject;
import org.hl7.fhir.utilities.json.parser.JsonParser;
import org.hl7.fhir.utilities.validation.ValidationMessage;

/** The fixtures module's example files, valid and invalid, as resources to validate; and messages made comparable. */
final class FixtureResources {

    private FixtureResources() {
    }

    /** What a test checks of one fixture resource. */
    @FunctionalInterface
    interface Check {
        /** @param json the resource's JSON, read afresh at each call: the validator's element parser changes the tree it reads */
        void check(Resource parsed, Supplier<JsonObject> json, String what);
    }

    /** Runs {@code check} on every resource of every fixture that parses as R4; returns how many it checked. */
    static int checkEach(FhirContext fhir, Check check) throws IOException {
        int checked = 0;
        for (Path file : files()) {
            byte[] json = Files.readAllBytes(file);
            List<JsonObject> resources = resourcesIn(json); // for parsing only: the check gets a fresh read
            for (int i = 0; i < resources.size(); i++) {
                int index = i;
                Resource parsed = parse(fhir, resources.get(i));
                if (parsed != null) { // else a malformed fixture: the server refuses it before validating
                    check.check(parsed, () -> resourcesIn(json).get(index), file + " resource " + i);
                    checked++;
                }
            }
        }
        return checked;
    }

    private static List<Path> files() throws IOException {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        try (Stream<Path> files = Files.walk(module.resolveSibling("fixtures").resolve("examples"))) {
            return files.filter(path -> path.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** The file's resource, or each entry's resource too if it is a Bundle; nothing if it is not a resource. */
    private static List<JsonObject> resourcesIn(byte[] file) {
        JsonObject json = RequestJson.parse(file);
        if (json == null || !json.has("resourceType")) {
            return List.of();
        }
        List<JsonObject> resources = new ArrayList<>(List.of(json));
        if (Bundle.class.getSimpleName().equals(json.asString("resourceType")) && json.has("entry")) {
            RequestJson.entryResources(json, json.getJsonArray("entry").size()).stream()
                    .filter(entry -> entry != null)
                    .forEach(resources::add);
        }
        return resources;
    }

    /** @return null when it is not parseable as R4 (a malformed fixture): the server refuses it before validating */
    static Resource parse(FhirContext fhir, JsonObject json) {
        try {
            return (Resource) fhir.newJsonParser().parseResource(JsonParser.compose(json));
        } catch (DataFormatException e) {
            return null;
        }
    }

    static List<String> describe(List<ValidationMessage> messages) {
        return messages.stream().map(m -> m.getLevel() + " " + m.getLocation() + " " + m.getMessageId() + " " + m.getMessage()).toList();
    }
}
