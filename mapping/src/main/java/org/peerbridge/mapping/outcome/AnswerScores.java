package org.peerbridge.mapping.outcome;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemAnswerOptionComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.hl7.fhir.r4.model.Type;

/**
 * The score of each answer option of a choice item, read from the {@code ordinalValue} extension on
 * the Questionnaire's answerOption. Scores are never taken from the response: a client cannot change
 * what an answer is worth.
 */
public record AnswerScores(String linkId, boolean required, List<Option> options) {

    /** R4 core extension that carries an answer's score (renamed itemWeight in later FHIR versions). */
    public static final String ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue";

    /** One coded answer option and its whole-number score. */
    public record Option(Coding coding, int score) {
    }

    public AnswerScores {
        options = List.copyOf(options);
    }

    /**
     * The answer scores of {@code item}, or empty when it is not a scored item: not a choice of codings,
     * or an option without an ordinal value (like the PHQ-9 difficulty item).
     *
     * @throws IllegalArgumentException if an ordinal value is not a whole number
     */
    public static Optional<AnswerScores> of(QuestionnaireItemComponent item) {
        if (item.getType() != QuestionnaireItemType.CHOICE || !item.hasAnswerOption()) {
            return Optional.empty();
        }
        List<Option> options = new ArrayList<>();
        for (QuestionnaireItemAnswerOptionComponent answerOption : item.getAnswerOption()) {
            Extension ordinal = answerOption.getExtensionByUrl(ORDINAL_VALUE);
            if (ordinal == null || !answerOption.hasValueCoding()) {
                return Optional.empty();
            }
            options.add(new Option(answerOption.getValueCoding(), wholeNumber(item.getLinkId(), ordinal.getValue())));
        }
        return Optional.of(new AnswerScores(item.getLinkId(), item.getRequired(), options));
    }

    /** The score of an answer value, if it is a coding that matches an option by system and code. */
    public Optional<Integer> scoreOf(Type answerValue) {
        if (!(answerValue instanceof Coding answer)) {
            return Optional.empty();
        }
        return options.stream().filter(o -> sameCode(o.coding(), answer)).map(Option::score).findFirst();
    }

    static boolean sameCode(Coding a, Coding b) {
        return a.hasSystem() && a.hasCode() && a.getSystem().equals(b.getSystem()) && a.getCode().equals(b.getCode());
    }

    private static int wholeNumber(String linkId, Type value) {
        try {
            return new BigDecimal(value.primitiveValue()).intValueExact();
        } catch (ArithmeticException | NullPointerException | NumberFormatException notWhole) {
            throw new IllegalArgumentException("Item " + linkId + ": every answer option needs a whole-number ordinalValue",
                    notWhole);
        }
    }
}
