package org.peerbridge.server.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.hapi.converters.canonical.VersionCanonicalizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.utilities.json.model.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.PublishedResources;
import org.peerbridge.mapping.outcome.QuestionnaireCatalogue;
import org.peerbridge.server.validation.CoreDefinitionFiles.Written;

/**
 * The base structures the build converted are what HAPI's validator would make of the R4 files the build wrote, and a
 * validator on those files reports exactly what HAPI's validator reports on HAPI's own worker context and HAPI's own
 * R4 core definitions, whole: documentation, mappings and differentials included ({@link DefinitionsForTheValidator}
 * leaves them out of the files).
 */
class PreconvertedWorkerContextTest {

    private static FhirContext fhir;
    private static ResourceValidator preconverted;
    private static ResourceValidator hapis;

    @BeforeAll
    static void loadBothValidators() {
        fhir = FhirContext.forR4();
        List<IBaseResource> definitions = PublishedResources.definitions(fhir, QuestionnaireCatalogue.load(fhir));
        Map<String, String> profiles = PublishedResources.PROFILE_BY_TYPE;
        preconverted = new ResourceValidator(fhir, definitions, profiles, Duration.ofMinutes(10), () -> "test");
        hapis = new ResourceValidator(fhir, definitions, profiles, Duration.ofMinutes(10), () -> "test",
                (chain, projectDefinitions) -> WorkerContextValidationSupportAdapter.newVersionSpecificWorkerContextWrapper(
                        ResourceValidator.chain(fhir, new DefaultProfileValidationSupport(fhir), projectDefinitions)));
    }

    @Test
    void everyBaseStructureIsHapisConversionOfTheR4One() {
        CoreDefinitions r4 = new CoreDefinitions(fhir);
        VersionCanonicalizer toR5 = new VersionCanonicalizer(fhir);
        BaseStructures base = BaseStructures.read();
        List<Written> written = CoreDefinitionFiles.index().stream().filter(Written::base).toList();
        for (Written definition : written) {
            StructureDefinition converted = (StructureDefinition) toR5.resourceToValidatorCanonical(r4.fetchStructureDefinition(definition.url()));
            assertTrue(converted.equalsDeep(base.byUrl(definition.url())), definition.url());
        }
        assertTrue(written.size() > 200, written.size() + " base structures");
        assertEquals(r4.fetchAllStructureDefinitions().stream().map(sd -> ((org.hl7.fhir.r4.model.StructureDefinition) sd).getUrl()).toList(),
                base.typesAndResources().stream().map(StructureDefinition::getUrl).toList(),
                "the types and resources, in the order HAPI lists them");
    }

    /** Every message, warnings and information included, as $validate reports them. */
    @Test
    void everyFixtureGetsTheSameMessagesAsFromHapisOwnWorkerContext() throws IOException {
        int checked = FixtureResources.checkEach(fhir, PreconvertedWorkerContextTest::assertSameMessages);
        assertTrue(checked > 50, "only " + checked + " fixture resources found");
    }

    @Test
    void brokenResourcesGetTheSameMessagesToo() {
        List<String> broken = List.of(
                "{\"resourceType\":\"Patient\",\"telecom\":[{\"value\":\"555\"}]}",
                "{\"resourceType\":\"Patient\",\"unknownElement\":true,\"name\":[{\"given\":\"Ann\"}]}",
                "{\"resourceType\":\"ServiceRequest\",\"status\":\"active\"}",
                "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},\"valueQuantity\":{\"value\":5,\"code\":\"mg\"}}",
                "{\"resourceType\":\"Patient\",\"extension\":[{\"url\":\"http://hl7.org/fhir/StructureDefinition/patient-birthPlace\",\"valueString\":\"x\"}]}",
                "{\"resourceType\":\"Patient\",\"contained\":[{\"resourceType\":\"Organization\",\"id\":\"o\",\"name\":1}],\"managingOrganization\":{\"reference\":\"#o\"}}",
                "{\"resourceType\":\"Task\",\"status\":\"ready\",\"intent\":\"order\",\"meta\":{\"profile\":[\"http://hl7.org/fhir/StructureDefinition/vitalsigns\"]}}");
        for (String resource : broken) {
            Supplier<JsonObject> json = () -> RequestJson.parse(resource.getBytes(StandardCharsets.UTF_8));
            Resource parsed = FixtureResources.parse(fhir, json.get());
            assertNotNull(parsed, resource);
            assertSameMessages(parsed, json, resource);
        }
    }

    private static void assertSameMessages(Resource parsed, Supplier<JsonObject> json, String what) {
        assertEquals(FixtureResources.describe(hapis.validate(parsed, json.get(), false)),
                FixtureResources.describe(preconverted.validate(parsed, json.get(), false)), what);
    }
}
