package org.peerbridge.server.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.PublishedResources;
import org.peerbridge.mapping.outcome.QuestionnaireCatalogue;
import org.peerbridge.server.support.RunnableJar;

/**
 * The validator in the runnable jar answers $validate exactly as the one on the test class path, for every fixture
 * resource. The build leaves out of the jar the parts of the validator's libraries a validation never reaches (most of
 * the DSTU3 model among them, docs/architecture.md); a class it needs after all fails here, or changes an answer.
 */
class ValidationFromTheJarIT {

    private static final Map<String, String> PROFILES = PublishedResources.PROFILE_BY_TYPE;

    private static RunnableJar jar;
    private static FhirContext fhir;
    private static ResourceValidator onTheClassPath;
    private static JarValidator inTheJar;

    @BeforeAll
    static void loadBothValidators() throws Exception {
        fhir = FhirContext.forR4();
        List<IBaseResource> definitions = PublishedResources.definitions(fhir, QuestionnaireCatalogue.load(fhir));
        onTheClassPath = new ResourceValidator(fhir, definitions, PROFILES, Duration.ofMinutes(10), () -> "test");
        jar = RunnableJar.open();
        inTheJar = jar.call(JarValidator::new);
    }

    @AfterAll
    static void closeJar() throws IOException {
        jar.close();
    }

    @Test
    void everyFixtureGetsTheSameOutcomeFromTheJar() throws IOException {
        int checked = FixtureResources.checkEach(fhir, (parsed, json, what) -> assertSameOutcome(parsed, what));
        assertTrue(checked > 50, "only " + checked + " fixture resources found");
    }

    private static void assertSameOutcome(Resource parsed, String what) {
        String resource = fhir.newJsonParser().encodeResourceToString(parsed);
        String expected = fhir.newJsonParser().encodeResourceToString(
                onTheClassPath.validationOutcome((Resource) fhir.newJsonParser().parseResource(resource), null));
        try {
            assertEquals(expected, jar.call(() -> inTheJar.outcome(resource)), what);
        } catch (Exception e) {
            throw new AssertionError(what + ": " + e, e);
        }
    }

    /** The same validator built from the jar's own classes, called by reflection with JSON in and out. */
    private static final class JarValidator {
        private final Object fhirContext;
        private final Object validator;
        private final Method validationOutcome;

        JarValidator() throws Exception {
            Class<?> contextType = jar.load(FhirContext.class);
            fhirContext = contextType.getMethod("forR4").invoke(null);
            Object questionnaires = jar.load(QuestionnaireCatalogue.class).getMethod("load", contextType).invoke(null, fhirContext);
            Object definitions = jar.load(PublishedResources.class).getMethod("definitions", contextType, jar.load(QuestionnaireCatalogue.class))
                    .invoke(null, fhirContext, questionnaires);
            Class<?> validatorType = jar.load(ResourceValidator.class);
            validator = validatorType.getConstructor(contextType, List.class, Map.class, Duration.class, Supplier.class)
                    .newInstance(fhirContext, definitions, PROFILES, Duration.ofMinutes(10), (Supplier<String>) () -> "test");
            validationOutcome = validatorType.getMethod("validationOutcome", jar.load(Resource.class), String.class);
        }

        String outcome(String resource) throws Exception {
            Object parser = fhirContext.getClass().getMethod("newJsonParser").invoke(fhirContext);
            Method parse = parser.getClass().getMethod("parseResource", String.class);
            Method encode = parser.getClass().getMethod("encodeResourceToString", jar.load(IBaseResource.class));
            Object outcome = validationOutcome.invoke(validator, parse.invoke(parser, resource), null);
            return (String) encode.invoke(parser, outcome);
        }
    }
}
