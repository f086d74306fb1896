package org.peerbridge.server.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.peerbridge.mapping.access.Role;
import org.peerbridge.mapping.rules.RuleViolation;
import org.peerbridge.server.refusal.Refusal;
import org.peerbridge.server.search.IndexExtractor;
import org.peerbridge.server.search.SearchParameterRegistry;
import org.peerbridge.server.search.SearchRequestParser;
import org.peerbridge.server.search.SearchService;
import org.peerbridge.server.storage.ResourceCodec;
import org.peerbridge.server.storage.ResourceStore;
import org.peerbridge.server.storage.WrittenVersion;
import org.peerbridge.server.support.TestDatabase;

/**
 * The write pipeline on its own, with rules written for the test on a real H2 store: which rules run, in
 * which order, what they share through the {@link WriteContext}, that the server's own versions meet the
 * same rules and listeners, and that a refused or overtaken write stores nothing. One database for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WritePipelineTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final Actor CLIENT = Actor.client(Role.PROGRAM, "Organization/program");

    private TestDatabase.Opened opened;
    private ResourceStore store;
    private final List<String> calls = new ArrayList<>();
    private final List<String> heard = new ArrayList<>();

    @BeforeAll
    void openStore() {
        opened = TestDatabase.open();
        SearchParameterRegistry registry = SearchParameterRegistry.standard(FHIR);
        ResourceCodec codec = new ResourceCodec(FHIR);
        store = new ResourceStore(opened.database(), new IndexExtractor(FHIR, registry), codec);
        store.addVersionListener((uow, written) -> heard.add(written.type() + " " + written.method()));
    }

    @BeforeEach
    void forgetEarlierCalls() {
        calls.clear();
        heard.clear();
    }

    @AfterAll
    void close() throws Exception {
        opened.close();
    }

    @Test
    void rulesRunPhaseByPhaseWhateverTheOrderTheyWereGivenIn() {
        ResourceWriter writer = writer(new Recording("follow-up", RulePhase.FOLLOW_UP, "Basic"),
                new Recording("lifecycle", RulePhase.LIFECYCLE, "Basic"), new Recording("access", RulePhase.ACCESS, "Basic"));
        store.write(uow -> writer.create(uow, new Basic(), null, null));
        assertEquals(List.of("access prepare", "lifecycle prepare", "follow-up prepare",
                "access check", "lifecycle check", "follow-up check",
                "access after (stored)", "lifecycle after (stored)", "follow-up after (stored)"), calls,
                "every rule prepares before any checks; the version is stored before any after step");
    }

    @Test
    void aRuleIsAskedOnlyAboutTheTypesItNames() {
        ResourceWriter writer = writer(new Recording("basic", RulePhase.LIFECYCLE, "Basic"));
        store.write(uow -> writer.create(uow, new Group().setType(Group.GroupType.PERSON).setActual(true), null, null));
        assertTrue(calls.isEmpty(), calls.toString());
    }

    @Test
    void twoRulesForOneTypeInOnePhaseAreRefusedAtAssembly() {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class, () -> new WriteRuleSet(List.of(
                new Recording("one", RulePhase.LIFECYCLE, "Basic", "Group"), new Recording("two", RulePhase.LIFECYCLE, "Group"))));
        assertTrue(refusal.getMessage().contains("Group has two rules in phase LIFECYCLE"), refusal.getMessage());
    }

    @Test
    void whatARulePreparesReachesItsCheckAndAfterStepsOfTheSameWriteOnly() {
        WriteContext.Key<String> note = new WriteContext.Key<>("note", String.class);
        List<String> seen = new ArrayList<>();
        WriteRule rule = new Recording("sharing", RulePhase.LIFECYCLE, "Basic") {
            @Override
            public void prepare(WriteContext write) {
                seen.add("prepare found " + write.find(note).orElse("nothing"));
                write.put(note, "prepared for " + write.resource().fhirType());
            }

            @Override
            public List<RuleViolation> check(WriteContext write) {
                seen.add("check got " + write.get(note));
                return List.of();
            }

            @Override
            public void after(WriteContext write) {
                seen.add("after got " + write.get(note));
            }
        };
        ResourceWriter writer = writer(rule);
        store.write(uow -> {
            writer.create(uow, new Basic(), null, null);
            return writer.create(uow, new Basic(), null, null);
        });
        assertEquals(List.of("prepare found nothing", "check got prepared for Basic", "after got prepared for Basic",
                "prepare found nothing", "check got prepared for Basic", "after got prepared for Basic"), seen,
                "each write has its own context");
        WriteContext fresh = new WriteContext(null, CLIENT, null, new Basic(), null);
        assertThrows(IllegalStateException.class, () -> fresh.get(note), "needing what nobody prepared is a bug, not a null");
    }

    @Test
    void aClientWriteCarriesTheClientAndAnUpdateWhatItReplaces() {
        List<String> seen = new ArrayList<>();
        ResourceWriter writer = writer(new Recording("actor", RulePhase.LIFECYCLE, "Basic") {
            @Override
            public List<RuleViolation> check(WriteContext write) {
                seen.add(write.actor() + " create=" + write.isCreate() + " before=" + write.before().map(b -> b.getIdElement().getVersionIdPart()).orElse("-"));
                return List.of();
            }
        });
        String id = store.write(uow -> writer.create(uow, new Basic(), null, null).resource().getIdElement().getIdPart());
        store.write(uow -> writer.update(uow, id, new Basic(), "1", null));
        assertEquals(List.of(CLIENT + " create=true before=-", CLIENT + " create=false before=1"), seen);
    }

    @Test
    void theServersOwnVersionsMeetEveryRuleOfTheirTypeAndEveryListener() {
        List<String> serverSeen = new ArrayList<>();
        WriteRule consequence = new Recording("consequence", RulePhase.LIFECYCLE, "Basic") {
            @Override
            public void after(WriteContext write) throws java.sql.SQLException {
                Group group = write.server().create(new Group().setType(Group.GroupType.PERSON).setActual(true));
                write.server().update(Group.class, group.getIdElement().getIdPart(), g -> Optional.of(g.setName("named by the server")));
            }
        };
        WriteRule groupRule = new Recording("group", RulePhase.LIFECYCLE, "Group") {
            @Override
            public List<RuleViolation> check(WriteContext write) {
                serverSeen.add(write.actor().isServer() + " " + (write.isCreate() ? "create" : "update"));
                return List.of();
            }
        };
        WriteRule groupFollowUp = new Recording("group follow-up", RulePhase.FOLLOW_UP, "Group");
        ResourceWriter writer = writer(consequence, groupRule, groupFollowUp);
        store.write(uow -> writer.create(uow, new Basic(), null, null));

        assertEquals(List.of("true create", "true update"), serverSeen, "the rule sees the server as the actor");
        assertEquals(2, calls.stream().filter(c -> c.startsWith("group follow-up after")).count(), "every rule of the type, every phase");
        assertEquals(List.of("Basic CREATE", "Group CREATE", "Group UPDATE"), heard, "and every listener");
    }

    @Test
    void aRefusedWriteStoresNothingAndRunsNoAfterStep() {
        ResourceWriter writer = writer(new Recording("refuses", RulePhase.LIFECYCLE, "Basic") {
            @Override
            public List<RuleViolation> check(WriteContext write) {
                return ((Basic) write.resource()).hasCode() ? List.of(RuleViolation.invalid(IssueType.BUSINESSRULE, "Basic.code", "no codes here"))
                        : List.of();
            }
        });
        Basic refused = new Basic().setCode(new CodeableConcept().setText("x"));
        int resources = rows("resource");
        int versions = rows("resource_history");
        Refusal error = assertThrows(Refusal.class,
                () -> store.write(uow -> {
                    writer.create(uow, new Basic(), null, null);
                    return writer.create(uow, refused, null, "Bundle.entry[1].resource");
                }));
        assertEquals(422, error.reason().status());
        assertEquals(resources, rows("resource"), "the write before it in the same transaction is gone too");
        assertEquals(versions, rows("resource_history"));
        assertEquals(List.of("refuses prepare", "refuses after (stored)", "refuses prepare"), calls, "the refused write has no after step");
    }

    @Test
    void anUpdateOvertakenByAnotherWriterIsAConflictAndStoresNothing() {
        // while the client's update is being prepared, another write (here the server's) stores a newer version first
        ResourceWriter writer = writer(new Recording("overtakes", RulePhase.LIFECYCLE, "Group") {
            @Override
            public void prepare(WriteContext write) throws java.sql.SQLException {
                if (!write.actor().isServer() && !write.isCreate()) {
                    write.server().update(Group.class, write.resource().getIdElement().getIdPart(), g -> Optional.of(g.setName("first")));
                }
            }
        });
        String id = store.write(uow -> writer.create(uow, new Group().setType(Group.GroupType.PERSON).setActual(true), null, null)
                .resource().getIdElement().getIdPart());
        Group mine = new Group().setType(Group.GroupType.PERSON).setActual(true).setName("mine");
        mine.setId(id);
        Refusal conflict = assertThrows(Refusal.class,
                () -> store.write(uow -> writer.update(uow, id, mine, null, null)));
        assertEquals(409, conflict.reason().status());
        assertTrue(conflict.getMessage().contains("changed while this update ran"), conflict.getMessage());
        assertEquals(1, store.current("Group", id).orElseThrow().version(), "neither version is kept");
    }

    @Test
    void aDeleteAsksEveryRuleOfTheType() {
        ResourceWriter writer = writer(new Recording("keeps", RulePhase.LIFECYCLE, "Basic") {
            @Override
            public List<RuleViolation> checkDelete(DeleteContext delete) {
                return List.of(RuleViolation.conflict(null, delete.type() + "/" + delete.id() + " is kept"));
            }
        });
        String id = store.write(uow -> writer.create(uow, new Basic(), null, null).resource().getIdElement().getIdPart());
        Refusal refusal = assertThrows(Refusal.class,
                () -> store.write(uow -> {
                    writer.delete(uow, "Basic", id);
                    return null;
                }));
        assertEquals(409, refusal.reason().status());
        assertFalse(store.current("Basic", id).orElseThrow().deleted());
    }

    private ResourceWriter writer(WriteRule... rules) {
        ResourceCodec codec = new ResourceCodec(FHIR);
        return new ResourceWriter(new SearchService(codec), new SearchRequestParser(SearchParameterRegistry.standard(FHIR), FHIR),
                new WriteRuleSet(List.of(rules)), () -> CLIENT);
    }

    private int rows(String table) {
        return store.read(c -> {
            try (var rows = c.prepareStatement("SELECT COUNT(*) FROM " + table).executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }

    /** A rule that records each step it is asked to take, and whether the version was stored by then. */
    private class Recording implements WriteRule {
        private final String name;
        private final RulePhase phase;
        private final Set<String> types;

        Recording(String name, RulePhase phase, String... types) {
            this.name = name;
            this.phase = phase;
            this.types = Set.of(types);
        }

        @Override
        public Set<String> types() {
            return types;
        }

        @Override
        public RulePhase phase() {
            return phase;
        }

        @Override
        public void prepare(WriteContext write) throws java.sql.SQLException {
            calls.add(name + " prepare" + stored(write));
        }

        @Override
        public List<RuleViolation> check(WriteContext write) throws java.sql.SQLException {
            calls.add(name + " check" + stored(write));
            return List.of();
        }

        @Override
        public void after(WriteContext write) throws java.sql.SQLException {
            calls.add(name + " after" + stored(write));
        }

        private String stored(WriteContext write) throws java.sql.SQLException {
            Resource resource = write.resource();
            return resource.getIdElement().hasIdPart() && write.uow().currentRow(resource.fhirType(), resource.getIdElement().getIdPart())
                    .filter(row -> row.version() == (write.isCreate() ? 1 : Integer.parseInt(write.before().orElseThrow().getIdElement().getVersionIdPart()) + 1))
                    .isPresent() ? " (stored)" : "";
        }
    }
}
