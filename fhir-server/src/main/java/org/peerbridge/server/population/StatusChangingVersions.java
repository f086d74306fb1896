package org.peerbridge.server.population;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Task;
import org.peerbridge.server.storage.ResourceCodec;
import org.peerbridge.server.storage.StoredVersion;

/**
 * The versions of one Task that a participant's timeline is made of: the first version in each status, and the
 * latest version (the Task as it is now). {@code mapping.report.StatusTimeline} reads no other version, and a
 * Task gets a version per recorded session, so most versions are skipped. Their status is read from the stored
 * JSON without decoding the whole Task: decoding every version was the largest part of {@code $program-outcomes}.
 */
final class StatusChangingVersions {

    private static final JsonFactory JSON = new JsonFactory();

    private final ResourceCodec codec;
    private final List<Task> kept = new ArrayList<>();
    private final Set<String> statuses = new HashSet<>();
    private StoredVersion latestSkipped;

    StatusChangingVersions(ResourceCodec codec) {
        this.codec = codec;
    }

    /** The next live version of the Task, oldest first. */
    void add(StoredVersion version) {
        String status = status(version.body());
        if (status != null && statuses.add(status)) {
            kept.add((Task) codec.decode(version));
            latestSkipped = null;
        } else {
            latestSkipped = version;
        }
    }

    /** The kept versions, oldest first, ending with the latest. */
    List<Task> versions() {
        if (latestSkipped != null) {
            kept.add((Task) codec.decode(latestSkipped));
            latestSkipped = null;
        }
        return kept;
    }

    /** The top-level "status" of a stored resource, or null when it has none. */
    private static String status(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("status".equals(field)) {
                    return value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("a stored Task is not JSON", e);
        }
    }
}
