package org.peerbridge.server.validation;

import ca.uhn.fhir.context.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.common.hapi.validation.validator.FhirDefaultPolicyAdvisor;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.r5.elementmodel.Element;
import org.hl7.fhir.r5.elementmodel.JsonParser;
import org.hl7.fhir.r5.elementmodel.ParserBase;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManagerOld;
import org.hl7.fhir.utilities.json.model.JsonObject;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.utilities.validation.ValidationMessage.IssueSeverity;
import org.hl7.fhir.utilities.validation.ValidationMessage.IssueType;
import org.hl7.fhir.utilities.validation.ValidationMessage.Source;
import org.hl7.fhir.validation.ValidatorSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A few InstanceValidators, each used by one thread at a time and reused for many resources (as the
 * HL7 command-line validator does), each with the element parser that reads what it validates.
 * Building either costs more than validating a referral (the InstanceValidator tens of milliseconds;
 * the parser builds its own FHIRPath engine, which the validator's stream API would do per call);
 * validation is CPU-bound, so more validators than cores would only queue on the CPU anyway.
 */
final class InstanceValidatorPool {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceValidatorPool.class);

    /**
     * Validations after which a validator is dropped and a new one built: an InstanceValidator keeps
     * element trees and their location data of the resources it validated reachable after it returns
     * (about fifty elements a referral), so a validator reused for ever grows the heap without bound.
     * Rebuilding costs tens of milliseconds once per this many validations.
     */
    static final int USES_BEFORE_REBUILD = 200;

    private final WorkerContextValidationSupportAdapter worker;
    private final BlockingQueue<PooledValidator> idle;
    private final AtomicInteger created = new AtomicInteger();
    private final int size;

    InstanceValidatorPool(WorkerContextValidationSupportAdapter worker, int size) {
        this.worker = worker;
        this.size = size;
        this.idle = new ArrayBlockingQueue<>(size);
    }

    <T> T validate(Work<T> work) {
        PooledValidator validator = borrow();
        try {
            return work.run(validator);
        } catch (Exception e) {
            throw new IllegalStateException("Validation failed to run", e);
        } finally {
            giveBack(validator);
        }
    }

    private void giveBack(PooledValidator validator) {
        if (validator.countUse() < USES_BEFORE_REBUILD) {
            idle.offer(validator);
        } else {
            created.decrementAndGet();
        }
    }

    private PooledValidator borrow() {
        PooledValidator validator = idle.poll();
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
    private PooledValidator build() {
        try {
            WarningSkippingInstanceValidator validator = new WarningSkippingInstanceValidator(worker, new FhirInstanceValidator.NullEvaluationContext(),
                    new XVerExtensionManagerOld(worker), new ValidatorSession(), new ValidatorSettings());
            validator.setAnyExtensionsAllowed(true);
            validator.setResourceIdRule(IdStatus.OPTIONAL);
            validator.setPolicyAdvisor(new FhirDefaultPolicyAdvisor());
            validator.setUnknownCodeSystemsCauseErrors(true);
            validator.setAllowXsiLocation(true);
            return new PooledValidator(validator, elementParser(validator), new AtomicInteger());
        } catch (Exception e) {
            throw new ConfigurationException("Cannot build the FHIR validator: " + e.getMessage(), e);
        }
    }

    /** The parser InstanceValidator.validate(InputStream, ...) would make for JSON on every call. */
    private JsonParser elementParser(WarningSkippingInstanceValidator validator) {
        JsonParser parser = new JsonParser(worker);
        parser.setupValidation(ParserBase.ValidationPolicy.EVERYTHING);
        parser.setAllowComments(validator.isAllowComments());
        parser.setSignatureServices(validator.getSignatureServices());
        return parser;
    }

    /** One validator and its parser, lent to one thread at a time, with the number of times it was lent. */
    record PooledValidator(WarningSkippingInstanceValidator validator, JsonParser elementParser, AtomicInteger uses) {

        /** Counts one more use and returns the number of uses so far. */
        int countUse() {
            return uses.incrementAndGet();
        }

        /**
         * Parses {@code json} into the element tree and validates it; parse problems come first.
         * With {@code errorsOnly}, invariants that can only warn are not evaluated (see
         * {@link WarningSkippingInstanceValidator}); every other check runs either way.
         */
        List<ValidationMessage> validate(JsonObject json, List<StructureDefinition> profiles, boolean errorsOnly) {
            List<ValidationMessage> messages = new ArrayList<>();
            Element element;
            try {
                element = elementParser.parse(messages, json);
            } catch (RuntimeException unreadable) {
                // The element parser fails on some shapes HAPI's parser lets through (a repeating element's "_" list
                // given as an object): it read nothing but the body, so the body is refused, not the server failed.
                LOG.warn("The validator's parser could not read a request body", unreadable);
                messages.add(new ValidationMessage(Source.InstanceValidator, IssueType.STRUCTURE, json.asString("resourceType"),
                        "The JSON has a shape FHIR does not allow and could not be read for validation"
                                + " (for example the \"_\" list of a repeating element given as an object)", IssueSeverity.ERROR));
                return messages;
            }
            if (element != null) {
                validator.skipWarningInvariants(errorsOnly);
                validator.validate(null, messages, null, element, profiles);
            }
            return messages;
        }
    }

    /** Work done with one validator. */
    @FunctionalInterface
    interface Work<T> {
        T run(PooledValidator validator) throws Exception;
    }
}
