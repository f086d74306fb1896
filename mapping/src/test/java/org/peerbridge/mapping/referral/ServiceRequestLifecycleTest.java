package org.peerbridge.mapping.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peerbridge.mapping.rules.RuleViolation;

class ServiceRequestLifecycleTest {

    @ParameterizedTest(name = "{0} -> {1}: allowed={2}")
    @CsvSource({"active, on-hold, true", "on-hold, active, true", "active, revoked, true", "active, entered-in-error, true",
            "active, completed, false", "revoked, active, false", "completed, active, false", "draft, active, true"})
    void referrerMovesTheRequest(String from, String to, boolean allowed) {
        var violations = ServiceRequestLifecycle.checkChange(request(ServiceRequestStatus.fromCode(from), "Patient/1"),
                request(ServiceRequestStatus.fromCode(to), "Patient/1"));
        assertEquals(allowed, violations.isEmpty(), violations.toString());
    }

    @Test
    void referredPatientCannotChange() {
        var violations = ServiceRequestLifecycle.checkChange(request(ServiceRequestStatus.ACTIVE, "Patient/1"),
                request(ServiceRequestStatus.ACTIVE, "Patient/2"));
        assertEquals("ServiceRequest.subject", violations.get(0).expression());
        assertEquals(RuleViolation.Kind.INVALID, violations.get(0).kind());
    }

    @Test
    void taskOutcomesBringTheRequestToAFinalStatus() {
        assertEquals(ServiceRequestStatus.COMPLETED, ServiceRequestLifecycle.statusForTask(TaskStatus.COMPLETED).orElseThrow());
        assertEquals(ServiceRequestStatus.REVOKED, ServiceRequestLifecycle.statusForTask(TaskStatus.REJECTED).orElseThrow());
        assertEquals(ServiceRequestStatus.REVOKED, ServiceRequestLifecycle.statusForTask(TaskStatus.CANCELLED).orElseThrow());
        assertTrue(ServiceRequestLifecycle.statusForTask(TaskStatus.INPROGRESS).isEmpty());
        assertEquals(TaskStatus.CANCELLED, ServiceRequestLifecycle.taskStatusFor(ServiceRequestStatus.REVOKED).orElseThrow());
        assertTrue(ServiceRequestLifecycle.taskStatusFor(ServiceRequestStatus.ONHOLD).isEmpty());
    }

    private static ServiceRequest request(ServiceRequestStatus status, String subject) {
        ServiceRequest request = new ServiceRequest();
        request.setStatus(status);
        request.setSubject(new Reference(subject));
        return request;
    }
}
