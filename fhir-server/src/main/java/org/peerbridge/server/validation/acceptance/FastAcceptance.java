package org.peerbridge.server.validation.acceptance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;
import org.hl7.fhir.r4.hapi.ctx.HapiWorkerContext;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.utilities.json.model.JsonArray;
import org.hl7.fhir.utilities.json.model.JsonElement;
import org.hl7.fhir.utilities.json.model.JsonObject;
import org.hl7.fhir.utilities.json.model.JsonProperty;
import org.hl7.fhir.utilities.json.model.JsonString;
import org.hl7.fhir.utilities.json.parser.JsonParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts a resource without the HL7 validator when rules compiled from the same StructureDefinition
 * snapshots show it has no error: every element known, within its cardinality and of its type, every
 * primitive value certainly valid, every coded value one the validator already accepted at that element,
 * every invariant of error severity true. It only ever accepts: anything it cannot vouch for (an
 * extension, contained resources, narrative, a slice, an unusual value, a failed invariant) is judged by
 * the HL7 validator, whose answer is the server's answer. So a refusal always carries the validator's own
 * messages, and the fast path can only be wrong by accepting what the validator would refuse; the
 * equivalence tests look for exactly that.
 */
public final class FastAcceptance {

    private static final Logger LOG = LoggerFactory.getLogger(FastAcceptance.class);

    /**
     * The types the fast path judges: those of the referral, session, triage and questionnaire writes. The
     * validator treats them generically, but for a QuestionnaireResponse, whose answers it checks against
     * its Questionnaire when it knows it. It knows none of PeerBridge's (PublishedResources leaves them
     * out; the server's own ResponseChecker checks the answers); a response to one it does know is left to it.
     */
    public static final Set<String> JUDGED_TYPES = Set.of("Patient", "Practitioner", "PractitionerRole", "Organization",
            "ServiceRequest", "Encounter", "Task", "QuestionnaireResponse");

    /** Data types judged whole as coded values: their validity rests on code systems and value sets. */
    private static final Set<String> CODED_TYPES = Set.of("Coding", "CodeableConcept");
    /** Quantities: the amount is judged as a decimal and by the type's invariants, the rest as a coded value (the unit's code). */
    private static final Set<String> QUANTITY_TYPES = Set.of("Quantity", "Age", "Duration", "Distance", "Count", "Money");
    private static final Set<String> URI_TYPES = Set.of("uri", "url", "canonical", "oid", "uuid");
    /** Root elements whose checks (profiles, languages, narrative, contained resources) are the validator's alone. */
    private static final Set<String> VALIDATOR_ONLY_ROOT_ELEMENTS = Set.of("meta", "implicitRules", "language", "text", "contained");
    /** Identifier systems whose values the validator checks against the system. */
    private static final Set<String> VALUE_CHECKED_SYSTEMS = Set.of("urn:ietf:rfc:3986", "https://tools.ietf.org/html/rfc4122");
    private static final Pattern URN_UUID = Pattern.compile("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern RELATIVE_REFERENCE = Pattern.compile("([A-Z][A-Za-z]{1,63})/([A-Za-z0-9.-]{1,64})");
    private static final int KNOWN_VALUES = 50_000;

    private final CompiledModels models;
    private final Map<String, String> structureByType;
    private final Set<String> resourceTypes;
    private final KnownGoodValues known = new KnownGoodValues(KNOWN_VALUES);
    private final ThreadLocal<FHIRPathEngine> fhirPath;
    private final Predicate<String> knownQuestionnaire;

    /**
     * @param structures      the validator's StructureDefinitions by canonical URL
     * @param definitions     the validator's R4 definitions, where the FHIRPath engine looks up a type it meets
     * @param profileByType   the profile each type is validated against when it has one of the project's
     * @param knownQuestionnaire whether the validator knows the Questionnaire of a canonical URL
     */
    public FastAcceptance(FhirContext fhirContext, Function<String, StructureDefinition> structures, IValidationSupport definitions,
            Map<String, String> profileByType, Predicate<String> knownQuestionnaire) {
        this.knownQuestionnaire = knownQuestionnaire;
        HapiWorkerContext types = new HapiWorkerContext(fhirContext, new TypesOnDemand(fhirContext, definitions));
        this.fhirPath = ThreadLocal.withInitial(() -> new FHIRPathEngine(types)); // an engine keeps per-evaluation state
        this.models = new CompiledModels(structures, fhirPath.get());
        this.resourceTypes = Set.copyOf(fhirContext.getResourceTypes());
        Map<String, String> byType = new HashMap<>();
        JUDGED_TYPES.forEach(type -> byType.put(type, profileByType.getOrDefault(type, "http://hl7.org/fhir/StructureDefinition/" + type)));
        this.structureByType = Map.copyOf(byType);
    }

    /**
     * What the fast path made of one resource.
     *
     * @param declined      why it left the resource to the validator, naming the element; null when it accepted it
     * @param unknownValues the coded values it did not know yet, to learn if the validator accepts the resource
     */
    public record Verdict(String declined, List<String> unknownValues) {

        public boolean accepted() {
            return declined == null;
        }
    }

    /**
     * Judges the resource as the client sent it, before the validator's parser reads (and changes) that JSON.
     *
     * @param sender the organization that sent it: coded values are known per sender
     */
    public Verdict judge(Resource resource, JsonObject json, String sender) {
        String type = json == null ? null : json.asString("resourceType");
        String structure = type == null ? null : structureByType.get(type); // immutable maps refuse a null key
        if (structure == null || !resource.fhirType().equals(type)) {
            return new Verdict("a type the fast path does not judge", List.of());
        }
        if (json.get("questionnaire") instanceof JsonString questionnaire && isKnownQuestionnaire(questionnaire.getValue())) {
            return new Verdict("a response the validator checks against its Questionnaire", List.of());
        }
        Walk walk = new Walk(resource, sender, structure);
        try {
            if (walk.object(json, models.root(structure), resource, true, resource.fhirType()) && walk.unknownValues.isEmpty()) {
                walk.checkInvariants();
            } else if (walk.declined == null) {
                walk.declined = "unknown coded values: " + walk.unknownValues;
            }
        } catch (RuntimeException unforeseen) {
            // A shape the walk did not foresee is the validator's to judge, never a failed request.
            LOG.warn("The validation fast path failed on a {} and left it to the validator ({})", type, unforeseen.getClass().getName());
            return new Verdict("the fast path failed", List.of());
        }
        return new Verdict(walk.declined, walk.unknownValues);
    }

    private boolean isKnownQuestionnaire(String url) {
        try {
            return knownQuestionnaire.test(url);
        } catch (RuntimeException cannotTell) {
            return true;
        }
    }

    /** Remembers the coded values of a resource the HL7 validator found no error in. */
    public void learnFrom(Verdict verdict) {
        known.learn(verdict.unknownValues());
    }

    /** One walk over a resource's JSON, beside HAPI's parsed resource (which the invariants are evaluated on). */
    private final class Walk {

        private final Resource resource;
        private final String sender;
        private final String structure;
        private final List<String> unknownValues = new ArrayList<>();
        private final List<Base> invariantNodes = new ArrayList<>();
        private final List<Invariant> invariants = new ArrayList<>();
        private String declined;

        Walk(Resource resource, String sender, String structure) {
            this.resource = resource;
            this.sender = sender;
            this.structure = structure;
        }

        /** Declines the resource: the first reason is kept. */
        private boolean decline(String path, String why) {
            if (declined == null) {
                declined = path + ": " + why;
            }
            return false;
        }

        boolean object(JsonObject json, ElementModel model, Base node, boolean root, String path) {
            if (model == null || !model.checkable()) {
                return decline(path, "no checkable definition");
            }
            if (json.hasComments() || json.getProperties().isEmpty()) {
                return decline(path, "comments or no content");
            }
            Map<String, Integer> counts = new HashMap<>();
            Set<String> names = new HashSet<>();
            for (JsonProperty property : json.getProperties()) {
                String name = property.getName();
                if (!names.add(name) || !isStrict(property) || property.getValue().hasComments()) {
                    return decline(path + "." + name, "repeated, or JSON the validator comments on");
                }
                if (root && name.equals("resourceType")) {
                    continue;
                }
                if (root && name.equals("id")) {
                    if (!PrimitiveValues.vouchFor("id", property.getValue())) {
                        return decline(path + ".id", "not a plain id");
                    }
                    continue;
                }
                if (root && name.equals("meta")) {
                    if (!namesOnlyItsOwnProfile(property.getValue())) {
                        return decline(path + ".meta", "more than the profile it is judged against");
                    }
                    continue;
                }
                if (!isJudgedHere(name, root)) {
                    return decline(path + "." + name, "left to the validator");
                }
                if (!children(property, model.childByJsonName().get(name), node, counts, path + "." + name)) {
                    return false;
                }
            }
            for (ChildRule rule : model.required()) {
                if (counts.getOrDefault(rule.path(), 0) < rule.min()) {
                    return decline(path, "fewer than " + rule.min() + " of " + rule.path());
                }
            }
            model.invariants().forEach(invariant -> expect(invariant, node));
            return true;
        }

        /** A meta that only claims the profile the resource is judged against adds nothing for the validator to check. */
        private boolean namesOnlyItsOwnProfile(JsonElement meta) {
            return meta instanceof JsonObject object && object.getProperties().size() == 1 && !hasCommentsWithin(object)
                    && object.get("profile") instanceof JsonArray profiles && profiles.size() == 1
                    && profiles.get(0) instanceof JsonString profile && structure.equals(profile.getValue());
        }

        private boolean isJudgedHere(String name, boolean root) {
            return !name.equals("id") && !name.startsWith("_") && !name.equals("extension") && !name.equals("modifierExtension")
                    && !(root && VALIDATOR_ONLY_ROOT_ELEMENTS.contains(name));
        }

        private boolean children(JsonProperty property, ChildRule rule, Base node, Map<String, Integer> counts, String path) {
            if (rule == null) {
                return decline(path, "not an element of the definition");
            }
            if (!rule.checkable()) {
                return decline(path, "its definition has rules only the validator checks");
            }
            List<JsonElement> items = items(property.getValue(), rule.repeats());
            if (items == null) {
                return decline(path, "not an array exactly when the element repeats");
            }
            if (counts.merge(rule.path(), items.size(), Integer::sum) > rule.max()) {
                return decline(path, "more than " + rule.max());
            }
            List<Base> nodes = parsed(node, property.getName());
            if (nodes == null || nodes.size() != items.size()) {
                return decline(path, "read differently by HAPI's parser");
            }
            for (int i = 0; i < items.size(); i++) {
                JsonElement item = items.get(i);
                String itemPath = rule.repeats() ? path + "[" + i + "]" : path;
                if (item == null || item.isJsonNull() || item.hasComments()) {
                    return decline(itemPath, "null or commented");
                }
                if (!value(item, rule, nodes.get(i), itemPath)) {
                    return false;
                }
            }
            return true;
        }

        /** The occurrences, if JSON holds them as FHIR says (an array exactly when the base definition repeats); else null. */
        private List<JsonElement> items(JsonElement value, boolean repeats) {
            if (!repeats) {
                return value instanceof JsonArray ? null : List.of(value);
            }
            if (!(value instanceof JsonArray array) || array.size() == 0) {
                return null;
            }
            for (int i = 0; i < array.size(); i++) {
                if (!isStrict(array, i)) {
                    return null;
                }
            }
            return array.getItems();
        }

        private boolean value(JsonElement item, ChildRule rule, Base node, String path) {
            rule.invariants().forEach(invariant -> expect(invariant, node));
            String type = rule.type();
            if (URI_TYPES.contains(type) || (type.equals("code") && rule.bound())) {
                if (!(item instanceof JsonString text) || !PrimitiveValues.isPlainText(text.getValue())) {
                    return decline(path, "not a plain " + type);
                }
                return knownAt(rule, text.getValue());
            }
            if (Character.isLowerCase(type.charAt(0))) {
                return PrimitiveValues.vouchFor(type, item) || decline(path, "not certainly a valid " + type);
            }
            if (!(item instanceof JsonObject object)) {
                return decline(path, "not a JSON object");
            }
            if (CODED_TYPES.contains(type)) {
                return hasCommentsWithin(object) ? decline(path, "commented") : knownAt(rule, JsonParser.compose(object));
            }
            if (QUANTITY_TYPES.contains(type)) {
                return quantity(object, rule, node, path);
            }
            if (type.equals("Reference") && !isPlainReference(object, rule)) {
                return decline(path, "not a plain reference to an allowed type");
            }
            if (type.equals("Identifier") && object.get("system") instanceof JsonString system && VALUE_CHECKED_SYSTEMS.contains(system.getValue())) {
                return decline(path, "a system whose values the validator checks");
            }
            return object(object, rule.model().get(), node, false, path);
        }

        private boolean quantity(JsonObject quantity, ChildRule rule, Base node, String path) {
            if (hasCommentsWithin(quantity)) {
                return decline(path, "commented");
            }
            JsonElement amount = quantity.get("value");
            if (amount != null && !PrimitiveValues.vouchFor("decimal", amount)) {
                return decline(path + ".value", "not certainly a valid decimal");
            }
            ElementModel model = rule.model().get();
            if (model == null || !model.checkable()) {
                return decline(path, "no checkable definition");
            }
            model.invariants().forEach(invariant -> expect(invariant, node));
            JsonObject unit = quantity.deepCopy();
            unit.remove("value");
            return knownAt(rule, JsonParser.compose(unit));
        }

        /** Whether the value is known good at this element; if not, it is noted, to be learned if the validator accepts the resource. */
        private boolean knownAt(ChildRule rule, String json) {
            String key = KnownGoodValues.key(sender, rule.path(), json);
            if (!known.contains(key)) {
                unknownValues.add(key);
            }
            return true; // the walk goes on, so that one validation teaches every unknown value of the resource
        }

        /** A literal reference to an entry of the same Bundle or to a resource of an allowed type on this server; nothing else. */
        private boolean isPlainReference(JsonObject reference, ChildRule rule) {
            if (reference.has("type")) {
                return false;
            }
            JsonElement literal = reference.get("reference");
            if (literal == null) {
                return true;
            }
            if (!(literal instanceof JsonString text)) {
                return false;
            }
            if (URN_UUID.matcher(text.getValue()).matches()) {
                return true;
            }
            Matcher relative = RELATIVE_REFERENCE.matcher(text.getValue());
            return relative.matches() && resourceTypes.contains(relative.group(1))
                    && (rule.targetTypes().isEmpty() || rule.targetTypes().contains(relative.group(1)));
        }

        private void expect(Invariant invariant, Base node) {
            invariants.add(invariant);
            invariantNodes.add(node);
        }

        void checkInvariants() {
            FHIRPathEngine engine = fhirPath.get();
            for (int i = 0; i < invariants.size(); i++) {
                String key = invariants.get(i).key();
                try {
                    if (!engine.evaluateToBoolean(resource, resource, invariantNodes.get(i), invariants.get(i).expression())) {
                        decline(key, "not true");
                        return;
                    }
                } catch (RuntimeException cannotTell) {
                    decline(key, "could not be evaluated: " + cannotTell.getMessage());
                    return;
                }
            }
        }
    }

    /** The parsed children under a JSON name, in order; null if HAPI's model has no such property. */
    private static List<Base> parsed(Base node, String jsonName) {
        Property property = node.getNamedProperty(jsonName);
        return property == null ? null : property.getValues();
    }

    /** Whether anything within the element is JSON the validator comments on: a comment, a missing comma, an unquoted name or value. */
    private static boolean hasCommentsWithin(JsonElement element) {
        if (element.hasComments()) {
            return true;
        }
        if (element instanceof JsonObject object) {
            for (JsonProperty property : object.getProperties()) {
                if (!isStrict(property) || hasCommentsWithin(property.getValue())) {
                    return true;
                }
            }
        } else if (element instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i) == null || !isStrict(array, i) || hasCommentsWithin(array.get(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A property written as strict JSON: comma, quoted name and value. */
    private static boolean isStrict(JsonProperty property) {
        return !property.isNoComma() && !property.isUnquotedName() && !property.isUnquotedValue();
    }

    /** An array item written as strict JSON. */
    private static boolean isStrict(JsonArray array, int index) {
        return !array.isNoComma(index) && !array.isUnquoted(index);
    }
}
