package org.peerbridge.server.search;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** String search matching is case- and accent-insensitive: both index and query go through here. */
public final class TextNormalizer {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    static final int MAX_LENGTH = 255;

    private TextNormalizer() {
    }

    public static String normalize(String value) {
        String decomposed = Normalizer.normalize(value, Normalizer.Form.NFD);
        return truncate(MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT));
    }

    public static String truncate(String value) {
        return value.length() <= MAX_LENGTH ? value : value.substring(0, MAX_LENGTH);
    }
}
