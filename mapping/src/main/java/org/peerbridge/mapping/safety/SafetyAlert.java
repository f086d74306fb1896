package org.peerbridge.mapping.safety;

import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Communication.CommunicationPriority;
import org.hl7.fhir.r4.model.Communication.CommunicationStatus;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/**
 * The two resources that put a reported risk of self-harm in front of people: an active Flag on the
 * patient for program staff, and an urgent Communication to the referring clinician. PeerBridge alerts;
 * it does not assess risk, so neither says more than which answer was given on which response. The
 * Communication carries no name, no answers and no scores: only references the clinician's EHR can
 * resolve under its own access rules.
 *
 * @param patient the referral's subject, e.g. "Patient/123"
 * @param referral the ServiceRequest, e.g. "ServiceRequest/456"
 * @param response the QuestionnaireResponse that triggered the alert
 * @param clinician the referral's requester, the Communication's recipient
 * @param program the program Organization: the Flag's author and the Communication's sender
 */
public record SafetyAlert(String patient, String referral, String response, Reference clinician, String program) {

    private static final String COMMUNICATION_CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/communication-category";

    public Flag flag(Date raisedAt) {
        Flag flag = new Flag();
        flag.setStatus(Flag.FlagStatus.ACTIVE);
        flag.addCategory(new CodeableConcept(new Coding(SafetyCodes.FLAG_CATEGORY_SYSTEM, "safety", "Safety")));
        flag.setCode(SafetyCodes.selfHarmReported());
        flag.setSubject(new Reference(patient));
        flag.setPeriod(new Period().setStart(raisedAt));
        flag.setAuthor(new Reference(program));
        flag.addExtension(SafetyCodes.FLAG_DETAIL_EXTENSION, new Reference(response));
        return flag;
    }

    public Communication communication(Date sentAt, String flagReference) {
        Communication message = new Communication();
        message.setStatus(CommunicationStatus.COMPLETED);
        message.setPriority(CommunicationPriority.URGENT);
        message.addCategory(new CodeableConcept(new Coding(COMMUNICATION_CATEGORY_SYSTEM, "alert", "Alert")));
        message.addBasedOn(new Reference(referral));
        message.setSubject(new Reference(patient));
        message.addAbout(new Reference(response));
        message.addAbout(new Reference(flagReference));
        message.addRecipient(clinician.copy());
        message.setSender(new Reference(program));
        message.setSent(sentAt);
        message.addPayload().setContent(new org.hl7.fhir.r4.model.StringType(
                "Safety alert from the peer support program: on a PHQ-9 questionnaire for this referral, the answer to"
                        + " item 9 (thoughts of being better off dead or of self-harm) was above 'Not at all'."
                        + " PeerBridge does not assess risk. Please review the response and follow your safety procedures."));
        return message;
    }
}
