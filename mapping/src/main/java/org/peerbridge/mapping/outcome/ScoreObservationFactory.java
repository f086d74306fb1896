package org.peerbridge.mapping.outcome;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.peerbridge.mapping.codes.CodeSystems;

/**
 * Builds the score Observation of a scored response, which an EHR charts over time, and says how it
 * changes when the response changes.
 *
 * <p>Amendment (docs/outcomes.md): the Observation is <em>revised in place</em> with status
 * {@code amended}, which R4 defines as "modified subsequent to being final ... includes updates/new
 * information and corrections". One Observation per response therefore always holds the current score
 * and no chart can show old and new side by side; the old value stays in the Observation's history.
 * A new Observation plus an old one marked {@code entered-in-error} would claim the old score "should
 * never have existed", and {@code cancelled} means the measurement was never completed; neither is true
 * of a score that was right for the answers given at the time. {@code entered-in-error} is used only
 * when the response itself is withdrawn as entered in error ({@link #withdrawn}).
 */
public final class ScoreObservationFactory {

    /** UCUM annotation unit for scores, as in US Core screening-assessment examples. */
    public static final String SCORE_UNIT = "{score}";

    private ScoreObservationFactory() {
    }

    /**
     * A new, final score Observation for {@code response}, which must already have its id (derivedFrom
     * points at it) and an authored date.
     *
     * @throws IllegalArgumentException if the response has no id or no authored date
     */
    public static Observation create(ScoringScheme scheme, QuestionnaireResponse response, Score score, TimePoint timePoint) {
        if (!response.getIdElement().hasIdPart()) {
            throw new IllegalArgumentException("Give the response its id before building its score Observation");
        }
        if (!response.hasAuthored()) {
            throw new IllegalArgumentException("The response has no authored date");
        }
        Observation observation = new Observation();
        observation.addExtension(AssessmentSchedule.extension(timePoint));
        observation.setStatus(ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding(CodeSystems.OBSERVATION_CATEGORY, "survey", "Survey")));
        observation.setCode(scheme.scoreCode());
        if (response.hasSubject()) {
            observation.setSubject(response.getSubject().copy());
        }
        if (response.hasEncounter()) {
            observation.setEncounter(response.getEncounter().copy());
        }
        observation.setEffective(response.getAuthoredElement().copy());
        for (Reference basedOn : response.getBasedOn()) {
            if (ResponseChecker.mayBeServiceRequest(basedOn)) {
                observation.addBasedOn(basedOn.copy());
            }
        }
        // Whoever recorded the answers performed the assessment; Observation.performer cannot be a Device.
        if (response.hasAuthor() && !"Device".equals(response.getAuthor().getReferenceElement().getResourceType())) {
            observation.addPerformer(response.getAuthor().copy());
        }
        observation.addDerivedFrom(new Reference("QuestionnaireResponse/" + response.getIdElement().getIdPart()));
        observation.setValue(new Quantity().setValue(score.reportedTotal()).setUnit(SCORE_UNIT)
                .setSystem(CodeSystems.UCUM).setCode(SCORE_UNIT));
        observation.addInterpretation(score.band().toCodeableConcept());
        if (score.prorated()) {
            observation.addNote().setText("Prorated: " + score.answeredItems() + " of " + score.scoredItems()
                    + " items answered; total = sum x " + score.scoredItems() + " / " + score.answeredItems()
                    + ", rounded half up.");
        }
        return observation;
    }

    /**
     * The stored score Observation revised for an amended response: {@code recomputed} (from
     * {@link #create}) under the current Observation's id, with status {@code amended}. Store it as an
     * update of the current one in the same transaction as the amended response.
     */
    public static Observation revised(Observation current, Observation recomputed) {
        Observation revision = recomputed.copy();
        revision.setIdElement(current.getIdElement().toUnqualifiedVersionless());
        revision.setStatus(ObservationStatus.AMENDED);
        return revision;
    }

    /**
     * The score Observation of a response that was itself entered in error: a copy with status
     * {@code entered-in-error}, so that charts and searches for final/amended scores drop it.
     */
    public static Observation withdrawn(Observation current) {
        Observation withdrawn = current.copy();
        withdrawn.setStatus(ObservationStatus.ENTEREDINERROR);
        return withdrawn;
    }
}
