package org.peerbridge.server.validation.acceptance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hl7.fhir.utilities.json.model.JsonBoolean;
import org.hl7.fhir.utilities.json.model.JsonElement;
import org.hl7.fhir.utilities.json.model.JsonNumber;
import org.hl7.fhir.utilities.json.model.JsonString;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the fast path vouches for, and what it leaves to the validator although FHIR may allow it. */
class PrimitiveValuesTest {

    @ParameterizedTest(name = "{0} \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "string|Doe", "string|O'Brien-Smith Jr.", "markdown|Two words", "code|official", "id|a1-b2.c3",
        "date|2024", "date|2024-05", "date|2024-02-29", "dateTime|2024-05-01", "dateTime|2024-05-01T10:30:00+02:00",
        "dateTime|2024-05-01T10:30:00.123Z", "instant|2024-05-01T10:30:00Z", "time|23:59:59"})
    void vouchesForPlainValues(String type, String value) {
        assertTrue(PrimitiveValues.vouchFor(type, new JsonString(value)));
    }

    @ParameterizedTest(name = "{0} \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "string|' Doe'", "string|'Doe '", "string|a<b", "string|tab\there", "string|''", "code|two words", "code|-x",
        "id|bad id!", "date|2024-02-30", "date|2024-13-01", "date|0999", "date|2024/01/01",
        "dateTime|2024-05-01T10:30:00", "dateTime|2024-05-01T10:30", "dateTime|2024-05-01T25:00:00Z",
        "dateTime|2024-05-01T10:30:00+15:00", "instant|2024-05-01", "time|24:00:00", "uri|http://example.org", "base64Binary|AAAA"})
    void leavesTheRestToTheValidator(String type, String value) {
        assertFalse(PrimitiveValues.vouchFor(type, new JsonString(value)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"integer,-12,true", "integer,1.5,false", "integer,12345678901,false", "positiveInt,0,false", "positiveInt,3,true",
        "unsignedInt,0,true", "unsignedInt,-1,false", "decimal,1.50,true", "decimal,1e5,false", "decimal,01,false"})
    void numbersMustBeJsonNumbersInRange(String type, String value, boolean vouched) {
        assertTrue(PrimitiveValues.vouchFor(type, new JsonNumber(value)) == vouched);
        assertFalse(PrimitiveValues.vouchFor(type, new JsonString(value)), "a number written as a string");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"true", "false"})
    void booleansMustBeJsonBooleans(boolean value) {
        JsonElement asBoolean = new JsonBoolean(value);
        assertTrue(PrimitiveValues.vouchFor("boolean", asBoolean));
        assertFalse(PrimitiveValues.vouchFor("boolean", new JsonString(String.valueOf(value))));
    }
}
