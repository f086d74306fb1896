package org.peerbridge.server.validation;

import ca.uhn.fhir.context.ConfigurationException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.common.hapi.validation.validator.FhirDefaultPolicyAdvisor;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManagerOld;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.instance.InstanceValidator;

/**
 * A few InstanceValidators, each used by one thread at a time and reused for many resources (as the
 * HL7 command-line validator does). Building one costs tens of milliseconds, validating a referral a
 * few; validation is CPU-bound, so more validators than cores would only queue on the CPU anyway.
 */
final class InstanceValidatorPool {

    private final WorkerContextValidationSupportAdapter worker;
    private final BlockingQueue<InstanceValidator> idle;
    private final AtomicInteger created = new AtomicInteger();
    private final int size;

    InstanceValidatorPool(WorkerContextValidationSupportAdapter worker, int size) {
        this.worker = worker;
        this.size = size;
        this.idle = new ArrayBlockingQueue<>(size);
    }

    <T> T validate(Work<T> work) {
        InstanceValidator validator = borrow();
        try {
            return work.run(validator);
        } catch (Exception e) {
            throw new IllegalStateException("Validation failed to run", e);
        } finally {
            idle.offer(validator);
        }
    }

    private InstanceValidator borrow() {
        InstanceValidator validator = idle.poll();
        if (validator != null) {
            return validator;
        }
        if (created.incrementAndGet() <= size) {
            return build();
        }
        created.decrementAndGet();
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a validator", e);
        }
    }

    /** The same settings HAPI's FhirInstanceValidator applies, with any extension allowed. */
    private InstanceValidator build() {
        try {
            InstanceValidator validator = new InstanceValidator(worker, new FhirInstanceValidator.NullEvaluationContext(),
                    new XVerExtensionManagerOld(worker), new ValidatorSession(), new ValidatorSettings());
            validator.setAnyExtensionsAllowed(true);
            validator.setResourceIdRule(IdStatus.OPTIONAL);
            validator.setPolicyAdvisor(new FhirDefaultPolicyAdvisor());
            validator.setUnknownCodeSystemsCauseErrors(true);
            validator.setAllowXsiLocation(true);
            return validator;
        } catch (Exception e) {
            throw new ConfigurationException("Cannot build the FHIR validator: " + e.getMessage(), e);
        }
    }

    /** Work done with one validator. */
    @FunctionalInterface
    interface Work<T> {
        T run(InstanceValidator validator) throws Exception;
    }
}
