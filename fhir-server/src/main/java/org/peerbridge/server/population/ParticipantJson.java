package org.peerbridge.server.population;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.peerbridge.mapping.outcome.Instrument;
import org.peerbridge.mapping.outcome.TimePoint;
import org.peerbridge.mapping.population.Participant;
import org.peerbridge.mapping.population.Participant.Ending;
import org.peerbridge.mapping.population.Stratifier;

/** A {@link Participant} as the JSON of its {@code program_participant} row, and back; enums by their Java names. */
final class ParticipantJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ParticipantJson() {
    }

    static String write(Participant participant) {
        ObjectNode node = JSON.createObjectNode();
        node.put("referral", participant.referral());
        node.put("referred", participant.referred().toString());
        participant.accepted().ifPresent(day -> node.put("accepted", day.toString()));
        participant.firstSession().ifPresent(day -> node.put("firstSession", day.toString()));
        node.put("ending", participant.ending().name());
        participant.endReason().ifPresent(reason -> node.put("endReason", reason));
        node.put("attended", participant.attended());
        node.put("noShows", participant.noShows());
        node.put("minutes", participant.minutes());
        ObjectNode scores = node.putObject("scores");
        participant.scores().forEach((instrument, byTimePoint) -> {
            ObjectNode points = scores.putObject(instrument.name());
            byTimePoint.forEach((timePoint, score) -> points.put(timePoint.name(), score));
        });
        ObjectNode strata = node.putObject("strata");
        participant.strata().forEach((stratifier, value) -> strata.put(stratifier.name(), value));
        return node.toString();
    }

    static Participant read(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a program_participant row is not JSON", e);
        }
        Map<Instrument, Map<TimePoint, Integer>> scores = new EnumMap<>(Instrument.class);
        node.get("scores").fields().forEachRemaining(instrument -> {
            Map<TimePoint, Integer> byTimePoint = new EnumMap<>(TimePoint.class);
            instrument.getValue().fields().forEachRemaining(point -> byTimePoint.put(TimePoint.valueOf(point.getKey()), point.getValue().intValue()));
            scores.put(Instrument.valueOf(instrument.getKey()), byTimePoint);
        });
        Map<Stratifier, String> strata = new EnumMap<>(Stratifier.class);
        node.get("strata").fields().forEachRemaining(value -> strata.put(Stratifier.valueOf(value.getKey()), value.getValue().textValue()));
        return new Participant(node.get("referral").textValue(), LocalDate.parse(node.get("referred").textValue()), day(node, "accepted"),
                day(node, "firstSession"), Ending.valueOf(node.get("ending").textValue()), text(node, "endReason"),
                node.get("attended").intValue(), node.get("noShows").intValue(), node.get("minutes").longValue(), scores, strata);
    }

    private static Optional<String> text(JsonNode node, String field) {
        return Optional.ofNullable(node.get(field)).map(JsonNode::textValue);
    }

    private static Optional<LocalDate> day(JsonNode node, String field) {
        return text(node, field).map(LocalDate::parse);
    }
}
