package org.peerbridge.server.outcome;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Resource;
import org.peerbridge.mapping.outcome.OutcomeIntake;
import org.peerbridge.mapping.outcome.OutcomeIntake.Evaluation;
import org.peerbridge.mapping.outcome.QuestionnaireCatalogue;
import org.peerbridge.mapping.outcome.ResponseReferral;
import org.peerbridge.mapping.outcome.ResponseWithdrawal;
import org.peerbridge.mapping.outcome.SafetyScreen;
import org.peerbridge.mapping.rules.RuleViolation;
import org.peerbridge.mapping.safety.FlagClosure;
import org.peerbridge.mapping.session.SessionKind;
import org.peerbridge.server.referral.ReferralTables;
import org.peerbridge.server.search.LocalReference;
import org.peerbridge.server.search.StoredSearch;
import org.peerbridge.server.storage.UnitOfWork;
import org.peerbridge.server.write.WriteRules;

/**
 * Outcome questionnaires in the writing transaction: a response is checked against its Questionnaire
 * and its referral, scored, its total filled in, its score Observation stored, and a reported risk
 * of self-harm alerted; an amendment revises the score, a withdrawal withdraws it; safety Flags close
 * only with a reason. A session that may change the referral's first attended one re-places its scores.
 *
 * <p>A response is evaluated once per write, in {@link #prepare}; the evaluation and the referral found
 * by the checks travel on the response as user data (never stored) to the steps after the checks.
 */
public final class OutcomeRules implements WriteRules {

    private static final String EVALUATION = OutcomeRules.class.getName() + ".evaluation";
    private static final String REFERRAL = OutcomeRules.class.getName() + ".referral";

    private final QuestionnaireCatalogue catalogue;
    private final ReferralTables referrals;
    private final ScoreRecorder scores;
    private final ScorePlacement placement;
    private final SafetyAlerts safety;

    public OutcomeRules(QuestionnaireCatalogue catalogue, ReferralTables referrals, StoredSearch search, String programOrganization) {
        this(catalogue, referrals, new ScorePlacement(new ScoreIndex(), new AttendedSessions(search), referrals), new SafetyAlerts(programOrganization));
    }

    OutcomeRules(QuestionnaireCatalogue catalogue, ReferralTables referrals, ScorePlacement placement, SafetyAlerts safety) {
        this.catalogue = catalogue;
        this.referrals = referrals;
        this.scores = new ScoreRecorder(new ScoreIndex(), placement);
        this.placement = placement;
        this.safety = safety;
    }

    @Override
    public void prepare(UnitOfWork uow, Resource before, Resource incoming) {
        if (incoming instanceof QuestionnaireResponse response && !(before != null && ResponseWithdrawal.isWithdrawal(response))) {
            Evaluation evaluation = OutcomeIntake.evaluate(catalogue, response);
            response.setUserData(EVALUATION, evaluation);
            // The stored response carries its total score, computed when the client left it out.
            evaluation.toStore().ifPresent(complete -> response.setItem(complete.getItem()));
        } else if (incoming instanceof Flag flag && before instanceof Flag previous && FlagClosure.isSafetyFlag(previous)) {
            FlagClosure.stampClosure(previous, flag, uow.now());
        }
    }

    @Override
    public List<RuleViolation> checkCreate(UnitOfWork uow, Resource incoming) throws SQLException {
        if (incoming instanceof QuestionnaireResponse response) {
            return checkResponse(uow, response, List.of());
        }
        return List.of();
    }

    @Override
    public void afterCreate(UnitOfWork uow, Resource created) throws SQLException {
        if (created instanceof QuestionnaireResponse response) {
            Evaluation evaluation = evaluation(response);
            ReferralOfResponse referral = referral(response);
            scores.record(uow, response, evaluation.scheme().orElseThrow(), evaluation.score().orElseThrow(), referral);
            if (evaluation.safetySignal().isPresent()) {
                safety.raise(uow, response, referral);
            }
        } else if (created instanceof Encounter session) {
            placeScoresAgainAfter(uow, session);
        }
    }

    /** An attended session, or one withdrawn as a mistake, may be (or have been) the first attended one, which places baseline. */
    private void placeScoresAgainAfter(UnitOfWork uow, Encounter session) throws SQLException {
        Optional<SessionKind> kind = SessionKind.of(session);
        boolean movesBaseline = kind.equals(Optional.of(SessionKind.ATTENDED)) || kind.equals(Optional.of(SessionKind.ENTERED_IN_ERROR));
        Optional<LocalReference> referral = LocalReference.parse(session.getBasedOnFirstRep().getReference());
        if (movesBaseline && referral.isPresent()) {
            placement.revise(uow, referral.get().id());
        }
    }

    @Override
    public List<RuleViolation> checkUpdate(UnitOfWork uow, Resource before, Resource after) throws SQLException {
        if (after instanceof QuestionnaireResponse response && before instanceof QuestionnaireResponse previous) {
            if (ResponseWithdrawal.isWithdrawal(previous) || ResponseWithdrawal.isWithdrawal(response)) {
                return ResponseWithdrawal.check(previous, response);
            }
            return checkResponse(uow, response, amendment(previous, response));
        }
        if (after instanceof Flag flag && before instanceof Flag previous && FlagClosure.isSafetyFlag(previous)) {
            return FlagClosure.checkChange(previous, flag);
        }
        if (after instanceof Observation) {
            return keepScore(uow, after.getIdElement().getIdPart());
        }
        return List.of();
    }

    @Override
    public List<RuleViolation> checkDelete(UnitOfWork uow, String type, String id) throws SQLException {
        return type.equals("Observation") ? keepScore(uow, id) : List.of();
    }

    /** A score follows its response: only an amendment of the response changes it. */
    private List<RuleViolation> keepScore(UnitOfWork uow, String observationId) throws SQLException {
        if (scores.isScore(uow, observationId)) {
            return List.of(RuleViolation.conflict("Observation", "Observation/" + observationId + " is the score of a"
                    + " QuestionnaireResponse and is kept by the server: amend the response to change it"));
        }
        return List.of();
    }

    @Override
    public void afterUpdate(UnitOfWork uow, Resource before, Resource after) throws SQLException {
        if (after instanceof QuestionnaireResponse response && ResponseWithdrawal.isWithdrawal(response)) {
            scores.withdraw(uow, response, LocalReference.parse(response.getBasedOnFirstRep().getReference()).orElseThrow().id());
        } else if (after instanceof Encounter session) {
            placeScoresAgainAfter(uow, session);
        } else if (after instanceof QuestionnaireResponse response && before instanceof QuestionnaireResponse previous) {
            Evaluation evaluation = evaluation(response);
            ReferralOfResponse referral = referral(response);
            scores.revise(uow, response, evaluation.scheme().orElseThrow(), evaluation.score().orElseThrow(), referral);
            boolean alreadyAlerted = evaluation.safetySignal().isPresent()
                    && OutcomeIntake.evaluate(catalogue, previous).safetySignal().isPresent();
            if (evaluation.safetySignal().isPresent() && !alreadyAlerted) {
                safety.raise(uow, response, referral);
            }
        }
    }

    /**
     * The evaluation's problems, the referral's, and {@code more}. When they refuse a response that reports
     * a risk of self-harm, a warning tells the sender that nothing was stored and no alert raised.
     */
    private List<RuleViolation> checkResponse(UnitOfWork uow, QuestionnaireResponse response, List<RuleViolation> more)
            throws SQLException {
        Evaluation evaluation = evaluation(response);
        List<RuleViolation> violations = new ArrayList<>(evaluation.violations());
        Optional<ReferralOfResponse> referral = ReferralOfResponse.find(uow, referrals, response);
        referral.ifPresent(found -> violations.addAll(ResponseReferral.check(response, found.basedOnPath(), found.referral(),
                found.fulfilmentTask())));
        violations.addAll(more);
        response.setUserData(REFERRAL, referral.orElse(null));
        // No referral found with a well-formed basedOn means reference integrity refuses the write.
        boolean refused = !violations.isEmpty() || referral.isEmpty();
        if (refused) {
            evaluation.safetySignal().ifPresent(signal -> violations.add(SafetyScreen.notStoredWarning(signal)));
        }
        return violations;
    }

    private static Evaluation evaluation(QuestionnaireResponse response) {
        Object evaluation = response.getUserData(EVALUATION);
        if (evaluation == null) {
            throw new IllegalStateException("A response is evaluated in prepare(), before it is checked");
        }
        return (Evaluation) evaluation;
    }

    private static ReferralOfResponse referral(QuestionnaireResponse response) {
        Object referral = response.getUserData(REFERRAL);
        if (referral == null) {
            throw new IllegalStateException("A response's referral is found when it is checked, before it is stored");
        }
        return (ReferralOfResponse) referral;
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
