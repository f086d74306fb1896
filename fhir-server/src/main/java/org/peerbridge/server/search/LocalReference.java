package org.peerbridge.server.search;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A reference to a resource on this server, "Type/id" (optionally with _history/n), in relative form. */
public record LocalReference(String type, String id) {

    private static final Pattern RELATIVE = Pattern.compile("^([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})(/_history/[^/]+)?$");

    public static Optional<LocalReference> parse(String reference) {
        if (reference == null) {
            return Optional.empty();
        }
        Matcher m = RELATIVE.matcher(reference);
        return m.matches() ? Optional.of(new LocalReference(m.group(1), m.group(2))) : Optional.empty();
    }

    public String asString() {
        return type + "/" + id;
    }
}
