package org.peerbridge.server.storage;

import java.util.ArrayList;
import java.util.List;

/** The search-index rows extracted from one resource version. */
public final class IndexRows {

    public record Token(String param, String system, String code) { }

    public record Text(String param, String normalized, String exact) { }

    public record DateRange(String param, long low, long high) { }

    public record Ref(String param, String targetType, String targetId) { }

    private final List<Token> tokens = new ArrayList<>();
    private final List<Text> strings = new ArrayList<>();
    private final List<DateRange> dates = new ArrayList<>();
    private final List<Ref> references = new ArrayList<>();

    public List<Token> tokens() {
        return tokens;
    }

    public List<Text> strings() {
        return strings;
    }

    public List<DateRange> dates() {
        return dates;
    }

    public List<Ref> references() {
        return references;
    }
}
