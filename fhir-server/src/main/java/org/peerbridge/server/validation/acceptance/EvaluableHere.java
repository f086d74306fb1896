package org.peerbridge.server.validation.acceptance;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which invariant expressions the fast path evaluates itself: those that read only the resource. An
 * expression that asks a terminology or resolves a reference or a profile, or names an environment
 * variable other than the resource and the code system URLs the engine knows (%ucum, %sct, %loinc), is
 * left to the HL7 validator, which has those services.
 */
final class EvaluableHere {

    private static final Pattern SERVICES = Pattern.compile("memberOf|conformsTo|resolve\\(|htmlChecks|extension\\(|subsumes|%(?!resource\\b|rootResource\\b|ucum\\b|sct\\b|loinc\\b)");

    private EvaluableHere() {
    }

    static boolean expression(String expression) {
        Matcher services = SERVICES.matcher(expression);
        return !services.find();
    }
}
