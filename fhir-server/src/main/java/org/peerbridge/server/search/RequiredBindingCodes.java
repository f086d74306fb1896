package org.peerbridge.server.search;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeChildPrimitiveEnumerationDatatypeDefinition;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.instance.model.api.IBaseEnumFactory;

/**
 * The codes a token search parameter can ever match when every element it indexes is a code with a
 * required binding (Task.status, Encounter.status): HAPI's R4 model types those elements as Java enums,
 * so their codes are known without a terminology server. A search for any other code is a typo that
 * would silently match nothing, so the parser refuses it and names the allowed codes.
 */
final class RequiredBindingCodes {

    private final FhirContext fhirContext;
    private final ConcurrentHashMap<SearchParamDef, Optional<Set<String>>> byParameter = new ConcurrentHashMap<>();

    RequiredBindingCodes(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /** The allowed codes, or empty when some indexed element is not a code with a required binding. */
    Optional<Set<String>> of(SearchParamDef parameter) {
        return byParameter.computeIfAbsent(parameter, this::load);
    }

    private Optional<Set<String>> load(SearchParamDef parameter) {
        Set<String> codes = new LinkedHashSet<>();
        for (String path : parameter.paths()) {
            Optional<Set<String>> ofPath = codesOf(path);
            if (ofPath.isEmpty()) {
                return Optional.empty();
            }
            codes.addAll(ofPath.get());
        }
        return codes.isEmpty() ? Optional.empty() : Optional.of(Collections.unmodifiableSet(codes));
    }

    /** Only direct elements of a resource ("Task.status"); anything deeper is not checked. */
    private Optional<Set<String>> codesOf(String path) {
        String[] parts = path.split("\\.");
        if (parts.length != 2 || !fhirContext.getResourceTypes().contains(parts[0])) {
            return Optional.empty();
        }
        BaseRuntimeChildDefinition child = fhirContext.getResourceDefinition(parts[0]).getChildByName(parts[1]);
        if (!(child instanceof RuntimeChildPrimitiveEnumerationDatatypeDefinition enumerated)
                || !(enumerated.getInstanceConstructorArguments() instanceof IBaseEnumFactory<?> factory)) {
            return Optional.empty();
        }
        return Optional.of(codes(enumerated.getBoundEnumType(), factory));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Set<String> codes(Class<? extends Enum<?>> type, IBaseEnumFactory factory) {
        Set<String> codes = new LinkedHashSet<>();
        for (Enum<?> constant : type.getEnumConstants()) {
            String code = factory.toCode(constant);
            if (code != null && !code.equals("?")) {
                codes.add(code);
            }
        }
        return codes;
    }
}
