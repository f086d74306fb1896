package org.peerbridge.server.validation.acceptance;

import org.hl7.fhir.r4.fhirpath.ExpressionNode;

/** An invariant of error severity, its FHIRPath expression parsed once. */
record Invariant(String key, ExpressionNode expression) {
}
