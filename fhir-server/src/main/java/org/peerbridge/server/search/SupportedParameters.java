package org.peerbridge.server.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The allow-list: which search parameters PeerBridge supports on each resource type, grouped by what they
 * serve. A parameter's type, element paths and target types come from its definition, never from here:
 * R4's (HAPI's {@code FhirContext} carries them) or, for {@link #own}, the SearchParameter PeerBridge
 * publishes ({@code mapping/search/OwnSearchParameters}). What is listed here is indexed, parsed and
 * advertised; any other parameter, R4's included, is refused with 400. The text of each R4 parameter says
 * what it finds in PeerBridge; it is the CapabilityStatement's documentation.
 */
final class SupportedParameters {

    /** One supported parameter of a resource type, and where its definition comes from. */
    interface Allowed {
        String resourceType();

        String name();

        SearchParamDef define(SearchParamDefinitions definitions);
    }

    /**
     * R4's parameter of this name. {@code matchedAsToken}: indexed and matched as a token (exactly, and a
     * canonical also as url|version) instead of by R4's type. {@code onlyTarget}: the one target type
     * PeerBridge indexes, narrower than R4's list; null for R4's list.
     */
    record Standard(String resourceType, String name, String documentation, boolean matchedAsToken, String onlyTarget)
            implements Allowed {
        @Override
        public SearchParamDef define(SearchParamDefinitions definitions) {
            return definitions.r4(this);
        }
    }

    /** PeerBridge's own parameter of this name, defined by the SearchParameter it publishes. */
    record Own(String resourceType, String name) implements Allowed {
        @Override
        public SearchParamDef define(SearchParamDefinitions definitions) {
            return definitions.own(resourceType, name);
        }
    }

    private final List<Allowed> allowed = new ArrayList<>();
    private String type;

    private SupportedParameters() {
    }

    static List<Allowed> all() {
        SupportedParameters list = new SupportedParameters();
        list.referrals();
        list.directory();
        list.peerSessions();
        list.outcomeQuestionnaires();
        list.safetyAlerts();
        list.finalReports();
        list.subscriptions();
        list.groups();
        list.publishedConformance();
        list.auditTrail();
        return List.copyOf(list.allowed);
    }

    /** The referral, its fulfilment Task, and what the referral points at: how an EHR follows its referrals. */
    private void referrals() {
        type("Patient")
                .r4("identifier", "A patient identifier (system|value)")
                .r4("name", "Any part of a name (starts with, case and accent insensitive)")
                .r4("family", "Family name")
                .r4("given", "Given name")
                .r4("birthdate", "Date of birth")
                .r4("gender", "Administrative gender");
        type("ServiceRequest")
                .r4("identifier", "Referral identifier (system|value)")
                .r4("status", "Referral status")
                .r4("intent", "Referral intent")
                .r4("code", "What is requested")
                .r4("category", "Referral category")
                .r4("authored", "When the referral was written")
                .r4("subject", "The referred person")
                .r4("patient", "The referred patient")
                .r4("requester", "Who referred")
                .r4("performer", "The requested performer");
        type("Task")
                .r4("identifier", "Task identifier")
                .r4("status", "Task status")
                .r4("business-status", "Finer referral state (BSeR codes)")
                .r4("code", "Task code (fulfill)")
                .r4("intent", "Task intent")
                .r4("authored-on", "When the Task was created")
                .r4("modified", "When the Task was last modified")
                .r4("owner", "Who is responsible (the program)")
                .r4("requester", "Who asked for the Task (the referrer)")
                .r4("focus", "The referral (ServiceRequest) being fulfilled")
                .r4("subject", "Who the Task is for")
                .r4("patient", "The patient the Task is for")
                .r4("based-on", "What the Task is based on");
        type("Condition")
                .r4("identifier", "Condition identifier")
                .r4("code", "Condition code")
                .r4("clinical-status", "Clinical status")
                .r4("category", "Condition category")
                .r4("subject", "Who has the condition")
                .r4("patient", "The patient with the condition");
        type("Consent")
                .r4("identifier", "Consent identifier")
                .r4("status", "Consent status")
                .r4("category", "Consent category")
                .r4("patient", "Who the consent is about");
    }

    /** The program directory: who delivers peer support, where, and which services it offers. */
    private void directory() {
        type("Practitioner")
                .r4("identifier", "Practitioner identifier (e.g. NPI)")
                .r4("name", "Any part of a name");
        type("PractitionerRole")
                .r4("identifier", "PractitionerRole identifier")
                .r4("role", "The role code")
                .r4("active", "Whether the role is active")
                .r4("practitioner", "The practitioner")
                .r4("organization", "The organization")
                .r4("location", "Where the role is performed")
                .r4("service", "The services delivered");
        type("Organization")
                .r4("identifier", "Organization identifier")
                .r4("name", "Organization name or alias")
                .r4("active", "Whether the organization is active");
        type("HealthcareService")
                .r4("identifier", "Service identifier")
                .r4("name", "Service name")
                .r4("service-type", "What the service offers")
                .r4("service-category", "Service category")
                .r4("characteristic", "Delivery mode and whether new referrals are accepted")
                .r4("active", "Whether the service is active")
                .r4("location", "Where it is offered")
                .r4("organization", "The program offering it");
        type("Location")
                .r4("identifier", "Location identifier")
                .r4("name", "Location name or alias")
                .r4("status", "Location status")
                .r4("address-city", "City")
                .r4("organization", "The managing organization");
    }

    /** Peer sessions and the activity (H0038 Procedure) each attended one yields. */
    private void peerSessions() {
        type("Encounter")
                .r4("identifier", "Session identifier")
                .r4("status", "planned, arrived, in-progress, finished or cancelled")
                .r4("class", "AMB, VR or HH (v3-ActCode)")
                .r4("type", "Individual or group peer support")
                .r4("reason-code", "Why: a no-show is peer-session-attendance#no-show")
                .own("service-type")
                .r4("date", "When the session took place (period)")
                .r4("subject", "Who the session was with")
                .r4("patient", "The patient the session was with")
                .r4("based-on", "The referral (ServiceRequest)")
                .r4("participant", "The peer supporter (PractitionerRole or Practitioner)")
                .r4("part-of", "The group session an attendee's Encounter belongs to")
                .r4("service-provider", "The program Organization");
        type("Procedure")
                .r4("status", "Procedure status")
                .r4("code", "HCPCS H0038")
                .r4("date", "When the activity took place")
                .r4("subject", "Who received it")
                .r4("patient", "The patient who received it")
                .r4("based-on", "The referral (ServiceRequest)")
                .r4("encounter", "The session")
                .r4("performer", "The peer supporter");
    }

    /** The outcome questionnaires, their responses, and the score Observations the server derives. */
    private void outcomeQuestionnaires() {
        type("Questionnaire")
                .r4("url", "Canonical URL")
                .own("code")
                .r4("name", "Computer-friendly name")
                .r4("title", "Human-friendly name")
                .r4("status", "Publication status")
                .r4("version", "Business version");
        type("QuestionnaireResponse")
                .r4("status", "completed or amended")
                // R4 makes it a reference; it is a canonical, found by url or url|version as a token is
                .r4AsToken("questionnaire", "Canonical URL of the Questionnaire answered")
                .r4("authored", "When the answers were given")
                .r4("identifier", "Response identifier")
                .r4("subject", "Who the answers are about")
                .r4("patient", "The patient the answers are about")
                .r4("based-on", "The referral (ServiceRequest)");
        type("Observation")
                .r4("code", "What was measured (LOINC total score code)")
                .r4("category", "Observation category (survey)")
                .r4("status", "final, or amended once its response was amended")
                .r4("date", "When the answers were given (effective)")
                .own("value-concept")
                .own("time-point")
                .r4("subject", "Who was assessed")
                .r4("patient", "The patient assessed")
                .r4("based-on", "The referral (ServiceRequest)")
                .r4("derived-from", "The QuestionnaireResponse scored");
    }

    /** A reported risk of self-harm: the safety Flag and the Communication to the referring clinician. */
    private void safetyAlerts() {
        type("Flag")
                .own("status")
                .own("category")
                .own("code")
                .r4("date", "When the flag was raised (period)")
                .r4("subject", "Who the flag is about")
                .r4("patient", "The patient flagged");
        type("Communication")
                .r4("status", "Communication status")
                .r4("category", "Communication category")
                .own("priority")
                .r4("sent", "When it was sent")
                .r4("recipient", "Who it is for (the referring clinician)")
                .r4("subject", "Who it is about")
                .r4("patient", "The patient it is about")
                .r4("based-on", "The referral (ServiceRequest)")
                .own("about");
    }

    /** The final progress report the server stores when a referral is completed. */
    private void finalReports() {
        type("DocumentReference")
                .r4("status", "current, superseded or entered-in-error")
                .r4("type", "What kind of document (LOINC 11506-3 progress note)")
                .r4("date", "When the reference was created")
                .r4("subject", "Who the document is about")
                .r4("patient", "The patient the document is about")
                .r4("related", "The referral the report is of (context.related)");
    }

    /** Topic-based subscriptions, found by their owner's client. */
    private void subscriptions() {
        type("Subscription")
                .r4("status", "requested, active, error or off")
                // R4 makes it a string (starts with); a topic's canonical URL is matched exactly
                .r4AsToken("criteria", "The topic's canonical URL")
                .r4("url", "The rest-hook endpoint (exact URL)");
    }

    /** Groups of patients, as Bulk Data exports them (docs/bulk-data.md). */
    private void groups() {
        type("Group")
                .r4("identifier", "Group identifier")
                .r4("type", "person, practitioner ... (Bulk Data exports person groups)")
                .r4("actual", "Whether the group lists its members")
                .r4("code", "What kind of group")
                .r4To("member", "Patient", "A member patient of the group");
    }

    /** The definitions PeerBridge publishes: its profile, code systems, value sets and search parameters. */
    private void publishedConformance() {
        type("StructureDefinition")
                .r4("url", "Canonical URL")
                .r4("name", "Computer-friendly name")
                .r4("type", "Type constrained");
        type("ValueSet")
                .r4("url", "Canonical URL")
                .r4("name", "Computer-friendly name");
        type("CodeSystem")
                .r4("url", "Canonical URL")
                .r4("name", "Computer-friendly name");
        type("SearchParameter")
                .r4("url", "Canonical URL");
    }

    /** The audit trail: answered from the columns of audit_event and audit_entity, not from the index tables. */
    private void auditTrail() {
        type("AuditEvent")
                .r4("date", "When the request was made")
                // the audit trail records the Organization a client acts for, never another agent
                .r4To("agent", "Organization", "The Organization the client acted for")
                .r4("altid", "The client id")
                .r4("entity", "A resource the request read or wrote")
                .r4("outcome", "0 success, 4 refused or invalid, 8 server failure")
                .r4("subtype", "The interaction (read, search-type, create ...) or operation")
                .r4("action", "C, R, U, D or E");
    }

    private SupportedParameters type(String resourceType) {
        this.type = resourceType;
        return this;
    }

    private SupportedParameters r4(String name, String documentation) {
        allowed.add(new Standard(type, name, documentation, false, null));
        return this;
    }

    private SupportedParameters r4AsToken(String name, String documentation) {
        allowed.add(new Standard(type, name, documentation, true, null));
        return this;
    }

    private SupportedParameters r4To(String name, String onlyTarget, String documentation) {
        allowed.add(new Standard(type, name, documentation, false, onlyTarget));
        return this;
    }

    private SupportedParameters own(String name) {
        allowed.add(new Own(type, name));
        return this;
    }
}
