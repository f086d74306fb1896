package org.peerbridge.server.outcome;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.peerbridge.mapping.outcome.QuestionnaireCatalogue;
import org.peerbridge.mapping.outcome.ResponseAmendment;
import org.peerbridge.mapping.outcome.ResponseEvaluation;
import org.peerbridge.mapping.outcome.ResponseEvaluation.Evaluation;
import org.peerbridge.mapping.outcome.ResponseReferral;
import org.peerbridge.mapping.outcome.ResponseWithdrawal;
import org.peerbridge.mapping.outcome.SafetyScreen;
import org.peerbridge.mapping.rules.RuleViolation;
import org.peerbridge.server.referral.ReferralTables;
import org.peerbridge.server.search.LocalReference;
import org.peerbridge.server.write.RulePhase;
import org.peerbridge.server.write.WriteContext;
import org.peerbridge.server.write.WriteRule;

/**
 * Outcome questionnaire responses in the writing transaction: a response is checked against its Questionnaire
 * and its referral, scored, its total filled in, its score Observation stored, and a reported risk of
 * self-harm alerted; an amendment ({@link ResponseAmendment}) revises the score, a withdrawal
 * ({@link ResponseWithdrawal}) withdraws it.
 *
 * <p>A response is evaluated once per write, in {@link #prepare}; the evaluation and the referral the check
 * finds travel in the {@link WriteContext} to the step after the checks.
 */
public final class ResponseRules implements WriteRule {

    private static final WriteContext.Key<Evaluation> EVALUATION = new WriteContext.Key<>("the response's evaluation", Evaluation.class);
    private static final WriteContext.Key<ReferralOfResponse> REFERRAL = new WriteContext.Key<>("the response's referral",
            ReferralOfResponse.class);

    private final QuestionnaireCatalogue catalogue;
    private final ReferralTables referrals;
    private final ScoreRecorder scores;
    private final SafetyAlerts safety;

    public ResponseRules(QuestionnaireCatalogue catalogue, ReferralTables referrals, ScoreRecorder scores, SafetyAlerts safety) {
        this.catalogue = catalogue;
        this.referrals = referrals;
        this.scores = scores;
        this.safety = safety;
    }

    @Override
    public Set<String> types() {
        return Set.of("QuestionnaireResponse");
    }

    @Override
    public RulePhase phase() {
        return RulePhase.LIFECYCLE;
    }

    @Override
    public void prepare(WriteContext write) {
        QuestionnaireResponse response = (QuestionnaireResponse) write.resource();
        if (!write.isCreate() && ResponseWithdrawal.isWithdrawal(response)) {
            return;
        }
        Evaluation evaluation = ResponseEvaluation.evaluate(catalogue, response);
        write.put(EVALUATION, evaluation);
        // The stored response carries its total score, computed when the client left it out.
        evaluation.toStore().ifPresent(complete -> response.setItem(complete.getItem()));
    }

    @Override
    public List<RuleViolation> check(WriteContext write) throws SQLException {
        QuestionnaireResponse response = (QuestionnaireResponse) write.resource();
        if (write.isCreate()) {
            return checkResponse(write, response, List.of());
        }
        QuestionnaireResponse previous = (QuestionnaireResponse) write.before().orElseThrow();
        if (ResponseWithdrawal.isWithdrawal(previous) || ResponseWithdrawal.isWithdrawal(response)) {
            return ResponseWithdrawal.check(previous, response);
        }
        return checkResponse(write, response, ResponseAmendment.check(previous, response));
    }

    /**
     * The evaluation's problems, the referral's, and {@code more}. When they refuse a response that reports
     * a risk of self-harm, a warning tells the sender that nothing was stored and no alert raised.
     */
    private List<RuleViolation> checkResponse(WriteContext write, QuestionnaireResponse response, List<RuleViolation> more)
            throws SQLException {
        Evaluation evaluation = write.get(EVALUATION);
        List<RuleViolation> violations = new ArrayList<>(evaluation.violations());
        Optional<ReferralOfResponse> referral = ReferralOfResponse.find(write.uow(), referrals, response);
        referral.ifPresent(found -> {
            violations.addAll(ResponseReferral.check(response, found.basedOnPath(), found.referral(), found.fulfilmentTask()));
            write.put(REFERRAL, found);
        });
        violations.addAll(more);
        // No referral found with a well-formed basedOn means reference integrity refuses the write.
        boolean refused = !violations.isEmpty() || referral.isEmpty();
        if (refused) {
            evaluation.safetySignal().ifPresent(signal -> violations.add(SafetyScreen.notStoredWarning(signal)));
        }
        return violations;
    }

    @Override
    public void after(WriteContext write) throws SQLException {
        QuestionnaireResponse response = (QuestionnaireResponse) write.resource();
        if (!write.isCreate() && ResponseWithdrawal.isWithdrawal(response)) {
            scores.withdraw(write, response, LocalReference.parse(response.getBasedOnFirstRep().getReference()).orElseThrow().id());
            return;
        }
        Evaluation evaluation = write.get(EVALUATION);
        ReferralOfResponse referral = write.get(REFERRAL);
        if (write.isCreate()) {
            scores.record(write, response, evaluation.scheme().orElseThrow(), evaluation.score().orElseThrow(), referral);
        } else {
            scores.revise(write, response, evaluation.scheme().orElseThrow(), evaluation.score().orElseThrow(), referral);
        }
        if (evaluation.safetySignal().isPresent() && !alreadyAlerted(write)) {
            safety.raise(write, response, referral);
        }
    }

    /** An amendment that still reports the risk the amended response reported raises no second alert. */
    private boolean alreadyAlerted(WriteContext write) {
        return write.before().map(previous -> ResponseEvaluation.evaluate(catalogue, (QuestionnaireResponse) previous)
                .safetySignal().isPresent()).orElse(false);
    }
}
