package org.peerbridge.server.validation.acceptance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;
import org.hl7.fhir.r5.extensions.ExtensionDefinitions;
import org.hl7.fhir.r5.model.CanonicalType;
import org.hl7.fhir.r5.model.ElementDefinition;
import org.hl7.fhir.r5.model.ElementDefinition.ConstraintSeverity;
import org.hl7.fhir.r5.model.ElementDefinition.ElementDefinitionConstraintComponent;
import org.hl7.fhir.r5.model.ElementDefinition.TypeRefComponent;
import org.hl7.fhir.r5.model.Extension;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.validation.instance.utils.FHIRPathExpressionFixer;

/**
 * Compiles the snapshots the validator itself reads (the same R5 StructureDefinitions) into
 * {@link ElementModel}s: for each element, its children by JSON name, their cardinality, types and
 * invariants. Built once per structure and kept; every element model is shared by all validations.
 */
final class CompiledModels {

    private static final String CORE = "http://hl7.org/fhir/StructureDefinition/";

    /** Extensions of an element definition that change nothing the validator checks of an instance. */
    private static final Set<String> DESCRIPTIVE_EXTENSIONS = Set.of(
            "http://hl7.org/fhir/StructureDefinition/structuredefinition-standards-status",
            "http://hl7.org/fhir/StructureDefinition/structuredefinition-display-hint",
            "http://hl7.org/fhir/StructureDefinition/elementdefinition-translatable",
            "http://hl7.org/fhir/StructureDefinition/structuredefinition-explicit-type-name",
            "http://hl7.org/fhir/StructureDefinition/elementdefinition-isCommonBinding",
            "http://hl7.org/fhir/StructureDefinition/structuredefinition-normative-version");

    /** Invariants the walk itself enforces: ele-1 (no empty element), ext-1 (it accepts no extension). */
    private static final Set<String> ENFORCED_BY_THE_WALK = Set.of("ele-1", "ext-1");

    private final Function<String, StructureDefinition> structures;
    private final FHIRPathEngine fhirPath;
    private final Map<String, ElementModel> byStructureAndPath = new ConcurrentHashMap<>();
    /** Each root by URL, once: a walk asks for a data type's root at every element of that type. */
    private final Map<String, Optional<ElementModel>> roots = new ConcurrentHashMap<>();

    /**
     * @param structures the validator's StructureDefinition for a canonical URL, with its snapshot; null if unknown
     * @param fhirPath   parses the invariants
     */
    CompiledModels(Function<String, StructureDefinition> structures, FHIRPathEngine fhirPath) {
        this.structures = structures;
        this.fhirPath = fhirPath;
    }

    /** The model of a resource (or data type) root, by its StructureDefinition's URL; null if unknown. */
    ElementModel root(String url) {
        return roots.computeIfAbsent(url, known -> {
            StructureDefinition structure = structures.apply(known);
            if (structure == null || !structure.hasSnapshot()) {
                return Optional.empty();
            }
            return Optional.of(model(structure, structure.getSnapshot().getElementFirstRep().getPath(), true));
        }).orElse(null);
    }

    private ElementModel model(StructureDefinition structure, String path, boolean root) {
        return byStructureAndPath.computeIfAbsent(structure.getUrl() + "#" + path, key -> compile(structure, path, root));
    }

    private ElementModel compile(StructureDefinition structure, String path, boolean root) {
        List<ElementDefinition> elements = structure.getSnapshot().getElement();
        Map<String, ChildRule> byJsonName = new LinkedHashMap<>();
        List<ChildRule> required = new ArrayList<>();
        Set<String> sliced = new HashSet<>();
        for (ElementDefinition element : elements) {
            if (element.hasSliceName()) {
                sliced.add(element.getPath());
            }
        }
        List<Invariant> own = List.of();
        for (ElementDefinition element : elements) {
            if (element.getPath().equals(path) && !element.hasSliceName()) {
                own = root ? invariants(element) : List.of();
            }
            if (!isChild(element.getPath(), path) || element.hasSliceName()) {
                continue;
            }
            boolean checkable = isCheckable(element) && !sliced.contains(element.getPath());
            String name = element.getPath().substring(path.length() + 1);
            List<Invariant> invariants = checkable ? invariants(element) : List.of();
            checkable &= invariants != null;
            for (TypeRefComponent type : element.getType()) {
                ChildRule rule = rule(structure, element, type, checkable, invariants == null ? List.of() : invariants);
                byJsonName.put(jsonName(name, type.getWorkingCode()), rule);
                if (rule.min() > 0 && element.getType().size() == 1) {
                    required.add(rule);
                }
            }
            if (element.getMin() > 0 && element.getType().size() > 1) {
                required.add(byJsonName.get(jsonName(name, element.getType().get(0).getWorkingCode())));
            }
        }
        return new ElementModel(Map.copyOf(byJsonName), List.copyOf(required), own == null ? List.of() : own, own != null);
    }

    private ChildRule rule(StructureDefinition structure, ElementDefinition element, TypeRefComponent type, boolean checkable,
            List<Invariant> invariants) {
        String code = type.getWorkingCode();
        Set<String> targets = targetTypes(type);
        boolean typeCheckable = checkable && targets != null && (!type.hasProfile() || isQuantityProfile(type)) && !code.contains(":")
                && !"Resource".equals(code) && !"Extension".equals(code) && !"Narrative".equals(code);
        Supplier<ElementModel> model = null;
        boolean inline = "BackboneElement".equals(code) || "Element".equals(code);
        if (!inline && hasChildren(structure, element.getPath())) {
            typeCheckable = false; // a profile constraining inside a data type: its rules and the type's would both apply
        }
        if (inline) {
            model = () -> model(structure, element.getPath(), false);
        } else if (!code.isEmpty() && Character.isUpperCase(code.charAt(0))) {
            model = () -> root(CORE + code);
        }
        return new ChildRule(structure.getUrl() + "#" + element.getPath(), code, element.getMin(), max(element.getMax()), max(element.getBase().getMax()) > 1,
                typeCheckable, element.hasBinding(), targets == null ? Set.of() : targets, invariants, model);
    }

    /**
     * A Quantity profiled as SimpleQuantity or the like: what the profile restricts (the comparator) is part of the
     * unit FastAcceptance knows as a coded value, and the validator judged that with the profile.
     */
    private static boolean isQuantityProfile(TypeRefComponent type) {
        return "Quantity".equals(type.getWorkingCode());
    }

    private static boolean isCheckable(ElementDefinition element) {
        if (element.hasSlicing() || element.hasFixed() || element.hasPattern() || element.hasMinValue() || element.hasMaxValue()
                || element.hasMaxLength() || element.hasContentReference() || element.hasMustHaveValue() || element.hasValueAlternatives()) {
            return false;
        }
        for (Extension extension : element.getExtension()) {
            if (!DESCRIPTIVE_EXTENSIONS.contains(extension.getUrl())) {
                return false;
            }
        }
        return true;
    }

    /** The invariants that can fail as errors, parsed; null when one cannot be evaluated here (the element is then not checkable). */
    private List<Invariant> invariants(ElementDefinition element) {
        List<Invariant> invariants = new ArrayList<>();
        for (ElementDefinitionConstraintComponent constraint : element.getConstraint()) {
            if (constraint.getSeverity() != ConstraintSeverity.ERROR || isBestPractice(constraint)
                    || ENFORCED_BY_THE_WALK.contains(constraint.getKey())) {
                continue;
            }
            String expression = FHIRPathExpressionFixer.fixExpr(constraint.getExpression(), constraint.getKey(), "4.0.1");
            if (!EvaluableHere.expression(expression)) {
                return null;
            }
            try {
                invariants.add(new Invariant(constraint.getKey(), fhirPath.parse(expression)));
            } catch (RuntimeException unparsable) {
                return null;
            }
        }
        return List.copyOf(invariants);
    }

    private static boolean isBestPractice(ElementDefinitionConstraintComponent constraint) {
        return constraint.hasExtension(ExtensionDefinitions.EXT_BEST_PRACTICE);
    }

    private static boolean hasChildren(StructureDefinition structure, String path) {
        for (ElementDefinition element : structure.getSnapshot().getElement()) {
            if (element.getPath().startsWith(path + ".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isChild(String candidate, String parent) {
        return candidate.startsWith(parent) && candidate.length() > parent.length() + 1 && candidate.charAt(parent.length()) == '.'
                && candidate.indexOf('.', parent.length() + 1) < 0;
    }

    /** A choice element's JSON name carries its type: value[x] as valueQuantity, valueString. */
    private static String jsonName(String name, String type) {
        if (!name.endsWith("[x]")) {
            return name;
        }
        String stem = name.substring(0, name.length() - 3);
        return stem + Character.toUpperCase(type.charAt(0)) + type.substring(1);
    }

    private static int max(String max) {
        return max == null || max.isEmpty() || "*".equals(max) ? Integer.MAX_VALUE : Integer.parseInt(max);
    }

    /** The core resource types a Reference may point to; empty for any; null when a target is a profile (not checked here). */
    private static Set<String> targetTypes(TypeRefComponent type) {
        if (!"Reference".equals(type.getWorkingCode())) {
            return Set.of();
        }
        Set<String> types = new HashSet<>();
        for (CanonicalType target : type.getTargetProfile()) {
            String url = target.getValue();
            if (url == null || !url.startsWith(CORE) || url.indexOf('/', CORE.length()) >= 0) {
                return null;
            }
            String name = url.substring(CORE.length());
            if ("Resource".equals(name)) {
                return Set.of();
            }
            types.add(name);
        }
        return Set.copyOf(types);
    }
}
