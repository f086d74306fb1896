package org.peerbridge.server.app;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An ordinary mistake or circumstance of an admin command (server down, wrong URL, unknown client, scope not
 * granted): {@link Main} prints its message as one line and exits with 1, without a stack trace.
 */
final class CommandFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** TokenClient's "URL answered STATUS: BODY". */
    private static final java.util.regex.Pattern ANSWERED = java.util.regex.Pattern.compile("(\\S+) answered (\\d+): (.*)", java.util.regex.Pattern.DOTALL);

    CommandFailure(String message) {
        super(message);
    }

    /** Runs a client call whose failures are IllegalStateExceptions with a message for people (TokenClient's). */
    static <T> T oneLine(Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalStateException | IllegalArgumentException e) {
            java.util.regex.Matcher answered = ANSWERED.matcher(e.getMessage() == null ? "" : e.getMessage());
            throw new CommandFailure(answered.matches() ? answered.group(1) + " answered " + answered.group(2) + ": " + reason(answered.group(3))
                    : e.getMessage().lines().findFirst().orElse("failed"));
        }
    }

    /** The reason in an answer: an OAuth error_description, an OperationOutcome's diagnostics, or the body's first line. */
    @SuppressWarnings("unchecked")
    static String reason(String body) {
        try {
            Map<String, Object> json = JSONObjectUtils.parse(body);
            if (json.get("error_description") instanceof String description) {
                return description;
            }
            if (json.get("issue") instanceof List<?> issues && !issues.isEmpty() && issues.get(0) instanceof Map<?, ?> issue
                    && issue.get("diagnostics") instanceof String diagnostics) {
                return diagnostics;
            }
        } catch (java.text.ParseException | RuntimeException notJson) {
            // fall through
        }
        return body == null || body.isBlank() ? "(no body)" : body.lines().findFirst().orElse("");
    }
}
