package org.peerbridge.server.bulk;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.peerbridge.server.refusal.Refusals;
import org.peerbridge.server.search.InstantParameter;

/**
 * A kick-off's parameters (Bulk Data IG STU2), from the URL of a GET or the Parameters body of a POST:
 * {@code _outputFormat} (NDJSON only), {@code _since}, {@code _type} and {@code _typeFilter} (repeated or
 * comma-separated), and {@code patient} (POST only, Patient and Group level). Anything else, the IG's
 * optional {@code _elements} and {@code includeAssociatedData} included, is refused with 400 at its
 * location rather than ignored: a client must not receive more than it asked for.
 */
final class KickOffParameters {

    static final Set<String> OUTPUT_FORMATS = Set.of("application/fhir+ndjson", "application/ndjson", "ndjson");
    private static final Set<String> FORMAT_PARAMETERS = Set.of("_format", "_pretty");
    /** A comma starts a new _typeFilter only before the next one's type: queries may hold commas of their own. */
    private static final String TYPE_FILTER_SEPARATOR = ",(?=[A-Z][A-Za-z]*\\?)";

    /** A value and where it was given. */
    record Located(String value, String location) { }

    private Long since;
    private final List<Located> types = new ArrayList<>();
    private final List<TypeFilters.Located> typeFilters = new ArrayList<>();
    private List<Located> patients;

    private KickOffParameters() {
    }

    static KickOffParameters read(RequestDetails request, ExportLevel level) {
        KickOffParameters read = new KickOffParameters();
        if (request.getResource() instanceof Parameters body) {
            List<ParametersParameterComponent> parameters = body.getParameter();
            for (int i = 0; i < parameters.size(); i++) {
                read.addFromBody(parameters.get(i), "Parameters.parameter[" + i + "]", level);
            }
        } else {
            for (Map.Entry<String, String[]> parameter : request.getParameters().entrySet()) {
                for (String value : parameter.getValue()) {
                    read.add(parameter.getKey(), value, Refusals.HTTP_LOCATION + parameter.getKey());
                }
            }
        }
        return read;
    }

    /** _since, or null. */
    Long since() {
        return since;
    }

    /** The _type values one by one; empty when none was given. */
    List<Located> types() {
        return types;
    }

    List<TypeFilters.Located> typeFilters() {
        return typeFilters;
    }

    /** The patient references given; null when the parameter was not given. */
    List<Located> patients() {
        return patients;
    }

    private void addFromBody(ParametersParameterComponent parameter, String location, ExportLevel level) {
        if ("patient".equals(parameter.getName())) {
            if (level == ExportLevel.SYSTEM) {
                throw Refusals.badRequest(IssueType.NOTSUPPORTED, location, "patient applies to Patient- and Group-level exports only");
            }
            if (!(parameter.getValue() instanceof Reference reference) || !reference.hasReference()) {
                throw Refusals.badRequest(IssueType.INVALID, location, "patient needs a valueReference such as {\"reference\": \"Patient/123\"}");
            }
            if (patients == null) {
                patients = new ArrayList<>();
            }
            patients.add(new Located(reference.getReference(), location + ".valueReference"));
            return;
        }
        if (!(parameter.getValue() instanceof PrimitiveType<?> value) || !value.hasValue()) {
            throw Refusals.badRequest(IssueType.INVALID, location, "'" + parameter.getName() + "' needs a value[x] (string, instant or code)");
        }
        add(parameter.getName(), value.getValueAsString(), location + ".value");
    }

    private void add(String name, String value, String location) {
        switch (name) {
            case "_outputFormat" -> {
                if (!OUTPUT_FORMATS.contains(value)) {
                    throw Refusals.badRequest(IssueType.NOTSUPPORTED, location, "_outputFormat '" + value + "' is not offered; the files are"
                            + " NDJSON (application/fhir+ndjson, application/ndjson or ndjson)");
                }
            }
            case "_since" -> {
                if (since != null) {
                    throw Refusals.badRequest(IssueType.INVALID, location, "_since may be given once");
                }
                since = InstantParameter.parse(name, value, location);
            }
            case "_type" -> {
                for (String type : value.split(",")) {
                    types.add(new Located(type.trim(), location));
                }
            }
            case "_typeFilter" -> {
                for (String filter : value.split(TYPE_FILTER_SEPARATOR)) {
                    typeFilters.add(new TypeFilters.Located(filter.trim(), location));
                }
            }
            case "patient" -> throw Refusals.badRequest(IssueType.NOTSUPPORTED, location,
                    "patient is given in a POST body (Parameters with valueReference), as the Bulk Data IG says");
            case "_elements", "includeAssociatedData" -> throw Refusals.badRequest(IssueType.NOTSUPPORTED, location,
                    name + " is not supported; leave it out to receive whole resources");
            default -> {
                if (!FORMAT_PARAMETERS.contains(name)) {
                    throw Refusals.badRequest(IssueType.NOTSUPPORTED, location, "Unknown $export parameter '" + name
                            + "'; supported: _outputFormat, _since, _type, _typeFilter, patient (POST)");
                }
            }
        }
    }
}
