package org.peerbridge.server.validation.acceptance;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.regex.Pattern;
import org.hl7.fhir.utilities.json.model.JsonElement;
import org.hl7.fhir.utilities.json.model.JsonNumber;
import org.hl7.fhir.utilities.json.model.JsonString;

/**
 * Values of primitive types the fast path can vouch for without the HL7 validator. Each rule is
 * narrower than FHIR's: a value it does not vouch for is not invalid, only sent to the validator. So
 * strings are plain text (no control characters, no markup, no leading or trailing space, at most
 * 4,096 characters), dates have a four-digit year from 1000 and a time always has a zone.
 */
final class PrimitiveValues {

    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,8})");
    private static final Pattern POSITIVE_INT = Pattern.compile("[1-9][0-9]{0,8}");
    private static final Pattern UNSIGNED_INT = Pattern.compile("0|[1-9][0-9]{0,8}");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]{0,14})(\\.[0-9]{1,10})?");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9.-]{1,64}");
    private static final Pattern YEAR_OR_MONTH = Pattern.compile("[1-2][0-9]{3}(-(0[1-9]|1[0-2]))?");
    private static final Pattern FULL_DATE = Pattern.compile("[1-2][0-9]{3}-[0-9]{2}-[0-9]{2}");
    private static final Pattern DATE_TIME = Pattern.compile(
            "[1-2][0-9]{3}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-](0[0-9]|1[0-3]):[0-5][0-9]|[+-]14:00)");
    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]");
    private static final int LONGEST_STRING = 4096;

    private PrimitiveValues() {
    }

    /** Whether {@code value}, as JSON, is certainly a valid {@code type}; false also for types not judged here. */
    static boolean vouchFor(String type, JsonElement value) {
        return switch (type) {
            case "boolean" -> value.isJsonBoolean();
            case "integer" -> number(value, INTEGER);
            case "positiveInt" -> number(value, POSITIVE_INT);
            case "unsignedInt" -> number(value, UNSIGNED_INT);
            case "decimal" -> number(value, DECIMAL);
            case "string", "markdown" -> value instanceof JsonString string && isPlainText(string.getValue());
            case "code" -> text(value, CODE);
            case "id" -> text(value, ID);
            case "date" -> value instanceof JsonString string && isDate(string.getValue());
            case "dateTime" -> value instanceof JsonString string && (isDate(string.getValue()) || isDateTime(string.getValue()));
            case "instant" -> value instanceof JsonString string && isDateTime(string.getValue());
            case "time" -> text(value, TIME);
            default -> false;
        };
    }

    static boolean isPlainText(String text) {
        if (text.isEmpty() || text.length() > LONGEST_STRING || Character.isWhitespace(text.charAt(0))
                || Character.isWhitespace(text.charAt(text.length() - 1))) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < ' ' || (c >= 0x7f && c <= 0x9f) || c == '<' || c == '>' || Character.isSurrogate(c) || c >= 0xfff0) {
                return false;
            }
        }
        return true;
    }

    private static boolean number(JsonElement value, Pattern pattern) {
        return value instanceof JsonNumber number && pattern.matcher(number.getValue()).matches();
    }

    private static boolean text(JsonElement value, Pattern pattern) {
        return value instanceof JsonString string && pattern.matcher(string.getValue()).matches();
    }

    private static boolean isDate(String text) {
        if (YEAR_OR_MONTH.matcher(text).matches()) {
            return true;
        }
        if (!FULL_DATE.matcher(text).matches()) {
            return false;
        }
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeException invalid) {
            return false;
        }
    }

    private static boolean isDateTime(String text) {
        if (!DATE_TIME.matcher(text).matches()) {
            return false;
        }
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeException invalid) {
            return false;
        }
    }
}
