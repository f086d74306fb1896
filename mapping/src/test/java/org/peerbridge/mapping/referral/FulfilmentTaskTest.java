package org.peerbridge.mapping.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Date;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

class FulfilmentTaskTest {

    @Test
    void followsTheSdohClinicalCareFulfilmentTaskPattern() {
        ServiceRequest referral = new ServiceRequest();
        referral.setSubject(new Reference("Patient/p1"));
        referral.setRequester(new Reference("PractitionerRole/r1"));
        referral.setPriority(ServiceRequest.ServiceRequestPriority.URGENT);
        Date now = new Date();

        Task task = FulfilmentTask.forReferral(referral, "ServiceRequest/s1", "Organization/program", now);

        assertEquals(Task.TaskStatus.REQUESTED, task.getStatus());
        assertEquals(Task.TaskIntent.ORDER, task.getIntent());
        assertTrue(FulfilmentTask.isFulfilment(task));
        assertEquals("ServiceRequest/s1", task.getFocus().getReference());
        assertEquals("Patient/p1", task.getFor().getReference());
        assertEquals("PractitionerRole/r1", task.getRequester().getReference());
        assertEquals("Organization/program", task.getOwner().getReference());
        assertEquals(now, task.getAuthoredOn());
        assertEquals(Task.TaskPriority.URGENT, task.getPriority());
        assertEquals("2.0", task.getBusinessStatus().getCodingFirstRep().getCode());
        assertEquals(BusinessStatus.SYSTEM, task.getBusinessStatus().getCodingFirstRep().getSystem());
    }
}
