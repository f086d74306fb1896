package org.peerbridge.server.rest.openapi;

import java.util.List;

/**
 * One FHIR operation as this server runs it: where it can be called (on an instance, on its type, on the
 * whole server), whether GET may call it, what it is for, what it takes and what it returns.
 *
 * @param output the FHIR type of its {@code return} parameter, or null when nothing states it
 */
record OperationShape(String name, boolean instance, boolean type, boolean system, boolean idempotent, String title, String description,
        List<Input> inputs, String output) {

    /** An input parameter: its name, FHIR type (null when the server does not state it), cardinality and meaning. */
    record Input(String name, String fhirType, int min, boolean repeats, String documentation) {

        /** FHIR's primitive types are the lower-case ones: only those can be given in the URL. */
        boolean primitive() {
            return fhirType != null && Character.isLowerCase(fhirType.charAt(0));
        }
    }
}
