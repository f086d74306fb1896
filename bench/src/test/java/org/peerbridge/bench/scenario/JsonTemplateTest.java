package org.peerbridge.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTemplateTest {

    @Test
    void rendersEveryOccurrenceOfAVariable() {
        JsonTemplate t = JsonTemplate.compile("t", "{\"a\":\"{{x}}\",\"b\":\"{{ y }}-{{x}}\"}", List.of("x", "y"));
        assertEquals("{\"a\":\"1\",\"b\":\"2-1\"}", t.render("1", "2"));
    }

    @Test
    void escapesValuesAsJsonStringContent() {
        JsonTemplate t = JsonTemplate.compile("t", "{\"a\":\"{{x}}\"}", List.of("x"));
        assertEquals("{\"a\":\"O\\\"Brien \\\\ \\n \\u0001\"}", t.render("O\"Brien \\ \n \u0001"));
    }

    @Test
    void rejectsUnknownPlaceholdersUnusedVariablesAndWrongArity() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> JsonTemplate.compile("t", "\"{{nope}}\"", List.of("x")));
        assertTrue(unknown.getMessage().contains("nope"));
        IllegalArgumentException unused = assertThrows(IllegalArgumentException.class,
                () -> JsonTemplate.compile("t", "\"{{x}}\"", List.of("x", "y")));
        assertTrue(unused.getMessage().contains("y"));
        assertThrows(IllegalArgumentException.class, () -> JsonTemplate.compile("t", "\"{{x\"", List.of("x")));
        JsonTemplate t = JsonTemplate.compile("t", "\"{{x}}\"", List.of("x"));
        assertThrows(IllegalArgumentException.class, () -> t.render("1", "2"));
    }
}
