package org.peerbridge.mapping.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerbridge.mapping.outcome.OutcomeFixtures.CATALOGUE;
import static org.peerbridge.mapping.outcome.OutcomeFixtures.CTX;
import static org.peerbridge.mapping.outcome.OutcomeFixtures.questionnaire;

import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped Questionnaire files: valid R4, and saying exactly what docs/outcomes.md says. */
class QuestionnaireCatalogueTest {

    static List<String> files() {
        return QuestionnaireCatalogue.RESOURCE_PATHS;
    }

    @ParameterizedTest
    @MethodSource("files")
    void everyFileIsValidBaseR4(String path) throws Exception {
        Questionnaire questionnaire;
        try (InputStream in = getClass().getResourceAsStream(path)) {
            questionnaire = CTX.newJsonParser().parseResource(Questionnaire.class, in);
        }
        List<SingleValidationMessage> errors = BaseR4Validator.errors(questionnaire);
        assertTrue(errors.isEmpty(), () -> path + ": " + errors);
        // What remains is advice: LOINC and SNOMED CT are not loaded here, and there is no narrative.
        // PeerBridge's own answer codes are checked against the outcome-answer code system.
        List<SingleValidationMessage> other = BaseR4Validator.all(questionnaire).stream()
                .filter(m -> !m.getMessage().matches("The code cannot be checked because codeSystem "
                        + "'http://(loinc.org|snomed.info/sct)' .*"))
                .filter(m -> !m.getMessage().contains("dom-6"))
                .toList();
        assertTrue(other.isEmpty(), () -> path + ": " + other);
    }

    @Test
    void catalogueHoldsTheFiveInstrumentsInOrder() {
        assertEquals(List.of("phq-9", "phq-2", "gad-7", "ucla-3", "who-5"),
                CATALOGUE.all().stream().map(q -> q.getIdElement().getIdPart()).toList());
        assertEquals(List.of("PHQ9", "PHQ2", "GAD7", "UCLA3", "WHO5"), CATALOGUE.all().stream().map(Questionnaire::getName).toList());
        for (Questionnaire q : CATALOGUE.all()) {
            assertEquals("http://peerbridge.org/fhir/Questionnaire/" + q.getIdElement().getIdPart(), q.getUrl());
            assertEquals("1.0.0", q.getVersion());
            assertEquals(PublicationStatus.ACTIVE, q.getStatus());
            assertTrue(q.hasTitle() && q.hasCopyright(), q.getUrl());
        }
    }

    @ParameterizedTest
    @EnumSource(Instrument.class)
    void lookupByUrlAndByUrlWithVersion(Instrument instrument) {
        assertEquals(instrument.url(), CATALOGUE.find(instrument.url()).orElseThrow().getUrl());
        assertEquals(instrument.url(), CATALOGUE.find(instrument.url() + "|1.0.0").orElseThrow().getUrl());
        assertTrue(CATALOGUE.find(instrument.url() + "|2.0.0").isEmpty());
        assertEquals(instrument, CATALOGUE.scheme(instrument.url()).orElseThrow().instrument());
    }

    @Test
    void unknownCanonicalsAreNotFound() {
        assertTrue(CATALOGUE.find("http://loinc.org/q/44249-1").isEmpty());
        assertTrue(CATALOGUE.find(null).isEmpty());
        assertTrue(CATALOGUE.scheme("http://peerbridge.org/fhir/Questionnaire/phq-8").isEmpty());
    }

    @Test
    void questionnaireCodes() {
        assertEquals(Map.of(
                        "phq-9", "http://loinc.org|44249-1",
                        "phq-2", "http://loinc.org|55757-9",
                        "gad-7", "http://loinc.org|69737-5",
                        "ucla-3", "http://loinc.org|106418-7",
                        "who-5", "http://snomed.info/sct|1144665009"),
                CATALOGUE.all().stream().collect(Collectors.toMap(q -> q.getIdElement().getIdPart(),
                        q -> q.getCodeFirstRep().getSystem() + "|" + q.getCodeFirstRep().getCode())));
    }

    @Test
    void phq9Items() {
        Questionnaire phq9 = questionnaire(Instrument.PHQ_9);
        assertEquals(List.of("44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3",
                "44260-8", "44261-6", "69722-7"), linkIds(phq9));
        for (QuestionnaireItemComponent item : phq9.getItem().subList(0, 9)) {
            assertEquals(QuestionnaireItemType.CHOICE, item.getType());
            assertEquals(item.getLinkId(), item.getCodeFirstRep().getCode(), "linkId is the LOINC item code");
            assertEquals("http://loinc.org", item.getCodeFirstRep().getSystem());
            assertFalse(item.getRepeats());
            assertEquals(phqAnswerScores(), answerScores(item));
        }
        // Items 1-8 may be left out (one is prorated); item 9, the safety item, may not.
        assertEquals(List.of(false, false, false, false, false, false, false, false, true),
                phq9.getItem().subList(0, 9).stream().map(QuestionnaireItemComponent::getRequired).toList());
        QuestionnaireItemComponent difficulty = item(phq9, "69722-7");
        assertFalse(difficulty.getRequired());
        assertTrue(AnswerScores.of(difficulty).isEmpty(), "the difficulty item is not scored");
        assertEquals(List.of("LA6572-7", "LA6573-5", "LA6575-0", "LA6574-3"),
                difficulty.getAnswerOption().stream().map(o -> o.getValueCoding().getCode()).toList());
    }

    @Test
    void phq2AndGad7Items() {
        Questionnaire phq2 = questionnaire(Instrument.PHQ_2);
        assertEquals(List.of("44250-9", "44255-8", "55758-7"), linkIds(phq2));
        assertTrue(phq2.getItem().get(0).getRequired() && phq2.getItem().get(1).getRequired());
        Questionnaire gad7 = questionnaire(Instrument.GAD_7);
        assertEquals(List.of("69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7", "70274-6"),
                linkIds(gad7));
        for (QuestionnaireItemComponent item : gad7.getItem().subList(0, 7)) {
            assertEquals(phqAnswerScores(), answerScores(item));
            assertFalse(item.getRequired());
        }
    }

    @Test
    void ucla3Items() {
        Questionnaire ucla = questionnaire(Instrument.UCLA_3);
        assertEquals(List.of("ucla-3-companionship", "ucla-3-left-out", "66867-3", "ucla-3-total"), linkIds(ucla));
        for (QuestionnaireItemComponent item : ucla.getItem().subList(0, 3)) {
            assertTrue(item.getRequired());
            assertEquals(Map.of("ucla3-hardly-ever", 1, "ucla3-some-of-the-time", 2, "ucla3-often", 3), answerScores(item));
            assertTrue(item.getAnswerOption().stream()
                    .allMatch(o -> "http://peerbridge.org/fhir/CodeSystem/outcome-answer".equals(o.getValueCoding().getSystem())));
        }
        assertEquals("66867-3", item(ucla, "66867-3").getCodeFirstRep().getCode());
    }

    @Test
    void who5Items() {
        Questionnaire who5 = questionnaire(Instrument.WHO_5);
        assertEquals(List.of("who-5-1", "who-5-2", "who-5-3", "who-5-4", "who-5-5", "who-5-total"), linkIds(who5));
        for (QuestionnaireItemComponent item : who5.getItem().subList(0, 5)) {
            assertTrue(item.getRequired());
            assertEquals(Map.of("who5-at-no-time", 0, "who5-some-of-the-time", 1, "who5-less-than-half-of-the-time", 2,
                    "who5-more-than-half-of-the-time", 3, "who5-most-of-the-time", 4, "who5-all-of-the-time", 5),
                    answerScores(item));
        }
    }

    @ParameterizedTest
    @EnumSource(Instrument.class)
    void totalItemIsAReadOnlyOptionalInteger(Instrument instrument) {
        QuestionnaireItemComponent total = item(questionnaire(instrument), instrument.totalLinkId());
        assertEquals(QuestionnaireItemType.INTEGER, total.getType());
        assertTrue(total.getReadOnly());
        assertFalse(total.getRequired());
        assertNull(AnswerScores.of(total).orElse(null));
    }

    @Test
    void totalItemsCarryTheLoincTotalCodeWhereOneExists() {
        assertEquals("44261-6", item(questionnaire(Instrument.PHQ_9), "44261-6").getCodeFirstRep().getCode());
        assertEquals("55758-7", item(questionnaire(Instrument.PHQ_2), "55758-7").getCodeFirstRep().getCode());
        assertEquals("70274-6", item(questionnaire(Instrument.GAD_7), "70274-6").getCodeFirstRep().getCode());
        assertFalse(item(questionnaire(Instrument.UCLA_3), "ucla-3-total").hasCode());
    }

    // ---------------------------------------------------------------------------------------------

    private static Map<String, Integer> phqAnswerScores() {
        return Map.of("LA6568-5", 0, "LA6569-3", 1, "LA6570-1", 2, "LA6571-9", 3);
    }

    private static Map<String, Integer> answerScores(QuestionnaireItemComponent item) {
        return AnswerScores.of(item).orElseThrow().options().stream()
                .collect(Collectors.toMap(o -> o.coding().getCode(), AnswerScores.Option::score));
    }

    private static List<String> linkIds(Questionnaire questionnaire) {
        return questionnaire.getItem().stream().map(QuestionnaireItemComponent::getLinkId).toList();
    }

    static QuestionnaireItemComponent item(Questionnaire questionnaire, String linkId) {
        return questionnaire.getItem().stream().filter(i -> linkId.equals(i.getLinkId())).findFirst().orElseThrow();
    }
}
