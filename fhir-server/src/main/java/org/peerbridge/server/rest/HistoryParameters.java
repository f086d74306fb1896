package org.peerbridge.server.rest;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Map;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.peerbridge.server.refusal.Refusal;
import org.peerbridge.server.refusal.Refusals;
import org.peerbridge.server.search.DateBounds;
import org.peerbridge.server.search.SearchRequestParser;
import org.peerbridge.server.storage.HistoryScope;

/** The parameters of a _history request: _since, _at, _count and _offset; anything else is refused. */
final class HistoryParameters {

    private final Map<String, String[]> parameters;

    HistoryParameters(RequestDetails request) {
        this.parameters = request.getParameters();
        for (String name : parameters.keySet()) {
            if (!name.equals("_since") && !name.equals("_at") && !name.equals("_count") && !name.equals("_offset")
                    && !name.equals("_format") && !name.equals("_pretty") && !name.equals("_summary") && !name.equals("_elements")) {
                throw Refusals.badRequest(IssueType.NOTSUPPORTED, Refusals.HTTP_LOCATION + name,
                        "Unknown _history parameter '" + name + "'; supported: _since, _at, _count, _offset");
            }
        }
    }

    /** The scope plus the page to read. */
    record Scoped(HistoryScope scope, int offset, int count) { }

    Scoped scope(String type, String id) {
        Long since = instant("_since", true);
        Long at = instant("_at", false);
        return new Scoped(new HistoryScope(type, id, since, at), integer("_offset", 0, Integer.MAX_VALUE, 0),
                integer("_count", 0, SearchRequestParser.MAX_COUNT, SearchRequestParser.DEFAULT_COUNT));
    }

    private Long instant(String name, boolean low) {
        String[] values = parameters.get(name);
        if (values == null || values.length == 0) {
            return null;
        }
        InstantType instant;
        try {
            instant = new InstantType(values[0]);
        } catch (DataFormatException | IllegalArgumentException e) {
            throw notAnInstant(name, values[0]);
        }
        if (instant.getValue() == null) { // a blank value parses to an empty instant
            throw notAnInstant(name, values[0]);
        }
        DateBounds bounds = DateBounds.of(instant);
        return low ? bounds.low() : bounds.high();
    }

    private static Refusal notAnInstant(String name, String value) {
        return Refusals.badRequest(IssueType.INVALID, Refusals.HTTP_LOCATION + name,
                name + " must be an instant such as 2024-05-01T10:00:00Z, not '" + value + "'");
    }

    private int integer(String name, int min, int max, int fallback) {
        String[] values = parameters.get(name);
        if (values == null || values.length == 0) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(values[0]);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Refusals.badRequest(IssueType.INVALID, Refusals.HTTP_LOCATION + name,
                name + " must be a whole number from " + min + " to " + max + ", not '" + values[0] + "'");
    }
}
