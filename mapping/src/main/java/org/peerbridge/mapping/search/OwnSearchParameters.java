package org.peerbridge.mapping.search;

import java.util.List;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.SearchParameter.XPathUsageType;
import org.peerbridge.mapping.outcome.AssessmentSchedule;

/**
 * The search parameters PeerBridge defines itself, where R4 has none for an element the peer support loop
 * searches on (or, for Questionnaire {@code code} and Observation {@code value-concept}, where R4's parameter
 * of that name reads another element). Published as SearchParameter resources; the server's search
 * registry reads its parameters from these same resources, so what is published is what is indexed.
 */
public final class OwnSearchParameters {

    public static final String CANONICAL_BASE = "http://peerbridge.org/fhir/SearchParameter/";

    private static final String VERSION = "0.1.0";

    private OwnSearchParameters() {
    }

    public static List<SearchParameter> all() {
        return List.of(
                // peer sessions
                token("Encounter", "service-type", "Encounter.serviceType", "The peer support service delivered"),
                // outcome questionnaires and their scores
                token("Questionnaire", "code", "Questionnaire.code",
                        "LOINC (or other) code of the instrument itself (R4's Questionnaire code searches the items' codes)"),
                token("Observation", "value-concept", "Observation.interpretation",
                        "Severity band of a score (its interpretation; R4's value-concept reads Observation.value)"),
                token("Observation", "time-point", "Observation.extension('" + AssessmentSchedule.EXTENSION_URL + "').value",
                        "Assessment time point: baseline, day-30, day-60, day-90 or unscheduled"),
                // safety alerts
                token("Flag", "status", "Flag.status", "active or inactive"),
                token("Flag", "category", "Flag.category", "Flag category (safety)"),
                token("Flag", "code", "Flag.code", "What the flag is about"),
                token("Communication", "priority", "Communication.priority", "routine, urgent, asap or stat"),
                parameter("Communication", "about", SearchParamType.REFERENCE, "Communication.about",
                        "What it is about (the QuestionnaireResponse and the Flag)"));
    }

    private static SearchParameter token(String base, String code, String expression, String description) {
        return parameter(base, code, SearchParamType.TOKEN, expression, description);
    }

    private static SearchParameter parameter(String base, String code, SearchParamType type, String expression,
            String description) {
        String id = base + "-" + code;
        SearchParameter parameter = new SearchParameter();
        parameter.setId(id);
        parameter.setUrl(CANONICAL_BASE + id);
        parameter.setVersion(VERSION);
        parameter.setName("PeerBridge" + base + camelCase(code));
        parameter.setStatus(PublicationStatus.ACTIVE);
        parameter.setExperimental(false);
        parameter.setPublisher("PeerBridge");
        parameter.setDescription(description);
        parameter.setCode(code);
        parameter.addBase(base);
        parameter.setType(type);
        parameter.setExpression(expression);
        parameter.setXpathUsage(XPathUsageType.NORMAL);
        return parameter;
    }

    /** "time-point" → "TimePoint": SearchParameter.name is a computer-friendly name. */
    private static String camelCase(String code) {
        StringBuilder name = new StringBuilder();
        for (String part : code.split("-")) {
            name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return name.toString();
    }
}
