package org.peerbridge.server.validation;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.validation.InstanceValidatorPool.PooledValidator;

/** A pooled validator is replaced after its last use, so what it retains cannot grow without bound. */
class InstanceValidatorPoolTest {

    @Test
    void lendsOneValidatorForItsUsesThenANewOne() {
        FhirContext fhir = FhirContext.forR4Cached();
        InstanceValidatorPool pool = new InstanceValidatorPool(
                WorkerContextValidationSupportAdapter.newVersionSpecificWorkerContextWrapper(new DefaultProfileValidationSupport(fhir)), 1);

        PooledValidator first = pool.validate(lent -> lent);
        for (int use = 2; use <= InstanceValidatorPool.USES_BEFORE_REBUILD; use++) {
            assertSame(first, pool.validate(lent -> lent));
        }
        assertNotSame(first, pool.validate(lent -> lent));
    }
}
