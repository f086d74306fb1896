package org.peerbridge.server.report;

import ca.uhn.fhir.model.valueset.BundleTypeEnum;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.peerbridge.server.refusal.Refusals;
import org.peerbridge.server.search.InstantParameter;
import org.peerbridge.server.search.PatientCompartment;
import org.peerbridge.server.search.SearchParameterRegistry;
import org.peerbridge.server.search.SearchRequestParser;
import org.peerbridge.server.search.SearchService;
import org.peerbridge.server.storage.ReadScope;
import org.peerbridge.server.storage.ResourceStore;

/**
 * {@code GET|POST Patient/[id]/$everything}: the patient and everything of theirs the caller may see, in
 * pages (docs/reports.md). Supports {@code _since}, {@code _type}, {@code _count} and the {@code _offset}
 * of next links; {@code start} and {@code end} (care dates) are refused rather than ignored.
 */
public final class PatientEverythingOperation {

    public static final String NAME = "$everything";

    private static final Set<String> FORMAT_PARAMETERS = Set.of("_format", "_pretty", "_summary", "_elements");

    private final ResourceStore store;
    private final PatientCompartment compartment;
    private final List<String> compartmentTypes;

    public PatientEverythingOperation(ResourceStore store, PatientCompartment compartment, SearchParameterRegistry registry,
                                      List<String> servedTypes) {
        this.store = store;
        this.compartment = compartment;
        this.compartmentTypes = PatientCompartment.types(registry, servedTypes);
    }

    @Operation(name = NAME, idempotent = true, type = Patient.class, bundleType = BundleTypeEnum.SEARCHSET)
    public Bundle everything(@IdParam IdType id, RequestDetails request) {
        Map<String, String[]> parameters = request.getParameters();
        if (request.getResource() instanceof Parameters body && body.hasParameter()) {
            throw Refusals.badRequest(IssueType.NOTSUPPORTED, "Parameters.parameter[0]",
                    "Give the parameters of " + NAME + " in the URL; '" + body.getParameterFirstRep().getName() + "' was in the body");
        }
        Long since = null;
        List<String> types = visibleTypes();
        int count = SearchRequestParser.DEFAULT_COUNT;
        int offset = 0;
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            String value = parameter.getValue()[parameter.getValue().length - 1];
            switch (name) {
                case "_since" -> since = InstantParameter.parse(name, value, Refusals.HTTP_LOCATION + name);
                case "_type" -> types = types(value, types);
                case "_count" -> count = integer(name, value, SearchRequestParser.MAX_COUNT);
                case "_offset" -> offset = integer(name, value, Integer.MAX_VALUE);
                case "start", "end" -> throw Refusals.badRequest(IssueType.NOTSUPPORTED, Refusals.HTTP_LOCATION + name,
                        NAME + " does not support '" + name + "' (care dates); use _since for changes or search each type by date");
                default -> {
                    if (!FORMAT_PARAMETERS.contains(name)) {
                        throw Refusals.badRequest(IssueType.NOTSUPPORTED, Refusals.HTTP_LOCATION + name,
                                "Unknown " + NAME + " parameter '" + name + "'; supported: _since, _type, _count");
                    }
                }
            }
        }
        String patientId = id.getIdPart();
        if (store.current("Patient", patientId).filter(row -> !row.deleted()).isEmpty()) {
            throw Refusals.notFound("Patient", patientId); // also when the patient is not the caller's to see
        }
        PatientCompartment.Request page = new PatientCompartment.Request(patientId, types, since, count, offset);
        SearchService.SearchResult result = store.read(c -> compartment.page(c, page));
        return OffsetPage.searchset(request.getFhirServerBase(), "Patient/" + patientId + "/" + NAME, parameters,
                result.total(), result.matches(), count, offset);
    }

    /** The compartment's types the caller's scopes let it read. */
    private List<String> visibleTypes() {
        ReadScope scope = ReadScope.current();
        return compartmentTypes.stream().filter(scope::canReadType).toList();
    }

    private List<String> types(String value, List<String> visible) {
        List<String> asked = Arrays.stream(value.split(",")).map(String::trim).toList();
        for (String type : asked) {
            if (!compartmentTypes.contains(type)) {
                throw Refusals.badRequest(IssueType.NOTSUPPORTED, Refusals.HTTP_LOCATION + "_type",
                        "'" + type + "' is not a type of the patient's record; supported: " + String.join(", ", compartmentTypes));
            }
        }
        List<String> narrowed = visible.stream().filter(asked::contains).toList();
        if (narrowed.isEmpty()) {
            throw Refusals.forbidden("This token may read none of the types asked for: " + value);
        }
        return narrowed;
    }

    private static int integer(String name, String value, int max) {
        try {
            int number = Integer.parseInt(value);
            if (number >= 0 && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw Refusals.badRequest(IssueType.INVALID, Refusals.HTTP_LOCATION + name, name + " must be a whole number from 0 to " + max
                + "; '" + value + "' is not");
    }
}
