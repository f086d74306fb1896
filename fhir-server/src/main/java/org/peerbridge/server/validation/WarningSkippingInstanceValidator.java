package org.peerbridge.server.validation;

import java.util.List;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.elementmodel.Element;
import org.hl7.fhir.r5.extensions.ExtensionDefinitions;
import org.hl7.fhir.r5.extensions.ExtensionUtilities;
import org.hl7.fhir.r5.fhirpath.IHostApplicationServices;
import org.hl7.fhir.r5.model.ElementDefinition.ConstraintSeverity;
import org.hl7.fhir.r5.model.ElementDefinition.ElementDefinitionConstraintComponent;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.validation.constants.BestPracticeWarningLevel;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManager;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.instance.InstanceValidator;
import org.hl7.fhir.validation.instance.utils.ValidationContext;

/**
 * An InstanceValidator that can leave out the invariants whose failure is never more than a warning
 * or a hint: best-practice ones (dom-6 on every resource) unless best practice is raised to errors,
 * and those of severity warning. A write keeps only errors, so evaluating them costs CPU and changes
 * no answer; dom-6 alone compares the whole resource with itself ({@code %rootResource != $this}).
 * $validate reports warnings, so it evaluates every invariant. The InstanceValidator decides an
 * invariant's severity in the same way after evaluating it (checkInvariant).
 */
final class WarningSkippingInstanceValidator extends InstanceValidator {

    private boolean skipWarningInvariants;

    WarningSkippingInstanceValidator(IWorkerContext context, IHostApplicationServices hostServices,
            XVerExtensionManager xverManager, ValidatorSession session, ValidatorSettings settings) {
        super(context, hostServices, xverManager, session, settings);
    }

    /** Whether the next validations leave out the invariants that can only warn (this validator's thread only). */
    void skipWarningInvariants(boolean skip) {
        this.skipWarningInvariants = skip;
    }

    @Override
    public boolean checkInvariant(ValidationContext valContext, List<ValidationMessage> errors, String path, StructureDefinition profile,
            Element resource, Element element, ElementDefinitionConstraintComponent invariant) throws FHIRException {
        if (skipWarningInvariants && !canFailAsError(invariant)) {
            return true;
        }
        return super.checkInvariant(valContext, errors, path, profile, resource, element, invariant);
    }

    private boolean canFailAsError(ElementDefinitionConstraintComponent invariant) {
        if (invariant.hasExtension(ExtensionDefinitions.EXT_BEST_PRACTICE)
                && Boolean.TRUE.equals(ExtensionUtilities.readBooleanExtension(invariant, ExtensionDefinitions.EXT_BEST_PRACTICE))) {
            return getBestPracticeWarningLevel() == BestPracticeWarningLevel.Error;
        }
        return invariant.getSeverity() == ConstraintSeverity.ERROR;
    }
}
