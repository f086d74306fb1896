package org.peerbridge.mapping.population;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.FHIRAllTypes;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationDefinition.OperationParameterUse;
import org.peerbridge.mapping.OwnOperations;

/**
 * What the program-outcomes report publishes: the Measure whose groups it reports (one per
 * {@link OutcomeGroup}) and the OperationDefinition of {@code $program-outcomes}.
 */
public final class ProgramOutcomesConformance {

    public static final String MEASURE_ID = "program-outcomes";
    public static final String MEASURE_URL = "http://peerbridge.org/fhir/Measure/" + MEASURE_ID;
    public static final String OPERATION_URL = "http://peerbridge.org/fhir/OperationDefinition/program-outcomes";
    /** Codes of the Measure's groups, e.g. phq-9.day-90.mean-change. */
    public static final String GROUP_SYSTEM = "http://peerbridge.org/fhir/CodeSystem/program-outcome-group";
    /** Codes of the stratifiers (service-type, delivery-mode, referring-organization, age-band, reason). */
    public static final String STRATIFIER_SYSTEM = "http://peerbridge.org/fhir/CodeSystem/program-outcome-stratifier";
    public static final String MEASURE_POPULATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/measure-population";
    /** The stratifier of the declined and cancelled groups by coded reason. */
    public static final String REASON = "reason";

    public static final String PERIOD_START = "periodStart";
    public static final String PERIOD_END = "periodEnd";
    public static final String STRATIFIER = "stratifier";

    private static final String VERSION = "0.1.0";

    private ProgramOutcomesConformance() {
    }

    public static Measure measure() {
        Measure measure = new Measure();
        measure.setId(MEASURE_ID);
        measure.setUrl(MEASURE_URL);
        measure.setVersion(VERSION);
        measure.setName("ProgramOutcomes");
        measure.setTitle("Peer support program outcomes");
        measure.setStatus(PublicationStatus.ACTIVE);
        measure.setPublisher("PeerBridge");
        measure.setDescription("Engagement (referred, accepted, started, completed, declined and cancelled by reason, median days to"
                + " acceptance and first session, sessions and minutes per participant, no-show rate) and the change from baseline"
                + " of PHQ-9, PHQ-2, GAD-7, UCLA-3 and WHO-5 at 30, 60 and 90 days (means with 95 % confidence intervals, response"
                + " and remission), over the referrals authored in the period. Definitions: docs/outcomes-reporting.md.");
        measure.setDisclaimer("Counts from 1 to one below the minimum cell size, and every figure that would reveal one, are"
                + " suppressed (data-absent-reason 'masked'). The cost saving is an estimate from published evaluations,"
                + " configured per program, never measured.");
        measure.addType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/measure-type", "outcome", "Outcome")));
        for (OutcomeGroup group : OutcomeGroup.all()) {
            Measure.MeasureGroupComponent component = measure.addGroup().setCode(groupCode(group)).setDescription(group.description());
            for (OutcomeGroup.Population population : group.populations()) {
                component.addPopulation().setCode(populationCode(population.code()))
                        .setCriteria(criterion(population.cell(), "The count '" + population.cell() + "' of docs/outcomes-reporting.md"));
            }
            for (Stratifier stratifier : Stratifier.values()) {
                component.addStratifier().setCode(stratifierCode(stratifier.code(), stratifier.display()))
                        .setCriteria(criterion(stratifier.code(), stratifier.display()));
            }
            group.reasons().ifPresent(ending -> component.addStratifier().setCode(stratifierCode(REASON, "Coded reason"))
                    .setCriteria(criterion(REASON, "The code of the Task's first statusReason coding; not-coded when it has only text")));
        }
        return measure;
    }

    public static OperationDefinition operation() {
        OperationDefinition operation = OwnOperations.definition("program-outcomes", OPERATION_URL, VERSION, "ProgramOutcomes",
                "Outcomes of the peer support program", "A summary MeasureReport of the Measure " + MEASURE_URL + " over the"
                        + " referrals the caller may see (a referring organization: its own; the program: all), authored in the period,"
                        + " with the requested strata; small cells suppressed.", "program-outcomes");
        operation.setSystem(true);
        operation.setType(false);
        operation.setInstance(false);
        OwnOperations.parameter(operation, OperationParameterUse.IN, PERIOD_START, 0, "1", FHIRAllTypes.DATE,
                "First day of the period (referral authoredOn), inclusive");
        OwnOperations.parameter(operation, OperationParameterUse.IN, PERIOD_END, 0, "1", FHIRAllTypes.DATE, "Last day of the period, inclusive");
        OwnOperations.parameter(operation, OperationParameterUse.IN, STRATIFIER, 0, "*", FHIRAllTypes.CODE,
                "service-type | delivery-mode | referring-organization | age-band; repeat for several");
        OwnOperations.parameter(operation, OperationParameterUse.OUT, "return", 1, "1", FHIRAllTypes.MEASUREREPORT, "The summary MeasureReport");
        return operation;
    }

    static CodeableConcept groupCode(OutcomeGroup group) {
        return new CodeableConcept(new Coding(GROUP_SYSTEM, group.code(), group.display())).setText(group.display());
    }

    static CodeableConcept populationCode(String code) {
        return new CodeableConcept(new Coding(MEASURE_POPULATION_SYSTEM, code, null));
    }

    static CodeableConcept stratifierCode(String code, String display) {
        return new CodeableConcept(new Coding(STRATIFIER_SYSTEM, code, display));
    }

    /**
     * A named definition and what it means. The server computes it (mapping/population), no expression engine
     * does: the expression is the name as a FHIRPath string literal, so that it is valid without a CQL Library.
     */
    private static Expression criterion(String name, String description) {
        return new Expression().setLanguage("text/fhirpath")
                .setExpression("'" + name + "'").setDescription(description);
    }
}
