package org.peerbridge.mapping.outcome;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Reference;

/** Builds responses to the shipped Questionnaires for tests: answers are chosen by their score. */
final class OutcomeFixtures {

    static final FhirContext CTX = FhirContext.forR4Cached();
    static final QuestionnaireCatalogue CATALOGUE = QuestionnaireCatalogue.load(CTX);

    /** Marks an item left out of the response. */
    static final int SKIP = -1;

    private OutcomeFixtures() {
    }

    static ScoringScheme scheme(Instrument instrument) {
        return CATALOGUE.scheme(instrument.url()).orElseThrow();
    }

    static Questionnaire questionnaire(Instrument instrument) {
        return CATALOGUE.find(instrument.url()).orElseThrow();
    }

    /**
     * A completed response whose scored items, in Questionnaire order, have the answers scoring
     * {@code scores} ({@link #SKIP} leaves an item out). No total item.
     */
    static QuestionnaireResponse response(Instrument instrument, int... scores) {
        List<AnswerScores> items = scheme(instrument).scoredItems();
        if (scores.length != items.size()) {
            throw new IllegalArgumentException(instrument + " has " + items.size() + " scored items");
        }
        QuestionnaireResponse response = envelope(instrument);
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] != SKIP) {
                response.addItem().setLinkId(items.get(i).linkId()).addAnswer().setValue(answer(items.get(i), scores[i]));
            }
        }
        return response;
    }

    /** Item scores adding up to {@code raw}, filling items in order with the highest score first. */
    static QuestionnaireResponse responseWithTotal(Instrument instrument, int raw) {
        List<AnswerScores> items = scheme(instrument).scoredItems();
        int[] scores = new int[items.size()];
        int left = raw;
        for (int i = 0; i < scores.length; i++) {
            int min = items.get(i).options().stream().mapToInt(AnswerScores.Option::score).min().orElseThrow();
            int max = items.get(i).options().stream().mapToInt(AnswerScores.Option::score).max().orElseThrow();
            int minRest = (scores.length - i - 1) * min;
            scores[i] = Math.max(min, Math.min(max, left - minRest));
            left -= scores[i];
        }
        if (left != 0) {
            throw new IllegalArgumentException(instrument + " cannot total " + raw);
        }
        return response(instrument, scores);
    }

    static Coding answer(AnswerScores item, int score) {
        return item.options().stream().filter(o -> o.score() == score).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(item.linkId() + " has no answer scoring " + score))
                .coding().copy();
    }

    static QuestionnaireResponse envelope(Instrument instrument) {
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setId("qr-1");
        response.setQuestionnaire(instrument.url());
        response.setStatus(QuestionnaireResponseStatus.COMPLETED);
        response.setSubject(new Reference("Patient/p1"));
        response.addBasedOn(new Reference("ServiceRequest/sr1"));
        response.setAuthoredElement(new DateTimeType("2025-03-10T10:15:00+01:00"));
        return response;
    }
}
