package org.peerbridge.mapping.outcome;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Type;
import org.peerbridge.mapping.rules.RuleViolation;

/**
 * The read-only total-score item of a response. A client may send it; if it does, it must equal the
 * computed (reported) total. If it does not, the stored response gets it filled in, so that anyone
 * reading the response sees the same total as the score Observation.
 */
public final class TotalItem {

    private TotalItem() {
    }

    /**
     * A violation at the supplied total's value when it differs from {@code score.reportedTotal()};
     * empty when the response has no total or the right one.
     */
    public static Optional<RuleViolation> contradiction(ScoringScheme scheme, QuestionnaireResponse response, Score score) {
        Optional<ResponseItems.Located> total = ResponseItems.first(response, scheme.totalLinkId());
        if (total.isEmpty()) {
            return Optional.empty();
        }
        List<QuestionnaireResponseItemAnswerComponent> answers = total.get().item().getAnswer();
        for (int i = 0; i < answers.size(); i++) {
            Type value = answers.get(i).getValue();
            if (value == null) {
                continue;
            }
            if (!(value instanceof IntegerType supplied) || !Integer.valueOf(score.reportedTotal()).equals(supplied.getValue())) {
                return Optional.of(RuleViolation.invalid(IssueType.BUSINESSRULE, total.get().answerValuePath(i),
                        "The " + score.instrument().label() + " total given (" + value.primitiveValue()
                                + ") contradicts the answers, which score " + score.reportedTotal()
                                + (score.prorated() ? " (prorated)" : "")
                                + "; send the right total or leave the total item out"));
            }
        }
        return Optional.empty();
    }

    /**
     * A copy of {@code response} whose total item carries {@code score.reportedTotal()}: added in the
     * Questionnaire's item order when missing, or given an answer when present without one. A total that
     * is already there is left as it is (see {@link #contradiction}). The argument is not modified.
     */
    public static QuestionnaireResponse withTotal(ScoringScheme scheme, QuestionnaireResponse response, Score score) {
        QuestionnaireResponse copy = response.copy();
        IntegerType total = new IntegerType(score.reportedTotal());
        Optional<ResponseItems.Located> present = ResponseItems.first(copy, scheme.totalLinkId());
        if (present.isPresent()) {
            if (!present.get().isAnswered()) {
                present.get().item().getAnswer().clear();
                present.get().item().addAnswer().setValue(total);
            }
            return copy;
        }
        QuestionnaireResponseItemComponent item = new QuestionnaireResponseItemComponent()
                .setLinkId(scheme.totalLinkId())
                .setText(scheme.totalText());
        item.addAnswer().setValue(total);
        copy.getItem().add(insertionIndex(scheme, copy.getItem()), item);
        return copy;
    }

    /** Before the first top-level item that comes after the total in the Questionnaire; else at the end. */
    private static int insertionIndex(ScoringScheme scheme, List<QuestionnaireResponseItemComponent> items) {
        List<String> order = scheme.topLevelLinkIds();
        int totalPosition = order.indexOf(scheme.totalLinkId());
        for (int i = 0; i < items.size(); i++) {
            if (order.indexOf(items.get(i).getLinkId()) > totalPosition) {
                return i;
            }
        }
        return items.size();
    }
}
