package org.peerbridge.server.population;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.peerbridge.mapping.population.ProgramOutcomesConformance;
import org.peerbridge.mapping.population.Stratifier;
import org.peerbridge.server.refusal.Refusals;

/**
 * {@code GET|POST [base]/$program-outcomes}: the program's outcomes over the referrals the caller may see,
 * authored in the period, as a summary MeasureReport (docs/outcomes-reporting.md). Parameters are
 * periodStart and periodEnd (dates, inclusive) and stratifier (repeated, or comma-separated in a URL);
 * anything else is refused rather than ignored.
 */
public final class ProgramOutcomesOperation {

    public static final String NAME = "$program-outcomes";

    private static final Set<String> FORMAT_PARAMETERS = Set.of("_format", "_pretty");

    private final ProgramOutcomesReports reports;

    public ProgramOutcomesOperation(ProgramOutcomesReports reports) {
        this.reports = reports;
    }

    @Operation(name = NAME, idempotent = true)
    public MeasureReport programOutcomes(RequestDetails request) {
        Request asked = request.getResource() instanceof Parameters body ? fromBody(body) : fromUrl(request.getParameters());
        if (asked.start != null && asked.end != null && asked.end.isBefore(asked.start)) {
            throw Refusals.badRequest(IssueType.INVALID, asked.endLocation, "periodEnd is before periodStart");
        }
        return reports.report(asked.start, asked.end, asked.stratifiers);
    }

    /** What a request asks for, with where each value came from (for errors). */
    private static final class Request {
        LocalDate start;
        LocalDate end;
        String endLocation;
        final EnumSet<Stratifier> stratifiers = EnumSet.noneOf(Stratifier.class);

        void add(String name, String value, String location) {
            switch (name) {
                case ProgramOutcomesConformance.PERIOD_START -> start = date(value, location);
                case ProgramOutcomesConformance.PERIOD_END -> {
                    end = date(value, location);
                    endLocation = location;
                }
                case ProgramOutcomesConformance.STRATIFIER -> {
                    for (String code : value.split(",")) {
                        stratifiers.add(Stratifier.forCode(code.trim()).orElseThrow(() -> Refusals.badRequest(IssueType.CODEINVALID,
                                location, "Unknown stratifier '" + code.trim() + "'; known: service-type, delivery-mode,"
                                        + " referring-organization, age-band")));
                    }
                }
                default -> throw Refusals.badRequest(IssueType.NOTSUPPORTED, location,
                        NAME + " takes periodStart, periodEnd and stratifier; '" + name + "' is not one");
            }
        }

        private static LocalDate date(String value, String location) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw Refusals.badRequest(IssueType.INVALID, location, "'" + value + "' is not a date (YYYY-MM-DD)");
            }
        }
    }

    private static Request fromUrl(Map<String, String[]> parameters) {
        Request request = new Request();
        parameters.forEach((name, values) -> {
            if (!FORMAT_PARAMETERS.contains(name)) {
                for (String value : values) {
                    request.add(name, value, Refusals.HTTP_LOCATION + name);
                }
            }
        });
        return request;
    }

    private static Request fromBody(Parameters body) {
        Request request = new Request();
        List<ParametersParameterComponent> parameters = new ArrayList<>(body.getParameter());
        for (int i = 0; i < parameters.size(); i++) {
            ParametersParameterComponent parameter = parameters.get(i);
            String location = "Parameters.parameter[" + i + "]";
            if (!(parameter.getValue() instanceof PrimitiveType<?> value)) {
                throw Refusals.badRequest(IssueType.INVALID, location, "'" + parameter.getName() + "' needs a value[x] (date or code)");
            }
            request.add(parameter.getName(), value.getValueAsString(), location + ".value");
        }
        return request;
    }
}
