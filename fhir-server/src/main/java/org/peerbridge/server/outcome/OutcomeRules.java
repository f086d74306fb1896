package org.peerbridge.server.outcome;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.peerbridge.mapping.outcome.OutcomeIntake;
import org.peerbridge.mapping.outcome.OutcomeIntake.Evaluation;
import org.peerbridge.mapping.outcome.QuestionnaireCatalogue;
import org.peerbridge.mapping.rules.RuleViolation;
import org.peerbridge.mapping.safety.FlagClosure;
import org.peerbridge.server.referral.ReferralTables;
import org.peerbridge.server.search.SearchRequestParser;
import org.peerbridge.server.search.SearchService;
import org.peerbridge.server.search.StoredSearch;
import org.peerbridge.server.storage.UnitOfWork;
import org.peerbridge.server.write.WriteRules;

/**
 * Outcome questionnaires in the writing transaction: a response is checked against its Questionnaire
 * and its referral, scored, its total filled in, its score Observation stored, and a reported risk
 * of self-harm alerted; an amendment revises the score; safety Flags close only with a reason.
 */
public final class OutcomeRules implements WriteRules {

    private final QuestionnaireCatalogue catalogue;
    private final ScoreRecorder scores;
    private final SafetyAlerts safety;

    public OutcomeRules(QuestionnaireCatalogue catalogue, SearchService search, SearchRequestParser parser,
                        ReferralTables referrals, String programOrganization) {
        this(catalogue, new ScoreRecorder(new StoredSearch(search, parser)), new SafetyAlerts(referrals, programOrganization));
    }

    OutcomeRules(QuestionnaireCatalogue catalogue, ScoreRecorder scores, SafetyAlerts safety) {
        this.catalogue = catalogue;
        this.scores = scores;
        this.safety = safety;
    }

    @Override
    public void prepare(UnitOfWork uow, Resource before, Resource incoming) {
        if (incoming instanceof QuestionnaireResponse response) {
            // The stored response carries its total score, computed when the client left it out.
            OutcomeIntake.evaluate(catalogue, response).toStore().ifPresent(complete -> response.setItem(complete.getItem()));
        } else if (incoming instanceof Flag flag && before instanceof Flag previous && FlagClosure.isSafetyFlag(previous)) {
            FlagClosure.stampClosure(previous, flag, uow.now());
        }
    }

    @Override
    public List<RuleViolation> checkCreate(UnitOfWork uow, Resource incoming) throws SQLException {
        if (incoming instanceof QuestionnaireResponse response) {
            List<RuleViolation> violations = new ArrayList<>(OutcomeIntake.evaluate(catalogue, response).violations());
            ReferralOfResponse.of(uow, response).ifPresent(referral -> violations.addAll(sameSubject(response, referral)));
            return violations;
        }
        return List.of();
    }

    @Override
    public void afterCreate(UnitOfWork uow, Resource created) throws SQLException {
        if (created instanceof QuestionnaireResponse response) {
            Evaluation evaluation = OutcomeIntake.evaluate(catalogue, response);
            ServiceRequest referral = ReferralOfResponse.of(uow, response).orElseThrow();
            scores.record(uow, response, evaluation.scheme().orElseThrow(), evaluation.score().orElseThrow(), referral);
            if (evaluation.safetySignal().isPresent()) {
                safety.raise(uow, response, referral);
            }
        }
    }

    @Override
    public List<RuleViolation> checkUpdate(UnitOfWork uow, Resource before, Resource after) throws SQLException {
        if (after instanceof QuestionnaireResponse response && before instanceof QuestionnaireResponse previous) {
            List<RuleViolation> violations = new ArrayList<>(checkCreate(uow, response));
            violations.addAll(amendment(previous, response));
            return violations;
        }
        if (after instanceof Flag flag && before instanceof Flag previous && FlagClosure.isSafetyFlag(previous)) {
            return FlagClosure.checkChange(previous, flag);
        }
        return List.of();
    }

    @Override
    public void afterUpdate(UnitOfWork uow, Resource before, Resource after) throws SQLException {
        if (after instanceof QuestionnaireResponse response && before instanceof QuestionnaireResponse previous) {
            Evaluation evaluation = OutcomeIntake.evaluate(catalogue, response);
            ServiceRequest referral = ReferralOfResponse.of(uow, response).orElseThrow();
            scores.revise(uow, response, evaluation.scheme().orElseThrow(), evaluation.score().orElseThrow(), referral);
            boolean alreadyAlerted = OutcomeIntake.evaluate(catalogue, previous).safetySignal().isPresent();
            if (evaluation.safetySignal().isPresent() && !alreadyAlerted) {
                safety.raise(uow, response, referral);
            }
        }
    }

    /** The response is about the referral's patient: an EHR must never see one patient's answers on another's referral. */
    private static List<RuleViolation> sameSubject(QuestionnaireResponse response, ServiceRequest referral) {
        String patient = referral.getSubject().getReference();
        if (patient != null && !patient.equals(response.getSubject().getReference())) {
            return List.of(RuleViolation.invalid(IssueType.BUSINESSRULE, "QuestionnaireResponse.subject",
                    "The subject must be the referral's patient, " + patient));
        }
        return List.of();
    }

    /** An amendment changes the answers of the same form for the same referral, and says so. */
    private static List<RuleViolation> amendment(QuestionnaireResponse before, QuestionnaireResponse after) {
        List<RuleViolation> violations = new ArrayList<>();
        if (after.getStatus() != QuestionnaireResponseStatus.AMENDED) {
            violations.add(RuleViolation.invalid(IssueType.BUSINESSRULE, "QuestionnaireResponse.status",
                    "A change to a stored response is an amendment: its status must be 'amended'"));
        }
        if (!before.getQuestionnaire().equals(after.getQuestionnaire())) {
            violations.add(RuleViolation.conflict("QuestionnaireResponse.questionnaire",
                    "An amendment answers the same Questionnaire, " + before.getQuestionnaire()));
        }
        if (!sameReferences(before, after)) {
            violations.add(RuleViolation.conflict("QuestionnaireResponse.basedOn",
                    "An amendment keeps the referral (basedOn) and subject of the response it amends"));
        }
        return violations;
    }

    private static boolean sameReferences(QuestionnaireResponse before, QuestionnaireResponse after) {
        Optional<String> beforeRef = before.getBasedOn().stream().map(r -> r.getReference()).findFirst();
        Optional<String> afterRef = after.getBasedOn().stream().map(r -> r.getReference()).findFirst();
        return beforeRef.equals(afterRef) && before.getSubject().getReference().equals(after.getSubject().getReference());
    }
}
