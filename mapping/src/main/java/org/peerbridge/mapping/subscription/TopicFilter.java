package org.peerbridge.mapping.subscription;

import java.util.Date;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.peerbridge.mapping.ElementPaths;

/**
 * One filter a topic allows ({@code canFilterBy}): its parameter name, how values compare, and the
 * element it reads. References compare as relative "Type/id", tokens as "code" or "system|code",
 * dates with the search prefixes eq, ne, gt, ge, lt, le.
 */
public record TopicFilter(String name, Kind kind, String path, String description) {

    public enum Kind { REFERENCE, TOKEN, DATE }

    public static TopicFilter reference(String name, String path, String description) {
        return new TopicFilter(name, Kind.REFERENCE, path, description);
    }

    public static TopicFilter token(String name, String path, String description) {
        return new TopicFilter(name, Kind.TOKEN, path, description);
    }

    public static TopicFilter date(String name, String path, String description) {
        return new TopicFilter(name, Kind.DATE, path, description);
    }

    /** Why a value can never match, or null when it is well formed. */
    public String problemWith(String value) {
        if (value.isBlank()) {
            return "is empty";
        }
        if (kind == Kind.DATE) {
            try {
                new DateTimeType(DatePrefix.strip(value));
            } catch (RuntimeException e) {
                return "is not a date, dateTime or instant (with an optional prefix eq, ne, gt, ge, lt, le)";
            }
        }
        if (kind == Kind.REFERENCE && !value.matches("[A-Z][A-Za-z]+/[A-Za-z0-9\\-.]{1,64}")) {
            return "is not a relative reference Type/id";
        }
        return null;
    }

    /** Whether any of the comma-separated values matches the element in the resource. */
    public boolean matches(Resource resource, String values) {
        List<Base> found = ElementPaths.values(resource, path);
        for (String value : values.split(",")) {
            for (Base element : found) {
                if (matchesOne(element, value.trim())) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean matchesOne(IBase element, String value) {
        return switch (kind) {
            case REFERENCE -> element instanceof Reference r && r.getReferenceElement().hasIdPart()
                    && value.equals(r.getReferenceElement().toUnqualifiedVersionless().getValue());
            case TOKEN -> tokenMatches(element, value);
            case DATE -> element instanceof BaseDateTimeType d && d.getValue() != null && DatePrefix.compare(d.getValue(), value);
        };
    }

    private static boolean tokenMatches(IBase element, String value) {
        if (element instanceof CodeableConcept concept) {
            return concept.getCoding().stream().anyMatch(c -> codingMatches(c, value));
        }
        if (element instanceof Coding coding) {
            return codingMatches(coding, value);
        }
        return element instanceof PrimitiveType<?> primitive && value.equals(primitive.getValueAsString());
    }

    private static boolean codingMatches(Coding coding, String value) {
        int bar = value.indexOf('|');
        if (bar < 0) {
            return value.equals(coding.getCode());
        }
        String system = value.substring(0, bar);
        return (system.isEmpty() || system.equals(coding.getSystem())) && value.substring(bar + 1).equals(coding.getCode());
    }

    /** Search date prefixes against one instant. */
    static final class DatePrefix {
        private DatePrefix() {
        }

        static String strip(String value) {
            return value.matches("^(eq|ne|gt|ge|lt|le).*") ? value.substring(2) : value;
        }

        static boolean compare(Date actual, String value) {
            String prefix = value.matches("^(eq|ne|gt|ge|lt|le).*") ? value.substring(0, 2) : "eq";
            DateTimeType bound = new DateTimeType(strip(value));
            // a date names a range: from its first to its last millisecond at the given precision
            long low = bound.getValue().getTime();
            long high = bound.getPrecision().add(bound.getValue(), 1).getTime() - 1;
            long t = actual.getTime();
            return switch (prefix) {
                case "gt" -> t > high;
                case "ge" -> t >= low;
                case "lt" -> t < low;
                case "le" -> t <= high;
                case "ne" -> t < low || t > high;
                default -> t >= low && t <= high;
            };
        }
    }
}
