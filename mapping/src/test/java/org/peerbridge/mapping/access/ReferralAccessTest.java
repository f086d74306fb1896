package org.peerbridge.mapping.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

class ReferralAccessTest {

    @Test
    void aTaskIsDerivedFromItsReferralNotFromItsOwnerOrPatient() {
        Task task = new Task();
        task.setFocus(new Reference("ServiceRequest/sr1"));
        task.setFor(new Reference("Patient/p1"));
        task.setOwner(new Reference("Organization/program"));
        assertEquals(List.of("ServiceRequest/sr1"), ReferralAccess.derivedFrom(task));
        assertEquals(List.of(), ReferralAccess.sharedWith(task));
    }

    @Test
    void aScoreIsDerivedFromItsResponseAndReferral() {
        Observation score = new Observation();
        score.addBasedOn(new Reference("ServiceRequest/sr1"));
        score.addDerivedFrom(new Reference("QuestionnaireResponse/qr1"));
        score.setSubject(new Reference("Patient/p1"));
        assertEquals(List.of("ServiceRequest/sr1", "QuestionnaireResponse/qr1"), ReferralAccess.derivedFrom(score));
    }

    @Test
    void aSafetyFlagFollowsTheResponseNamedInItsExtension() {
        Flag flag = new Flag();
        flag.setSubject(new Reference("Patient/p1"));
        flag.addExtension("http://example.org/detail", new Reference("QuestionnaireResponse/qr1"));
        assertEquals(List.of("QuestionnaireResponse/qr1"), ReferralAccess.derivedFrom(flag));
    }

    @Test
    void aReferralSharesItsPatientReasonAndConsentButNotTheDirectory() {
        ServiceRequest referral = new ServiceRequest();
        referral.setSubject(new Reference("Patient/p1"));
        referral.setRequester(new Reference("PractitionerRole/r1"));
        referral.addReasonReference(new Reference("Condition/c1"));
        referral.addSupportingInfo(new Reference("Consent/k1"));
        referral.addPerformer(new Reference("Organization/program"));
        referral.addSupportingInfo(new Reference("#contained"));
        referral.addSupportingInfo(new Reference("http://other.example.org/fhir/Patient/9"));
        assertEquals(List.of("Patient/p1", "Condition/c1", "Consent/k1"), ReferralAccess.sharedWith(referral));
        assertEquals(List.of(), ReferralAccess.derivedFrom(referral));
    }
}
