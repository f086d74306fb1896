package org.peerbridge.server.support;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Reference;
import org.peerbridge.mapping.outcome.AnswerScores;
import org.peerbridge.mapping.outcome.QuestionnaireCatalogue;

/** QuestionnaireResponses to the shipped questionnaires, answers chosen by their score, for one referral. */
public final class Responses {

    public static final String PHQ9 = "http://peerbridge.org/fhir/Questionnaire/phq-9";
    public static final String PHQ2 = "http://peerbridge.org/fhir/Questionnaire/phq-2";
    public static final String GAD7 = "http://peerbridge.org/fhir/Questionnaire/gad-7";
    public static final String UCLA3 = "http://peerbridge.org/fhir/Questionnaire/ucla-3";
    public static final String WHO5 = "http://peerbridge.org/fhir/Questionnaire/who-5";

    private static final QuestionnaireCatalogue CATALOGUE = QuestionnaireCatalogue.load(FhirContext.forR4Cached());

    private Responses() {
    }

    /** A completed response to {@code questionnaire} whose scored items, in order, have answers scoring {@code scores}. */
    public static QuestionnaireResponse answered(String questionnaire, Referrals.Sent referral, String authored, int... scores) {
        List<AnswerScores> items = CATALOGUE.scheme(questionnaire).orElseThrow().scoredItems();
        if (items.size() != scores.length) {
            throw new IllegalArgumentException(questionnaire + " has " + items.size() + " scored items");
        }
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setQuestionnaire(questionnaire);
        response.setStatus(QuestionnaireResponseStatus.COMPLETED);
        response.setSubject(new Reference(referral.patientReference()));
        response.addBasedOn(new Reference(referral.requestReference()));
        response.setAuthoredElement(new DateTimeType(authored));
        for (int i = 0; i < scores.length; i++) {
            int score = scores[i];
            AnswerScores item = items.get(i);
            response.addItem().setLinkId(item.linkId()).addAnswer().setValue(item.options().stream()
                    .filter(option -> option.score() == score).findFirst().orElseThrow().coding().copy());
        }
        return response;
    }
}
