package org.peerbridge.server.app;

import java.util.List;
import java.util.function.Supplier;
import org.peerbridge.mapping.outcome.QuestionnaireCatalogue;
import org.peerbridge.server.directory.DirectoryWriteRules;
import org.peerbridge.server.outcome.AttendedSessions;
import org.peerbridge.server.outcome.ResponseRules;
import org.peerbridge.server.outcome.SafetyAlerts;
import org.peerbridge.server.outcome.SafetyFlagRules;
import org.peerbridge.server.outcome.ScoreIndex;
import org.peerbridge.server.outcome.ScorePlacement;
import org.peerbridge.server.outcome.ScoreRecorder;
import org.peerbridge.server.outcome.ScoresFollowSessions;
import org.peerbridge.server.outcome.ScoresKept;
import org.peerbridge.server.referral.FulfilmentTaskRules;
import org.peerbridge.server.referral.ReferralTables;
import org.peerbridge.server.referral.ServiceRequestRules;
import org.peerbridge.server.report.FinalReportRules;
import org.peerbridge.server.report.ProgressReports;
import org.peerbridge.server.search.StoredSearch;
import org.peerbridge.server.security.access.RoleRule;
import org.peerbridge.server.session.PeerSessionRules;
import org.peerbridge.server.session.PerformedActivitiesKept;
import org.peerbridge.server.storage.ResourceCodec;
import org.peerbridge.server.write.WriteRule;
import org.peerbridge.server.write.WriteRuleSet;

/**
 * Every domain rule a write meets, by resource type and phase ({@link org.peerbridge.server.write.RulePhase}):
 * <pre>
 * type                   ACCESS         LIFECYCLE             SERVER_CONTENT           FOLLOW_UP
 * ServiceRequest                        ServiceRequestRules
 * Task                   RoleRule       FulfilmentTaskRules   PerformedActivitiesKept  FinalReportRules
 * Encounter              RoleRule       PeerSessionRules                               ScoresFollowSessions
 * QuestionnaireResponse  RoleRule       ResponseRules
 * Observation            RoleRule                             ScoresKept
 * Flag                   RoleRule       SafetyFlagRules
 * PractitionerRole, HealthcareService   DirectoryWriteRules
 * Subscription                          SubscriptionRules
 * </pre>
 * {@code RoleRule} (who may do what, mapping/access/RolePermissions) also names Procedure, DiagnosticReport,
 * Composition, HealthcareService, Location and the conformance types, which only the program writes.
 * So when a QuestionnaireResponse is stored, {@link RoleRule} and then {@link ResponseRules} prepare, check and
 * follow it up; the score Observation, the safety Flag, its Communication and the Task's next business status that
 * ResponseRules writes go through the same pipeline as the server's versions, meeting the Observation, Flag and
 * Task rules above. {@code DomainWriteRulesTest} asks the real table exactly that, and stores such a response.
 */
final class DomainWriteRules {

    private DomainWriteRules() {
    }

    static WriteRuleSet all(ReferralTables referrals, StoredSearch search, QuestionnaireCatalogue questionnaires, ProgressReports reports,
            ResourceCodec codec, WriteRule subscriptionRules, String programOrganization, Supplier<String> publicBase) {
        return new WriteRuleSet(rules(referrals, search, questionnaires, reports, codec, subscriptionRules, programOrganization, publicBase));
    }

    /** The rules of {@link #all}, before {@link WriteRuleSet} puts each type's in phase order. */
    static List<WriteRule> rules(ReferralTables referrals, StoredSearch search, QuestionnaireCatalogue questionnaires,
            ProgressReports reports, ResourceCodec codec, WriteRule subscriptionRules, String programOrganization,
            Supplier<String> publicBase) {
        ScoreIndex scoreIndex = new ScoreIndex();
        ScorePlacement placement = new ScorePlacement(scoreIndex, new AttendedSessions(search), referrals);
        return List.of(
                new RoleRule(),
                new ServiceRequestRules(referrals, programOrganization),
                new FulfilmentTaskRules(referrals),
                new PerformedActivitiesKept(),
                new FinalReportRules(reports, codec, programOrganization, publicBase),
                new PeerSessionRules(referrals, search, programOrganization),
                new ScoresFollowSessions(placement),
                new ResponseRules(questionnaires, referrals, new ScoreRecorder(scoreIndex, placement), new SafetyAlerts(programOrganization)),
                new ScoresKept(scoreIndex),
                new SafetyFlagRules(),
                new DirectoryWriteRules(),
                subscriptionRules);
    }
}
