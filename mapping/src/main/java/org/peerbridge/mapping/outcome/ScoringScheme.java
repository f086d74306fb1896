package org.peerbridge.mapping.outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;

/**
 * One instrument's scoring rules joined with its Questionnaire: the scored items with their answer
 * scores, the total item, and the code a score Observation carries. Built once per Questionnaire
 * (the catalogue does it at start-up) and immutable.
 */
public record ScoringScheme(Instrument instrument, String canonical, List<AnswerScores> scoredItems,
        String totalLinkId, String totalText, List<String> topLevelLinkIds, CodeableConcept scoreCode) {

    public ScoringScheme {
        scoredItems = List.copyOf(scoredItems);
        topLevelLinkIds = List.copyOf(topLevelLinkIds);
        scoreCode = scoreCode.copy();
    }

    /** The code for the score Observation (a fresh copy: FHIR structures are mutable). */
    @Override
    public CodeableConcept scoreCode() {
        return scoreCode.copy();
    }

    /**
     * Reads a PeerBridge Questionnaire. Fails loudly when the file and the instrument's rules disagree,
     * so a broken catalogue stops start-up rather than mis-scoring responses.
     *
     * @throws IllegalArgumentException if the Questionnaire is not a known instrument or does not fit its rules
     */
    public static ScoringScheme from(Questionnaire questionnaire) {
        Instrument instrument = Instrument.forCanonical(questionnaire.getUrl()).orElseThrow(
                () -> new IllegalArgumentException("Not a PeerBridge outcome questionnaire: " + questionnaire.getUrl()));
        List<AnswerScores> scored = new ArrayList<>();
        collectScored(questionnaire.getItem(), scored);
        if (scored.size() != instrument.scoredItemCount()) {
            throw new IllegalArgumentException(instrument.label() + " needs " + instrument.scoredItemCount()
                    + " scored items; the Questionnaire has " + scored.size());
        }
        long required = scored.stream().filter(AnswerScores::required).count();
        if (scored.size() - required < instrument.maxUnanswered()) {
            throw new IllegalArgumentException(instrument.label() + " allows " + instrument.maxUnanswered()
                    + " unanswered items, but only " + (scored.size() - required) + " are optional");
        }
        // The total is a top-level item, so that TotalItem can find and insert it without walking groups.
        QuestionnaireItemComponent total = questionnaire.getItem().stream()
                .filter(i -> instrument.totalLinkId().equals(i.getLinkId()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(instrument.label() + ": no top-level total item "
                        + instrument.totalLinkId()));
        if (total.getType() != QuestionnaireItemType.INTEGER || !total.getReadOnly()) {
            throw new IllegalArgumentException(instrument.label() + ": the total item must be a read-only integer");
        }
        Coding code = total.hasCode() ? total.getCodeFirstRep() : questionnaire.getCodeFirstRep();
        CodeableConcept scoreCode = new CodeableConcept(code.copy()).setText(instrument.label() + " total score");
        List<String> order = questionnaire.getItem().stream().map(QuestionnaireItemComponent::getLinkId).toList();
        return new ScoringScheme(instrument, questionnaire.getUrl(), scored, total.getLinkId(), total.getText(), order,
                scoreCode);
    }

    private static void collectScored(List<QuestionnaireItemComponent> items, List<AnswerScores> into) {
        for (QuestionnaireItemComponent item : items) {
            AnswerScores.of(item).ifPresent(into::add);
            collectScored(item.getItem(), into);
        }
    }

    public Optional<AnswerScores> scoredItem(String linkId) {
        return scoredItems.stream().filter(s -> s.linkId().equals(linkId)).findFirst();
    }
}
