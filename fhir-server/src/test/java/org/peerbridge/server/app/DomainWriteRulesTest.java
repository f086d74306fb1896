package org.peerbridge.server.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.peerbridge.mapping.access.Role;
import org.peerbridge.mapping.outcome.QuestionnaireCatalogue;
import org.peerbridge.mapping.rules.RuleViolation;
import org.peerbridge.server.referral.ReferralTables;
import org.peerbridge.server.report.ProgressReports;
import org.peerbridge.server.search.IndexExtractor;
import org.peerbridge.server.search.SearchParameterRegistry;
import org.peerbridge.server.search.SearchRequestParser;
import org.peerbridge.server.search.SearchService;
import org.peerbridge.server.search.StoredSearch;
import org.peerbridge.server.storage.ResourceCodec;
import org.peerbridge.server.storage.ResourceStore;
import org.peerbridge.server.storage.UnitOfWork;
import org.peerbridge.server.subscription.SubscriptionRules;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.Responses;
import org.peerbridge.server.support.TestDatabase;
import org.peerbridge.server.write.Actor;
import org.peerbridge.server.write.DeleteContext;
import org.peerbridge.server.write.ResourceWriter;
import org.peerbridge.server.write.RulePhase;
import org.peerbridge.server.write.WriteContext;
import org.peerbridge.server.write.WriteRule;
import org.peerbridge.server.write.WriteRuleSet;

/**
 * The server's real table of write rules ({@link DomainWriteRules}), asked what a newcomer asks: which rules run
 * when a QuestionnaireResponse is stored, in what order, and does the Task the server writes afterwards go
 * through them? Below HTTP, on a migrated H2 database, with every real rule; the rules are only watched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DomainWriteRulesTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String PROGRAM = "Organization/program";

    private TestDatabase.Opened opened;
    private ResourceStore store;
    private ReferralTables referrals;
    private List<WriteRule> rules;
    private final List<String> steps = new ArrayList<>();

    @BeforeAll
    void openStoreWithTheRealRules() {
        opened = TestDatabase.open();
        SearchParameterRegistry registry = SearchParameterRegistry.standard(FHIR);
        ResourceCodec codec = new ResourceCodec(FHIR);
        store = new ResourceStore(opened.database(), new IndexExtractor(FHIR, registry), codec);
        SearchService search = new SearchService(codec);
        SearchRequestParser parser = new SearchRequestParser(registry, FHIR);
        StoredSearch storedSearch = new StoredSearch(search, parser);
        referrals = new ReferralTables();
        rules = DomainWriteRules.rules(referrals, storedSearch, QuestionnaireCatalogue.load(FHIR),
                new ProgressReports(storedSearch, codec, PROGRAM), codec, new SubscriptionRules(false), PROGRAM, () -> "http://localhost/fhir");
        Organization program = new Organization().setName("Peer support program");
        program.setId("program");
        store.write(uow -> uow.create(program));
    }

    @AfterAll
    void close() throws Exception {
        opened.close();
    }

    @Test
    void theTableNamesEachTypesRulesInPhaseOrder() {
        WriteRuleSet table = new WriteRuleSet(rules);
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("QuestionnaireResponse", List.of("ACCESS RoleRule", "LIFECYCLE ResponseRules"));
        expected.put("Task", List.of("ACCESS RoleRule", "LIFECYCLE FulfilmentTaskRules", "SERVER_CONTENT PerformedActivitiesKept",
                "FOLLOW_UP FinalReportRules"));
        expected.put("ServiceRequest", List.of("LIFECYCLE ServiceRequestRules"));
        expected.put("Encounter", List.of("ACCESS RoleRule", "LIFECYCLE PeerSessionRules", "FOLLOW_UP ScoresFollowSessions"));
        expected.put("Observation", List.of("ACCESS RoleRule", "SERVER_CONTENT ScoresKept"));
        expected.put("Flag", List.of("ACCESS RoleRule", "LIFECYCLE SafetyFlagRules"));
        expected.put("PractitionerRole", List.of("LIFECYCLE DirectoryWriteRules"));
        expected.put("HealthcareService", List.of("ACCESS RoleRule", "LIFECYCLE DirectoryWriteRules"));
        expected.put("Subscription", List.of("LIFECYCLE SubscriptionRules"));
        expected.put("Communication", List.of());
        expected.forEach((type, named) -> assertEquals(named, table.forType(type).stream()
                .map(rule -> rule.phase() + " " + rule.getClass().getSimpleName()).toList(), type));
    }

    @Test
    void theTaskTheServerWritesAfterAResponseMeetsEveryTaskRuleAsTheClientsWouldInTheSameOrder() throws Exception {
        ResourceWriter writer = new ResourceWriter(new SearchService(new ResourceCodec(FHIR)),
                new SearchRequestParser(SearchParameterRegistry.standard(FHIR), FHIR),
                new WriteRuleSet(rules.stream().<WriteRule>map(Watched::new).toList()), () -> Actor.client(Role.PROGRAM, PROGRAM));
        Referrals.Sent referral = Referrals.storeAccepted(store, writer, referrals);
        String taskId = referral.task().getIdElement().getIdPart();
        steps.clear();

        // PHQ-9 with a reported risk of self-harm (item 9): a score, a safety Flag and Communication, and the Task's safety status
        store.write(uow -> writer.create(uow, Responses.answered(Responses.PHQ9, referral, "2026-03-02", 0, 0, 0, 0, 0, 0, 0, 0, 3), null, null));

        assertEquals(List.of("RoleRule prepare", "ResponseRules prepare", "RoleRule check", "ResponseRules check",
                "RoleRule after", "ResponseRules after"), stepsOf("client QuestionnaireResponse"),
                "the response: every rule prepares, then every rule checks, then it is stored and every rule follows up");
        assertTrue(steps.subList(0, steps.indexOf("client QuestionnaireResponse ResponseRules after")).stream().noneMatch(s -> s.startsWith("server")),
                "the server writes nothing before the response is stored");
        assertTrue(steps.indexOf("client QuestionnaireResponse ResponseRules after") < steps.indexOf("server Task RoleRule prepare"),
                "the server's versions are the response's follow-up");

        List<String> taskRules = new WriteRuleSet(rules).forType("Task").stream().map(rule -> rule.getClass().getSimpleName()).toList();
        List<String> everyStep = new ArrayList<>();
        for (String step : List.of("prepare", "check", "after")) {
            taskRules.forEach(rule -> everyStep.add(rule + " " + step));
        }
        assertEquals(everyStep, stepsOf("server Task"), "the server's Task version meets every Task rule of the table, phase by phase");
        assertEquals(List.of("RoleRule prepare", "ScoresKept prepare", "RoleRule check", "ScoresKept check", "RoleRule after", "ScoresKept after"),
                stepsOf("server Observation"), "so does its score Observation");
        assertEquals(List.of("RoleRule prepare", "SafetyFlagRules prepare", "RoleRule check", "SafetyFlagRules check",
                "RoleRule after", "SafetyFlagRules after"), stepsOf("server Flag"), "and its safety Flag");
        assertEquals(3, store.current("Task", taskId).orElseThrow().version(), "created, accepted, then the safety status");
    }

    /** The steps taken for writes by this actor of this type ("client QuestionnaireResponse"), as "Rule step". */
    private List<String> stepsOf(String actorAndType) {
        return steps.stream().filter(step -> step.startsWith(actorAndType + " ")).map(step -> step.substring(actorAndType.length() + 1)).toList();
    }

    /** A real rule, watched: each step is noted ("server Task RoleRule check") before the rule takes it. */
    private final class Watched implements WriteRule {
        private final WriteRule rule;

        Watched(WriteRule rule) {
            this.rule = rule;
        }

        @Override
        public Set<String> types() {
            return rule.types();
        }

        @Override
        public RulePhase phase() {
            return rule.phase();
        }

        @Override
        public Optional<Resource> existingDuplicate(WriteContext write) throws SQLException {
            return rule.existingDuplicate(write);
        }

        @Override
        public void lockAhead(UnitOfWork uow, String id) throws SQLException {
            rule.lockAhead(uow, id);
        }

        @Override
        public void prepare(WriteContext write) throws SQLException {
            note(write, "prepare");
            rule.prepare(write);
        }

        @Override
        public List<RuleViolation> check(WriteContext write) throws SQLException {
            note(write, "check");
            return rule.check(write);
        }

        @Override
        public void after(WriteContext write) throws SQLException {
            note(write, "after");
            rule.after(write);
        }

        @Override
        public List<RuleViolation> checkDelete(DeleteContext delete) throws SQLException {
            return rule.checkDelete(delete);
        }

        private void note(WriteContext write, String step) {
            steps.add((write.actor().isServer() ? "server " : "client ") + write.resource().fhirType() + " "
                    + rule.getClass().getSimpleName() + " " + step);
        }
    }
}
