package org.peerbridge.server.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.BaseValidationSupportWrapper;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Lists only the base types and resources as "all StructureDefinitions". The validator converts
 * that whole list to its internal model before the first validation; the core package's hundreds of
 * extension and profile definitions would make that take many seconds. They stay available by URL,
 * so an instance that names one is still validated against it.
 */
final class BaseDefinitionsOnly extends BaseValidationSupportWrapper {

    BaseDefinitionsOnly(FhirContext fhirContext, IValidationSupport core) {
        super(fhirContext, core);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends IBaseResource> List<T> fetchAllStructureDefinitions() {
        List<T> all = super.fetchAllStructureDefinitions();
        return all == null ? null : (List<T>) all.stream()
                .filter(sd -> ((StructureDefinition) sd).getDerivation() != StructureDefinition.TypeDerivationRule.CONSTRAINT)
                .toList();
    }

    @Override
    public String getName() {
        return "PeerBridge base definitions";
    }
}
