package org.peerbridge.server.search;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.peerbridge.server.refusal.Refusal;
import org.peerbridge.server.refusal.Refusals;
import org.peerbridge.server.search.SearchRequest.ChainCriterion;
import org.peerbridge.server.search.SearchRequest.Criterion;
import org.peerbridge.server.search.SearchRequest.DateCriterion;
import org.peerbridge.server.search.SearchRequest.DatePrefix;
import org.peerbridge.server.search.SearchRequest.DateValue;
import org.peerbridge.server.search.SearchRequest.IdCriterion;
import org.peerbridge.server.search.SearchRequest.IncludeSpec;
import org.peerbridge.server.search.SearchRequest.LastUpdatedCriterion;
import org.peerbridge.server.search.SearchRequest.MissingCriterion;
import org.peerbridge.server.search.SearchRequest.ReferenceCriterion;
import org.peerbridge.server.search.SearchRequest.ReferenceValue;
import org.peerbridge.server.search.SearchRequest.SortSpec;
import org.peerbridge.server.search.SearchRequest.StringCriterion;
import org.peerbridge.server.search.SearchRequest.StringMatch;
import org.peerbridge.server.search.SearchRequest.TokenCriterion;
import org.peerbridge.server.search.SearchRequest.TokenValue;

/**
 * Reads search URL parameters into a {@link SearchRequest}. Anything it does not support (unknown
 * parameter, modifier, prefix, malformed value) is refused with 400 and located as http.[parameter],
 * never silently ignored: a client that filters on a typo must not get everything back.
 */
public final class SearchRequestParser {

    public static final int DEFAULT_COUNT = 20;
    public static final int MAX_COUNT = 1000;

    /** Result parameters that HAPI itself applies to the response (formatting and element filtering). */
    private static final Set<String> HANDLED_BY_HAPI = Set.of("_format", "_pretty", "_summary", "_elements");

    private final SearchParameterRegistry registry;
    private final RequiredBindingCodes requiredCodes;

    public SearchRequestParser(SearchParameterRegistry registry, FhirContext fhirContext) {
        this.registry = registry;
        this.requiredCodes = new RequiredBindingCodes(fhirContext);
    }

    public SearchRequest parse(String resourceType, Map<String, String[]> parameters) {
        List<Criterion> criteria = new ArrayList<>();
        List<SortSpec> sort = List.of();
        List<IncludeSpec> includes = new ArrayList<>();
        List<IncludeSpec> revIncludes = new ArrayList<>();
        int count = DEFAULT_COUNT;
        int offset = 0;
        for (Map.Entry<String, String[]> entry : parameters.entrySet()) {
            String rawName = entry.getKey();
            for (String value : entry.getValue()) {
                switch (rawName) {
                    case "_count" -> count = parseInt(rawName, value, 0, MAX_COUNT);
                    case "_offset" -> offset = parseInt(rawName, value, 0, Integer.MAX_VALUE);
                    case "_sort" -> sort = parseSort(resourceType, value);
                    case "_include" -> includes.add(parseInclude(rawName, value, resourceType, true));
                    case "_revinclude" -> revIncludes.add(parseInclude(rawName, value, resourceType, false));
                    case "_total" -> requireOneOf(rawName, value, Set.of("none", "estimate", "accurate"));
                    case "_id" -> criteria.add(new IdCriterion(splitValues(value)));
                    case "_lastUpdated" -> criteria.add(new LastUpdatedCriterion(parseDates(rawName, value)));
                    default -> {
                        if (!HANDLED_BY_HAPI.contains(rawName)) {
                            criteria.add(parseCriterion(resourceType, rawName, value));
                        }
                    }
                }
            }
        }
        return new SearchRequest(resourceType, criteria, sort, count, offset, includes, revIncludes);
    }

    private Criterion parseCriterion(String resourceType, String rawName, String value) {
        int dot = rawName.indexOf('.');
        if (dot >= 0) {
            return parseChain(resourceType, rawName, dot, value);
        }
        int colon = rawName.indexOf(':');
        String name = colon < 0 ? rawName : rawName.substring(0, colon);
        String modifier = colon < 0 ? null : rawName.substring(colon + 1);
        SearchParamDef def = registry.find(resourceType, name).orElseThrow(() -> badRequest(name,
                "Unknown search parameter '" + name + "' for " + resourceType + "; supported: " + supportedNames(resourceType)));
        if ("missing".equals(modifier)) {
            return new MissingCriterion(name, def.type(), parseBoolean(rawName, value));
        }
        return switch (def.type()) {
            case TOKEN -> requireKnownCodes(rawName, def, parseToken(rawName, name, modifier, value));
            case STRING -> parseString(rawName, name, modifier, value);
            case DATE -> {
                requireNoModifier(rawName, modifier);
                yield new DateCriterion(name, parseDates(rawName, value));
            }
            case REFERENCE -> parseReference(rawName, def, modifier, value);
        };
    }

    /**
     * {@code reference[:Type].parameter=value}: one level of chaining, the target type named unless the
     * reference parameter can only point at one type. The chained parameter is parsed as a search of the
     * target type, so it takes every value form and modifier that search takes.
     */
    private ChainCriterion parseChain(String resourceType, String rawName, int dot, String value) {
        String head = rawName.substring(0, dot);
        String chained = rawName.substring(dot + 1);
        int colon = head.indexOf(':');
        String name = colon < 0 ? head : head.substring(0, colon);
        SearchParamDef def = registry.find(resourceType, name).filter(d -> d.type() == SearchParamType.REFERENCE)
                .orElseThrow(() -> badRequest(rawName, "'" + name + "' is not a reference parameter of " + resourceType
                        + ", so it cannot be chained"));
        String targetType = colon < 0 ? null : head.substring(colon + 1);
        if (targetType == null) {
            if (def.targetTypes().size() != 1) {
                throw badRequest(rawName, "Name the target type of '" + name + "' in the chain, e.g. " + name
                        + ":Patient." + chained);
            }
            targetType = def.targetTypes().get(0);
        }
        if (!def.acceptsTarget(targetType) || registry.forType(targetType).isEmpty()) {
            throw badRequest(rawName, "'" + name + "' of " + resourceType + " cannot be chained to " + targetType);
        }
        if (chained.contains(".") || chained.startsWith("_")) {
            throw badRequest(rawName, "Only one level of chaining, to a search parameter of " + targetType
                    + ", is supported: " + supportedNames(targetType));
        }
        Criterion target;
        try {
            target = parseCriterion(targetType, chained, value);
        } catch (Refusal e) {
            throw badRequest(rawName, "In the chain '" + rawName + "': " + e.getMessage());
        }
        return new ChainCriterion(name, targetType, target);
    }

    private static TokenCriterion parseToken(String rawName, String name, String modifier, String value) {
        if (modifier != null && !modifier.equals("not")) {
            throw badRequest(rawName, "Modifier ':" + modifier + "' is not supported on token parameter '" + name + "'");
        }
        List<TokenValue> values = new ArrayList<>();
        for (String part : splitValues(value)) {
            int bar = part.indexOf('|');
            if (bar < 0) {
                values.add(new TokenValue(null, false, part));
            } else {
                String system = part.substring(0, bar);
                String code = part.substring(bar + 1);
                if (code.isEmpty()) {
                    throw badRequest(rawName, "Searching by system alone ('" + part + "') is not supported; give system|code");
                }
                values.add(new TokenValue(system.isEmpty() ? null : system, true, code));
            }
        }
        return new TokenCriterion(name, modifier != null, values);
    }

    /** A code outside a required binding can never match: refused, naming the codes that can. */
    private TokenCriterion requireKnownCodes(String rawName, SearchParamDef def, TokenCriterion criterion) {
        requiredCodes.of(def).ifPresent(allowed -> criterion.values().stream()
                .map(TokenValue::code)
                .filter(code -> !allowed.contains(code))
                .findFirst()
                .ifPresent(code -> {
                    throw badRequest(rawName, "Unknown code '" + code + "' for " + def.resourceType() + "." + def.name()
                            + "; the allowed codes are " + String.join(", ", allowed));
                }));
        return criterion;
    }

    private static StringCriterion parseString(String rawName, String name, String modifier, String value) {
        StringMatch match;
        if (modifier == null) {
            match = StringMatch.STARTS_WITH;
        } else if (modifier.equals("exact")) {
            match = StringMatch.EXACT;
        } else if (modifier.equals("contains")) {
            match = StringMatch.CONTAINS;
        } else {
            throw badRequest(rawName, "Modifier ':" + modifier + "' is not supported on string parameter '" + name + "'");
        }
        return new StringCriterion(name, match, splitValues(value));
    }

    private ReferenceCriterion parseReference(String rawName, SearchParamDef def, String modifier, String value) {
        String typeModifier = null;
        if (modifier != null) {
            if (!modifier.matches("[A-Z][A-Za-z]+")) {
                throw badRequest(rawName, "Modifier ':" + modifier + "' is not supported on reference parameter '" + def.name() + "'");
            }
            typeModifier = modifier;
        }
        List<ReferenceValue> values = new ArrayList<>();
        for (String part : splitValues(value)) {
            String relative = part.replaceFirst("^https?://.*/(?=[A-Z][A-Za-z]+/[^/]+$)", "");
            ReferenceValue parsed = LocalReference.parse(relative)
                    .map(local -> new ReferenceValue(local.type(), local.id()))
                    .orElseGet(() -> new ReferenceValue(null, part));
            if (parsed.type() == null && !part.matches("[A-Za-z0-9\\-.]{1,64}")) {
                throw badRequest(rawName, "'" + part + "' is not a reference (Type/id) or an id");
            }
            if (typeModifier != null) {
                if (parsed.type() != null && !parsed.type().equals(typeModifier)) {
                    throw badRequest(rawName, "Reference '" + part + "' contradicts the type modifier ':" + typeModifier + "'");
                }
                parsed = new ReferenceValue(typeModifier, parsed.id());
            }
            values.add(parsed);
        }
        return new ReferenceCriterion(def.name(), values);
    }

    private static List<DateValue> parseDates(String rawName, String value) {
        List<DateValue> values = new ArrayList<>();
        for (String part : splitValues(value)) {
            DatePrefix prefix = DatePrefix.EQ;
            String date = part;
            if (part.length() > 2 && Character.isLetter(part.charAt(0))) {
                try {
                    prefix = DatePrefix.valueOf(part.substring(0, 2).toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw badRequest(rawName, "Unknown date prefix '" + part.substring(0, 2) + "' in '" + part
                            + "'; use eq, ne, gt, lt, ge, le, sa, eb or ap");
                }
                date = part.substring(2);
            }
            DateTimeType parsed;
            try {
                parsed = new DateTimeType(date);
            } catch (DataFormatException | IllegalArgumentException e) {
                throw notADate(rawName, date);
            }
            if (parsed.getValue() == null) { // a blank value parses to an empty date, e.g. "gt" followed by a space
                throw notADate(rawName, date);
            }
            values.add(new DateValue(prefix, DateBounds.of(parsed)));
        }
        return values;
    }

    private static Refusal notADate(String rawName, String date) {
        return badRequest(rawName, "'" + date + "' is not a valid FHIR date or dateTime (e.g. 2024-05-01 or 2024-05-01T10:00:00Z)");
    }

    private List<SortSpec> parseSort(String resourceType, String value) {
        List<SortSpec> specs = new ArrayList<>();
        for (String part : splitValues(value)) {
            boolean descending = part.startsWith("-");
            String name = descending ? part.substring(1) : part;
            if (name.equals("_id")) {
                specs.add(new SortSpec(name, SearchParamType.TOKEN, descending));
            } else if (name.equals("_lastUpdated")) {
                specs.add(new SortSpec(name, SearchParamType.DATE, descending));
            } else {
                SearchParamDef def = registry.find(resourceType, name).orElseThrow(() -> badRequest("_sort",
                        "Cannot sort by unknown parameter '" + name + "'; supported: _id, _lastUpdated, " + supportedNames(resourceType)));
                specs.add(new SortSpec(name, def.type(), descending));
            }
        }
        return specs;
    }

    private IncludeSpec parseInclude(String rawName, String value, String resourceType, boolean forward) {
        String[] parts = value.split(":");
        if (parts.length < 2 || parts.length > 3) {
            throw badRequest(rawName, "'" + value + "' is not of the form Type:parameter[:TargetType]");
        }
        String sourceType = parts[0];
        String param = parts[1];
        String target = parts.length == 3 ? parts[2] : null;
        if (forward && !sourceType.equals(resourceType)) {
            throw badRequest(rawName, "_include must start with the searched type " + resourceType + ", not " + sourceType);
        }
        SearchParamDef def = registry.find(sourceType, param)
                .filter(d -> d.type() == SearchParamType.REFERENCE)
                .orElseThrow(() -> badRequest(rawName, "'" + sourceType + ":" + param + "' is not a supported reference parameter"));
        if (!forward && !def.acceptsTarget(resourceType)) {
            throw badRequest(rawName, "'" + value + "' never points at " + resourceType);
        }
        return new IncludeSpec(sourceType, param, target);
    }

    private String supportedNames(String resourceType) {
        List<String> names = new ArrayList<>(List.of("_id", "_lastUpdated"));
        registry.forType(resourceType).forEach(def -> names.add(def.name()));
        return String.join(", ", names);
    }

    private static List<String> splitValues(String value) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '\\' && i + 1 < value.length()) {
                current.append(value.charAt(++i));
            } else if (ch == ',') {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(ch);
            }
        }
        parts.add(current.toString());
        for (String part : parts) {
            if (part.isEmpty()) {
                throw badRequest("", "Empty search value in '" + value + "'");
            }
        }
        return parts;
    }

    private static int parseInt(String name, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw badRequest(name, name + " must be between " + min + " and " + max + ", not " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw badRequest(name, name + " must be a whole number, not '" + value + "'");
        }
    }

    private static boolean parseBoolean(String name, String value) {
        requireOneOf(name, value, Set.of("true", "false"));
        return Boolean.parseBoolean(value);
    }

    private static void requireOneOf(String name, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw badRequest(name, name + " must be one of " + allowed + ", not '" + value + "'");
        }
    }

    private static void requireNoModifier(String rawName, String modifier) {
        if (modifier != null) {
            throw badRequest(rawName, "Modifier ':" + modifier + "' is not supported on '" + rawName + "'");
        }
    }

    private static Refusal badRequest(String parameter, String message) {
        return Refusals.badRequest(IssueType.INVALID, Refusals.HTTP_LOCATION + parameter, message);
    }
}
