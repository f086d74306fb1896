package org.peerbridge.server.validation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.hl7.fhir.utilities.json.model.JsonArray;
import org.hl7.fhir.utilities.json.model.JsonBoolean;
import org.hl7.fhir.utilities.json.model.JsonElement;
import org.hl7.fhir.utilities.json.model.JsonNumber;
import org.hl7.fhir.utilities.json.model.JsonObject;
import org.hl7.fhir.utilities.json.model.JsonProperty;
import org.hl7.fhir.utilities.json.model.JsonString;
import org.hl7.fhir.utilities.json.parser.JsonParser;

/**
 * Copies of a FHIR resource's JSON that each change one thing: a property removed or repeated, a value of the
 * wrong type or format, an unknown code, system or reference, an unexpected element, a JSON-level oddity. They
 * exist so that a test can check, across every kind of rule the HL7 validator enforces at error level, that a
 * faster validator never accepts what the HL7 validator rejects. The corpus depends only on the input, in order.
 */
final class JsonMutations {

    /** One changed copy of a resource: what was changed, and the JSON text of the whole changed resource. */
    record Mutant(String description, String json) {
    }

    /** Objects nested deeper than this are not mutated, which keeps a large resource to about 1500 mutants. */
    private static final int MAX_DEPTH = 6;

    private static final String RESOURCE_TYPE = "resourceType";
    private static final Pattern DATE = Pattern.compile("^\\d{4}(-\\d{2}(-\\d{2})?)?(T.*)?$");
    private static final Pattern SHORT_WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");
    private static final Pattern LOWER_CASE_WORD = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Set<String> CODE_KEYS = Set.of("status", "intent", "priority", "gender", "use", "code");
    private static final String EXTENSION = "{\"url\":\"http://example.org/ext\",\"valueString\":\"x\"}";

    private static final List<Value> BAD_DATES = List.of(
            Value.string("invalid month", "2024-13-01"),
            Value.string("invalid day", "2024-02-30"),
            Value.string("time without timezone", "2024-01-01T10:00:00"),
            Value.string("year only", "2024"),
            Value.string("slashes", "2024/01/01"));

    private static final List<Value> BAD_URIS = List.of(
            Value.string("OID with a letter", "urn:oid:1.2.x"),
            Value.string("OID too short", "urn:oid:2.16"),
            Value.string("UUID that is not one", "urn:uuid:not-a-uuid"),
            Value.string("OID without urn:", "oid:1.2.3.4.5"),
            Value.string("space inside", "http://example.org/a b"),
            Value.string("unknown system", "http://hl7.org/fhir/unknown-system"),
            Value.string("known code system in the wrong place", "http://terminology.hl7.org/CodeSystem/v2-0203"));

    private static final List<Value> BAD_REFERENCES = List.of(
            Value.string("a Patient", "Patient/123"),
            Value.string("a Practitioner", "Practitioner/123"),
            Value.string("a Group", "Group/1"),
            Value.string("an Observation", "Observation/1"),
            Value.string("a contained resource that is not there", "#contained"),
            Value.string("a UUID one digit short", "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950"),
            Value.string("an absolute URL", "http://example.org/fhir/Patient/1"),
            Value.string("a type without an id", "Patient/"),
            Value.string("an id with a space", "Patient/bad id"),
            Value.string("an unknown type", "NotAType/1"));

    private static final List<Setting> ELEMENT_ADDITIONS = List.of(
            Setting.string("unknownElement", "x"),
            new Setting("extension", "[" + EXTENSION + "]"),
            new Setting("extension", "[{\"url\":\"http://example.org/ext\"}]"),
            new Setting("modifierExtension", "[{\"url\":\"http://example.org/modifier\",\"valueString\":\"x\"}]"));

    private static final List<Setting> RESOURCE_CHANGES = List.of(
            new Setting("contained", "[{\"resourceType\":\"Patient\",\"id\":\"c1\"}]"),
            new Setting("text", "{\"status\":\"generated\",\"div\":\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">x</div>\"}"),
            new Setting("text", "{\"status\":\"generated\",\"div\":\"<p>not xhtml</p>\"}"),
            new Setting("meta", "{\"profile\":[\"http://example.org/unknown-profile\"]}"),
            Setting.string("language", "xx-nope"),
            Setting.string("implicitRules", "http://example.org/rules"),
            Setting.string("id", "bad id!"),
            Setting.string(RESOURCE_TYPE, "Basic"));

    private static final List<Setting> CODING_CHANGES = List.of(
            Setting.string("code", "zzz-unknown"),
            Setting.string("display", "Wrong display"),
            Setting.string("system", "http://hl7.org/fhir/ValueSet/administrative-gender"),
            Setting.string("version", "9.9.9"));

    private static final List<Setting> IDENTIFIER_CHANGES = List.of(
            Setting.string("system", "urn:ietf:rfc:3986"), // then the value must be an absolute URI
            Setting.string("system", "https://tools.ietf.org/html/rfc4122"));

    private final String source;
    private final String resourceType;
    private final Set<String> seen = new HashSet<>();
    private final List<Mutant> mutants = new ArrayList<>();

    private JsonMutations(String source, JsonObject resource) {
        this.source = source;
        this.resourceType = resource.asString(RESOURCE_TYPE);
        seen.add(JsonParser.compose(resource)); // a change that changes nothing makes no mutant
    }

    /** Every mutant of {@code resourceJson} (a FHIR resource as JSON text), in a stable order. */
    static List<Mutant> of(String resourceJson) {
        JsonObject resource = parse(resourceJson);
        JsonMutations mutations = new JsonMutations(resourceJson, resource);
        mutations.visit(Location.ROOT, resource);
        mutations.mutateText(resource);
        return List.copyOf(mutations.mutants);
    }

    // ---- walking the resource

    private void visit(Location at, JsonElement value) {
        if (value instanceof JsonObject object) {
            visitObject(at, object);
        } else if (value instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                visit(at.element(i), array.get(i));
            }
        } else if (value instanceof JsonString string) {
            mutateString(at, string.getValue());
        } else if (value instanceof JsonNumber number) {
            mutateNumber(at, number.getValue());
        } else if (value instanceof JsonBoolean bool) {
            replace(at, Value.string("a string", bool.getValue()));
        }
    }

    private void visitObject(Location at, JsonObject object) {
        mutateObject(at, object);
        for (JsonProperty property : object.getProperties()) {
            Location child = at.property(property.getName());
            if (!property.getName().equals(RESOURCE_TYPE) && child.depth() <= MAX_DEPTH) {
                mutateProperty(child, property.getValue());
                visit(child, property.getValue());
            }
        }
    }

    // ---- cardinality

    private void mutateProperty(Location at, JsonElement value) {
        mutate(describe(at, "removed"), root -> at.removeFrom(root));
        if (value instanceof JsonArray array) {
            mutateArray(at, array);
        } else {
            replace(at, new Value("wrapped in an array", "[" + JsonParser.compose(value) + "]"));
        }
    }

    private void mutateArray(Location at, JsonArray array) {
        replace(at, new Value("empty array", "[]"));
        if (array.size() > 0) {
            String first = JsonParser.compose(array.get(0));
            replace(at, new Value("first element instead of the array", first));
            replace(at, new Value("first element twice", "[" + first + "," + first + "]"));
        }
    }

    // ---- primitives

    private void mutateString(Location at, String value) {
        replace(at, Value.string("empty string", ""));
        replace(at, Value.string("only spaces", "   "));
        replace(at, Value.string("leading space", " " + value));
        replace(at, Value.string("trailing space", value + " "));
        replace(at, Value.string("control character inside", insertInMiddle(value, "\u0001")));
        replace(at, Value.string("form feed inside", insertInMiddle(value, "\f")));
        replace(at, Value.string("markup inside", value + "<script>alert(1)</script>"));
        replace(at, new Value("a number", "1"));
        replace(at, new Value("a boolean", "true"));
        replace(at, new Value("an object", "{}"));
        replace(at, new Value("null", "null"));
        if (DATE.matcher(value).matches()) {
            BAD_DATES.forEach(bad -> replace(at, bad));
        }
        if (looksLikeUri(value)) {
            BAD_URIS.forEach(bad -> replace(at, bad));
        } else if (looksLikeCode(at.key(), value)) {
            replace(at, Value.string("unknown code", "not-a-code"));
            replace(at, Value.string("upper case", value.toUpperCase(Locale.ROOT)));
        }
    }

    private static String insertInMiddle(String value, String inserted) {
        int middle = value.length() / 2;
        return value.substring(0, middle) + inserted + value.substring(middle);
    }

    private static boolean looksLikeUri(String value) {
        return value.startsWith("http") || value.startsWith("urn:");
    }

    private static boolean looksLikeCode(String key, String value) {
        return SHORT_WORD.matcher(value).matches()
                && (CODE_KEYS.contains(key) || LOWER_CASE_WORD.matcher(value).matches());
    }

    private void mutateNumber(Location at, String number) {
        replace(at, Value.string("a string", number));
        if (number.matches("-?\\d+")) {
            replace(at, new Value("a decimal", "1.5"));
        }
        replace(at, new Value("negative", "-1"));
        replace(at, new Value("zero", "0"));
    }

    // ---- objects

    private void mutateObject(Location at, JsonObject object) {
        if (!at.isRoot()) {
            replace(at, new Value("empty object", "{}"));
        }
        ELEMENT_ADDITIONS.forEach(addition -> set(at, addition));
        extendFirstString(at, object);
        giveTwoChildrenOneId(at, object);
        if (object.has(RESOURCE_TYPE)) {
            RESOURCE_CHANGES.forEach(change -> set(at, change));
        }
        if (isCoding(object)) {
            CODING_CHANGES.forEach(change -> set(at, change));
        }
        if (isIdentifier(object)) {
            IDENTIFIER_CHANGES.forEach(change -> set(at, change));
        }
        if (object.hasString("reference")) {
            BAD_REFERENCES.forEach(bad -> replace(at.property("reference"), bad));
        }
        if (object.has("start") || object.has("end")) {
            endBeforeStart(at);
        }
    }

    /** For a Period: both ends set, the end a day before the start. */
    private void endBeforeStart(Location period) {
        mutate(describe(period, "end before start"),
                root -> period.objectIn(root).set("start", "2024-05-02").set("end", "2024-05-01"));
    }

    private static boolean isCoding(JsonObject object) {
        return object.hasString("system") && object.has("code");
    }

    /** Not a ContactPoint, whose system is a code. */
    private static boolean isIdentifier(JsonObject object) {
        return object.hasString("system") && looksLikeUri(object.asString("system")) && object.has("value");
    }

    /** A primitive extension ({@code _family} beside {@code family}) on the object's first string property. */
    private void extendFirstString(Location at, JsonObject object) {
        object.getProperties().stream()
                .filter(property -> property.getValue() instanceof JsonString && !property.getName().equals(RESOURCE_TYPE))
                .findFirst()
                .ifPresent(property -> set(at, new Setting("_" + property.getName(), "{\"extension\":[" + EXTENSION + "]}")));
    }

    /** The same element id on two of the object's child objects (the first two, in arrays or not). */
    private void giveTwoChildrenOneId(Location at, JsonObject object) {
        List<Location> children = childObjects(at, object);
        if (children.size() >= 2) {
            Location first = children.get(0);
            Location second = children.get(1);
            mutate(describe(at, "id \"dup\" on both " + first.path() + " and " + second.path()), root -> {
                first.objectIn(root).set("id", "dup");
                second.objectIn(root).set("id", "dup");
            });
        }
    }

    private static List<Location> childObjects(Location at, JsonObject object) {
        List<Location> children = new ArrayList<>();
        for (JsonProperty property : object.getProperties()) {
            Location child = at.property(property.getName());
            if (property.getValue() instanceof JsonObject) {
                children.add(child);
            } else if (property.getValue() instanceof JsonArray array) {
                for (int i = 0; i < array.size(); i++) {
                    if (array.get(i) instanceof JsonObject) {
                        children.add(child.element(i));
                    }
                }
            }
        }
        return children;
    }

    // ---- the JSON text itself

    /**
     * What the JSON model cannot hold, which the validator's parser reports rather than refuses. The comment is a
     * line comment: with the validator's settings the parser refuses a block comment.
     */
    private void mutateText(JsonObject resource) {
        String json = JsonParser.compose(resource);
        keep(describe(Location.ROOT, "a line comment"), "{\n// a comment\n" + json.substring(1));
        firstPropertyAfterResourceType(resource).ifPresent(property -> keep(
                describe(Location.ROOT, "property " + property.getName() + " twice"),
                json.substring(0, json.length() - 1) + "," + propertyText(property) + "}"));
    }

    private static Optional<JsonProperty> firstPropertyAfterResourceType(JsonObject resource) {
        return resource.getProperties().stream().filter(property -> !property.getName().equals(RESOURCE_TYPE)).findFirst();
    }

    /** {@code "name":value} */
    private static String propertyText(JsonProperty property) {
        String object = JsonParser.compose(new JsonObject().add(property.getName(), property.getValue().deepCopy()));
        return object.substring(1, object.length() - 1);
    }

    // ---- making mutants

    private void replace(Location at, Value value) {
        mutate(describe(at, value.what()), root -> at.replaceIn(root, parseValue(value.json())));
    }

    private void set(Location object, Setting setting) {
        mutate(describe(object, "set " + setting.name() + " " + setting.json()),
                root -> object.objectIn(root).set(setting.name(), parseValue(setting.json())));
    }

    /** Applies {@code edit} to a fresh parse of the resource, so that no two mutants share a tree. */
    private void mutate(String description, Consumer<JsonObject> edit) {
        JsonObject copy = parse(source);
        edit.accept(copy);
        keep(description, JsonParser.compose(copy));
    }

    /** Keeps a mutant unless an earlier one, or the resource itself, is the same JSON. */
    private void keep(String description, String json) {
        if (seen.add(json)) {
            mutants.add(new Mutant(description, json));
        }
    }

    private String describe(Location at, String change) {
        return (at.isRoot() ? resourceType : at.path()) + ": " + change;
    }

    private static JsonObject parse(String json) {
        JsonObject object = RequestJson.parse(json.getBytes(StandardCharsets.UTF_8));
        if (object == null) {
            throw new IllegalArgumentException("Not a JSON object: " + json);
        }
        return object;
    }

    private static JsonElement parseValue(String json) {
        try {
            return JsonParser.parse(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value to put in place of another, as JSON text, and how a mutant's description names it. */
    private record Value(String what, String json) {

        /** A string value; the description quotes it as JSON, so control characters show escaped. */
        static Value string(String what, String text) {
            String json = JsonParser.compose(new JsonString(text));
            return new Value(what + " " + json, json);
        }
    }

    /** A property to add to an object, or to replace there, with its value as JSON text. */
    private record Setting(String name, String json) {

        static Setting string(String name, String text) {
            return new Setting(name, JsonParser.compose(new JsonString(text)));
        }
    }

    /**
     * Where a value is in the resource: property {@code name} of the object at {@code parent}, or if there is no
     * name, element {@code index} of the array there.
     */
    private record Location(Location parent, String name, int index) {

        static final Location ROOT = new Location(null, null, -1);

        boolean isRoot() {
            return parent == null;
        }

        Location property(String propertyName) {
            return new Location(this, propertyName, -1);
        }

        Location element(int elementIndex) {
            return new Location(this, null, elementIndex);
        }

        /** The property name, or for an array element the array's. */
        String key() {
            return name != null ? name : parent.key();
        }

        /** How many properties deep: an array's elements are as deep as the array. */
        int depth() {
            return isRoot() ? 0 : parent.depth() + (name != null ? 1 : 0);
        }

        /** As in {@code identifier[0].system}; empty for the root. */
        String path() {
            if (isRoot()) {
                return "";
            }
            if (name == null) {
                return parent.path() + "[" + index + "]";
            }
            return parent.isRoot() ? name : parent.path() + "." + name;
        }

        JsonElement in(JsonObject root) {
            if (isRoot()) {
                return root;
            }
            JsonElement container = parent.in(root);
            return name != null ? container.asJsonObject().get(name) : container.asJsonArray().get(index);
        }

        JsonObject objectIn(JsonObject root) {
            return in(root).asJsonObject();
        }

        void replaceIn(JsonObject root, JsonElement value) {
            if (name != null) {
                parent.objectIn(root).set(name, value);
            } else {
                parent.in(root).asJsonArray().getItems().set(index, value);
            }
        }

        void removeFrom(JsonObject root) {
            parent.objectIn(root).remove(name);
        }
    }
}
