package org.peerbridge.server.rest.openapi;

import ca.uhn.fhir.rest.server.ResourceBinding;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.method.BaseMethodBinding;
import ca.uhn.fhir.rest.server.method.OperationMethodBinding;
import ca.uhn.fhir.rest.server.method.OperationParameter;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationDefinition.OperationDefinitionParameterComponent;
import org.hl7.fhir.r4.model.OperationDefinition.OperationParameterUse;

/**
 * What the CapabilityStatement does not say about an operation, taken from where the server defines it:
 * HAPI's binding of the provider method says at which levels it runs and whether GET may call it; the
 * OperationDefinition the server publishes, when it has one, says what it takes and returns (operations that
 * read their own parameters declare none to HAPI, so their published definition is what states them).
 */
final class OperationShapes {

    private final Map<String, OperationMethodBinding> bindings = new HashMap<>();
    private final Map<String, OperationDefinition> definitions = new HashMap<>();

    /** @param server an initialised RestfulServer (its bindings are made when its servlet starts) */
    OperationShapes(RestfulServer server, Collection<OperationDefinition> published) {
        for (ResourceBinding resource : server.getResourceBindings()) {
            resource.getMethodBindings().forEach(method -> keep(resource.getResourceName(), method));
        }
        server.getServerBindings().forEach(method -> keep(null, method));
        published.forEach(definition -> definitions.put(definition.getUrl(), definition));
    }

    private void keep(String type, BaseMethodBinding method) {
        if (method instanceof OperationMethodBinding operation) {
            bindings.put(key(type, operation.getName()), operation);
        }
    }

    private static String key(String type, String name) {
        return (type == null ? "" : type) + "/" + (name.startsWith("$") ? name : "$" + name);
    }

    /**
     * The operation {@code name} on {@code type} (null: on the server) as bound, described by the definition
     * at {@code definitionUrl} when the server publishes it.
     *
     * @throws IllegalStateException when no provider runs it: the CapabilityStatement would promise too much
     */
    OperationShape find(String type, String name, String definitionUrl) {
        OperationMethodBinding binding = bindings.get(key(type, name));
        if (binding == null) {
            throw new IllegalStateException("The CapabilityStatement lists " + key(type, name) + " but no provider runs it");
        }
        Optional<OperationDefinition> definition = Optional.ofNullable(definitions.get(definitionUrl));
        return new OperationShape(name, binding.isCanOperateAtInstanceLevel(), binding.isCanOperateAtTypeLevel(),
                binding.isCanOperateAtServerLevel(), binding.isIdempotent(),
                definition.map(OperationDefinition::getTitle).orElse(blankAsNull(binding.getShortDescription())),
                definition.map(OperationDefinition::getDescription).orElse(blankAsNull(binding.getDescription())),
                definition.map(OperationShapes::inputs).orElseGet(() -> inputs(binding)),
                definition.flatMap(OperationShapes::output).orElse(null));
    }

    /** HAPI gives "" for a method without a description. */
    private static String blankAsNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static List<OperationShape.Input> inputs(OperationDefinition definition) {
        return definition.getParameter().stream().filter(p -> p.getUse() == OperationParameterUse.IN)
                .map(p -> new OperationShape.Input(p.getName(), p.getType(), p.getMin(), !"1".equals(p.getMax()), p.getDocumentation()))
                .toList();
    }

    private static Optional<String> output(OperationDefinition definition) {
        return definition.getParameter().stream().filter(p -> p.getUse() == OperationParameterUse.OUT && "return".equals(p.getName()))
                .map(OperationDefinitionParameterComponent::getType).findFirst();
    }

    private static List<OperationShape.Input> inputs(OperationMethodBinding binding) {
        return binding.getParameters().stream().filter(OperationParameter.class::isInstance).map(OperationParameter.class::cast)
                .map(p -> new OperationShape.Input(p.getName(), p.getParamType(), Math.max(p.getMin(), 0), p.getMax() != 1,
                        p.getDescription()))
                .toList();
    }
}
