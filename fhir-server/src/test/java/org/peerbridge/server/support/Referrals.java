package org.peerbridge.server.support;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.Date;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.peerbridge.server.referral.ReferralTables;
import org.peerbridge.server.storage.ResourceStore;
import org.peerbridge.server.write.ResourceWriter;

/** Builds referral payloads the way an EHR sends them; every call makes fresh identifiers. */
public final class Referrals {

    public static final String PATIENT_SYSTEM = "urn:oid:2.16.840.1.113883.4.1";
    public static final String REFERRAL_SYSTEM = "urn:oid:2.16.840.1.113883.3.7418.1";
    public static final String SNOMED = "http://snomed.info/sct";
    public static final String PEER_SUPPORT_REFERRAL = "461481000124109";

    private Referrals() {
    }

    public static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    public static Patient patient(String mrn) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(PATIENT_SYSTEM).setValue(mrn);
        patient.addName(new HumanName().setFamily("Testperson").addGiven("Alex"));
        patient.setGender(Enumerations.AdministrativeGender.OTHER);
        patient.setBirthDateElement(new DateType("1990-04-12"));
        return patient;
    }

    public static Practitioner practitioner() {
        Practitioner practitioner = new Practitioner();
        practitioner.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-npi").setValue("99" + unique());
        practitioner.addName(new HumanName().setFamily("Clinician").addGiven("Dana"));
        return practitioner;
    }

    /** A valid peer support referral for the given patient and requester references. */
    public static ServiceRequest serviceRequest(String referralId, String patientRef, String requesterRef) {
        ServiceRequest referral = new ServiceRequest();
        referral.addIdentifier().setSystem(REFERRAL_SYSTEM).setValue(referralId);
        referral.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
        referral.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        referral.setCode(new CodeableConcept(new Coding(SNOMED, PEER_SUPPORT_REFERRAL, "Referral to peer support service")));
        referral.setSubject(new Reference(patientRef));
        referral.setRequester(new Reference(requesterRef));
        referral.setAuthoredOn(new Date());
        return referral;
    }

    /** Patient (conditional create on its identifier) + Practitioner + ServiceRequest, linked by urn:uuid. */
    public static Bundle minimalBundle(String mrn, String referralId) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String patientUrl = urn();
        String practitionerUrl = urn();
        Patient patient = patient(mrn);
        bundle.addEntry().setFullUrl(patientUrl).setResource(patient).getRequest()
                .setMethod(HTTPVerb.POST).setUrl("Patient").setIfNoneExist("identifier=" + PATIENT_SYSTEM + "|" + mrn);
        bundle.addEntry().setFullUrl(practitionerUrl).setResource(practitioner()).getRequest()
                .setMethod(HTTPVerb.POST).setUrl("Practitioner");
        add(bundle, serviceRequest(referralId, patientUrl, practitionerUrl));
        return bundle;
    }

    /** The referral with Condition (reason), Consent (supportingInfo), PractitionerRole and Organization (requester). */
    public static Bundle completeBundle(String mrn, String referralId) {
        Bundle bundle = minimalBundle(mrn, referralId);
        String patientUrl = bundle.getEntry().get(0).getFullUrl();
        String practitionerUrl = bundle.getEntry().get(1).getFullUrl();
        ServiceRequest referral = (ServiceRequest) bundle.getEntry().get(2).getResource();

        Organization hospital = new Organization();
        hospital.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-npi").setValue("12" + unique());
        hospital.setName("General Hospital Behavioral Health");
        String hospitalUrl = add(bundle, hospital);

        PractitionerRole role = new PractitionerRole();
        role.setPractitioner(new Reference(practitionerUrl));
        role.setOrganization(new Reference(hospitalUrl));
        String roleUrl = add(bundle, role);

        Condition reason = new Condition();
        reason.setSubject(new Reference(patientUrl));
        reason.setCode(new CodeableConcept(new Coding(SNOMED, "35489007", "Depressive disorder")));
        String conditionUrl = add(bundle, reason);

        Consent consent = new Consent();
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", null)));
        consent.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", "Patient Consent")));
        consent.setPatient(new Reference(patientUrl));
        consent.setPolicyRule(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTIN", "opt-in")));
        String consentUrl = add(bundle, consent);

        referral.setRequester(new Reference(roleUrl));
        referral.addReasonReference(new Reference(conditionUrl));
        referral.addSupportingInfo(new Reference(consentUrl));
        return bundle;
    }

    /** A referral as stored, with the fulfilment Task the server made for it. */
    public record Sent(ServiceRequest request, Task task) {

        public String requestReference() {
            return "ServiceRequest/" + request.getIdElement().getIdPart();
        }

        public String patientReference() {
            return request.getSubject().getReference();
        }
    }

    /** Sends the minimal referral Bundle and reads back what the server stored. */
    public static Sent send(IGenericClient client) {
        return send(client, minimalBundle(unique(), unique()));
    }

    /** Sends a referral Bundle laid out as {@link #minimalBundle} and reads back what the server stored. */
    public static Sent send(IGenericClient client, Bundle bundle) {
        Bundle response = client.transaction().withBundle(bundle).execute();
        String requestId = response.getEntry().get(2).getResponse().getLocation().replaceFirst("/_history/.*", "");
        ServiceRequest request = client.read().resource(ServiceRequest.class).withId(requestId).execute();
        Bundle tasks = client.search().forResource(Task.class).where(Task.FOCUS.hasId(requestId))
                .returnBundle(Bundle.class).execute();
        return new Sent(request, (Task) tasks.getEntryFirstRep().getResource());
    }

    /**
     * Below HTTP: stores a patient, a practitioner and a referral through {@code writer}, then (as its own write,
     * like the program's) accepts the fulfilment Task the server made for it.
     */
    public static Sent storeAccepted(ResourceStore store, ResourceWriter writer, ReferralTables tables) {
        ServiceRequest request = store.write(uow -> {
            String patient = reference(writer.create(uow, patient(unique()), null, null).resource());
            String requester = reference(writer.create(uow, practitioner(), null, null).resource());
            return (ServiceRequest) writer.create(uow, serviceRequest(unique(), patient, requester), null, null).resource();
        });
        Task accepted = store.write(uow -> {
            String taskId = tables.taskOfReferral(uow, request.getIdElement().getIdPart()).orElseThrow();
            Task task = (Task) uow.read("Task", taskId).orElseThrow();
            task.setStatus(Task.TaskStatus.ACCEPTED);
            return (Task) writer.update(uow, taskId, task, null, null).resource();
        });
        return new Sent(request, accepted);
    }

    private static String reference(Resource resource) {
        return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }

    public static String add(Bundle bundle, Resource resource) {
        String url = urn();
        bundle.addEntry().setFullUrl(url).setResource(resource).getRequest()
                .setMethod(HTTPVerb.POST).setUrl(resource.fhirType());
        return url;
    }

    public static String urn() {
        return "urn:uuid:" + UUID.randomUUID();
    }
}
