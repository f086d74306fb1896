package org.peerbridge.server.rest.openapi;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.StringType;
import org.peerbridge.server.search.SearchRequestParser;

/**
 * The query parameters of a type's search: each search parameter its CapabilityStatement entry lists, with
 * its documentation and how values of its type are written (docs/search.md), then paging, sorting and the
 * {@code _include}s and {@code _revinclude}s the entry lists.
 */
final class SearchParameters {

    private static final Map<SearchParamType, String> SYNTAX = Map.of(
            SearchParamType.TOKEN, "token: code, system|code or |code; :not, :missing",
            SearchParamType.STRING, "string: starts with, ignoring case and accents; :contains, :exact, :missing",
            SearchParamType.DATE, "date: a FHIR date or dateTime after a prefix eq, ne, gt, lt, ge, le, sa, eb or ap (ge2026-01-01)",
            SearchParamType.REFERENCE, "reference: Type/id; chain with .param; :missing");

    private SearchParameters() {
    }

    static List<Parameter> of(CapabilityStatementRestResourceComponent resource) {
        List<Parameter> parameters = new ArrayList<>();
        for (CapabilityStatementRestResourceSearchParamComponent param : resource.getSearchParam()) {
            parameters.add(new QueryParameter().name(param.getName()).schema(new StringSchema())
                    .description(param.getDocumentation() + " (" + SYNTAX.getOrDefault(param.getType(), param.getType().toCode())
                            + "). x,y is either; repeat the parameter for both"));
        }
        parameters.add(new QueryParameter().name("_count").description("Page size; 0 returns only the total")
                .schema(new IntegerSchema().minimum(BigDecimal.ZERO).maximum(BigDecimal.valueOf(SearchRequestParser.MAX_COUNT))
                        ._default(SearchRequestParser.DEFAULT_COUNT)));
        parameters.add(new QueryParameter().name("_sort").schema(new StringSchema())
                .description("Comma-separated parameter names (or _id, _lastUpdated); a leading - sorts descending"));
        addIncludes(parameters, "_include", "Also return the resources this reference parameter points at",
                resource.getSearchInclude().stream().map(StringType::getValue).toList());
        addIncludes(parameters, "_revinclude", "Also return the resources that point at the matches through this parameter",
                resource.getSearchRevInclude().stream().map(StringType::getValue).toList());
        return parameters;
    }

    /** One repeatable parameter whose values are the ones listed. */
    private static void addIncludes(List<Parameter> parameters, String name, String description, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        Schema<String> value = new StringSchema()._enum(values);
        parameters.add(new QueryParameter().name(name).description(description).explode(true)
                .schema(new ArraySchema().items(value)));
    }
}
