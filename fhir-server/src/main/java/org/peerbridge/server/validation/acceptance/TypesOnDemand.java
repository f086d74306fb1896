package org.peerbridge.server.validation.acceptance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The definitions the R4 FHIRPath engine sees: a type's structure when evaluating asks for it (is, as,
 * ofType on a supertype), never the list of all structures. The engine's constructor reads that list for
 * the type checking of expressions, which evaluation does not do; from the validator's definitions it
 * would parse every base structure in R4, in memory beside the R5 ones the validator reads.
 */
final class TypesOnDemand implements IValidationSupport {

    private final FhirContext fhirContext;
    private final IValidationSupport definitions;

    TypesOnDemand(FhirContext fhirContext, IValidationSupport definitions) {
        this.fhirContext = fhirContext;
        this.definitions = definitions;
    }

    @Override
    public FhirContext getFhirContext() {
        return fhirContext;
    }

    @Override
    public <T extends IBaseResource> List<T> fetchAllStructureDefinitions() {
        return List.of();
    }

    @Override
    public IBaseResource fetchStructureDefinition(String url) {
        return definitions.fetchStructureDefinition(url);
    }
}
