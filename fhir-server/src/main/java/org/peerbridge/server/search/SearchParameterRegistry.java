package org.peerbridge.server.search;

import static org.peerbridge.server.search.SearchParamType.DATE;
import static org.peerbridge.server.search.SearchParamType.REFERENCE;
import static org.peerbridge.server.search.SearchParamType.STRING;
import static org.peerbridge.server.search.SearchParamType.TOKEN;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.peerbridge.mapping.outcome.AssessmentSchedule;

/**
 * The single list of search parameters PeerBridge supports. The indexer, the query parser and the
 * CapabilityStatement all read it, so what is advertised is exactly what works.
 */
public final class SearchParameterRegistry {

    /** Parameters every resource type has; answered from the resource table itself. */
    public static final String ID = "_id";
    public static final String LAST_UPDATED = "_lastUpdated";

    private final Map<String, Map<String, SearchParamDef>> byType = new LinkedHashMap<>();

    public static SearchParameterRegistry standard() {
        SearchParameterRegistry r = new SearchParameterRegistry();
        r.add("Patient", "identifier", TOKEN, "A patient identifier (system|value)", "Patient.identifier");
        r.add("Patient", "name", STRING, "Any part of a name (starts with, case and accent insensitive)", "Patient.name");
        r.add("Patient", "family", STRING, "Family name", "Patient.name.family");
        r.add("Patient", "given", STRING, "Given name", "Patient.name.given");
        r.add("Patient", "birthdate", DATE, "Date of birth", "Patient.birthDate");
        r.add("Patient", "gender", TOKEN, "Administrative gender", "Patient.gender");

        r.add("ServiceRequest", "identifier", TOKEN, "Referral identifier (system|value)", "ServiceRequest.identifier");
        r.add("ServiceRequest", "status", TOKEN, "Referral status", "ServiceRequest.status");
        r.add("ServiceRequest", "intent", TOKEN, "Referral intent", "ServiceRequest.intent");
        r.add("ServiceRequest", "code", TOKEN, "What is requested", "ServiceRequest.code");
        r.add("ServiceRequest", "category", TOKEN, "Referral category", "ServiceRequest.category");
        r.add("ServiceRequest", "authored", DATE, "When the referral was written", "ServiceRequest.authoredOn");
        r.addReference("ServiceRequest", "subject", "The referred person", List.of(), "ServiceRequest.subject");
        r.addReference("ServiceRequest", "patient", "The referred patient", List.of("Patient"), "ServiceRequest.subject");
        r.addReference("ServiceRequest", "requester", "Who referred", List.of(), "ServiceRequest.requester");
        r.addReference("ServiceRequest", "performer", "The requested performer", List.of(), "ServiceRequest.performer");

        r.add("Task", "identifier", TOKEN, "Task identifier", "Task.identifier");
        r.add("Task", "status", TOKEN, "Task status", "Task.status");
        r.add("Task", "business-status", TOKEN, "Finer referral state (BSeR codes)", "Task.businessStatus");
        r.add("Task", "code", TOKEN, "Task code (fulfill)", "Task.code");
        r.add("Task", "intent", TOKEN, "Task intent", "Task.intent");
        r.add("Task", "authored-on", DATE, "When the Task was created", "Task.authoredOn");
        r.add("Task", "modified", DATE, "When the Task was last modified", "Task.lastModified");
        r.addReference("Task", "owner", "Who is responsible (the program)", List.of(), "Task.owner");
        r.addReference("Task", "requester", "Who asked for the Task (the referrer)", List.of(), "Task.requester");
        r.addReference("Task", "focus", "The referral (ServiceRequest) being fulfilled", List.of(), "Task.focus");
        r.addReference("Task", "subject", "Who the Task is for", List.of(), "Task.for");
        r.addReference("Task", "patient", "The patient the Task is for", List.of("Patient"), "Task.for");
        r.addReference("Task", "based-on", "What the Task is based on", List.of(), "Task.basedOn");

        r.add("Condition", "identifier", TOKEN, "Condition identifier", "Condition.identifier");
        r.add("Condition", "code", TOKEN, "Condition code", "Condition.code");
        r.add("Condition", "clinical-status", TOKEN, "Clinical status", "Condition.clinicalStatus");
        r.add("Condition", "category", TOKEN, "Condition category", "Condition.category");
        r.addReference("Condition", "subject", "Who has the condition", List.of(), "Condition.subject");
        r.addReference("Condition", "patient", "The patient with the condition", List.of("Patient"), "Condition.subject");

        r.add("Consent", "identifier", TOKEN, "Consent identifier", "Consent.identifier");
        r.add("Consent", "status", TOKEN, "Consent status", "Consent.status");
        r.add("Consent", "category", TOKEN, "Consent category", "Consent.category");
        r.addReference("Consent", "patient", "Who the consent is about", List.of("Patient"), "Consent.patient");

        r.add("Practitioner", "identifier", TOKEN, "Practitioner identifier (e.g. NPI)", "Practitioner.identifier");
        r.add("Practitioner", "name", STRING, "Any part of a name", "Practitioner.name");
        r.add("PractitionerRole", "identifier", TOKEN, "PractitionerRole identifier", "PractitionerRole.identifier");
        r.add("PractitionerRole", "role", TOKEN, "The role code", "PractitionerRole.code");
        r.add("PractitionerRole", "active", TOKEN, "Whether the role is active", "PractitionerRole.active");
        r.addReference("PractitionerRole", "practitioner", "The practitioner", List.of(), "PractitionerRole.practitioner");
        r.addReference("PractitionerRole", "organization", "The organization", List.of(), "PractitionerRole.organization");
        r.addReference("PractitionerRole", "location", "Where the role is performed", List.of(), "PractitionerRole.location");
        r.addReference("PractitionerRole", "service", "The services delivered", List.of(), "PractitionerRole.healthcareService");
        r.add("Organization", "identifier", TOKEN, "Organization identifier", "Organization.identifier");
        r.add("Organization", "name", STRING, "Organization name", "Organization.name");
        r.add("Organization", "active", TOKEN, "Whether the organization is active", "Organization.active");

        r.add("Group", "identifier", TOKEN, "Group identifier", "Group.identifier");
        r.add("Group", "type", TOKEN, "person, practitioner ... (Bulk Data exports read person groups)", "Group.type");
        r.add("Group", "actual", TOKEN, "Whether the group lists its members", "Group.actual");
        r.add("Group", "code", TOKEN, "What kind of group", "Group.code");
        r.addReference("Group", "member", "A member of the group", List.of(), "Group.member.entity");

        r.add("StructureDefinition", "url", TOKEN, "Canonical URL", "StructureDefinition.url");
        r.add("StructureDefinition", "name", STRING, "Computer-friendly name", "StructureDefinition.name");
        r.add("StructureDefinition", "type", TOKEN, "Type constrained", "StructureDefinition.type");
        r.add("ValueSet", "url", TOKEN, "Canonical URL", "ValueSet.url");
        r.add("ValueSet", "name", STRING, "Computer-friendly name", "ValueSet.name");
        r.add("CodeSystem", "url", TOKEN, "Canonical URL", "CodeSystem.url");
        r.add("CodeSystem", "name", STRING, "Computer-friendly name", "CodeSystem.name");
        outcomes(r);
        sessionsAndDirectory(r);
        auditTrail(r);
        return r;
    }

    /** The audit trail: answered from the columns of audit_event and audit_entity, not from the index tables. */
    private static void auditTrail(SearchParameterRegistry r) {
        r.add("AuditEvent", "date", DATE, "When the request was made", "AuditEvent.recorded");
        r.addReference("AuditEvent", "agent", "The Organization the client acted for", List.of("Organization"), "AuditEvent.agent.who");
        r.add("AuditEvent", "altid", TOKEN, "The client id", "AuditEvent.agent.altId");
        r.addReference("AuditEvent", "entity", "A resource the request read or wrote", List.of(), "AuditEvent.entity.what");
        r.add("AuditEvent", "outcome", TOKEN, "0 success, 4 refused or invalid, 8 server failure", "AuditEvent.outcome");
        r.add("AuditEvent", "subtype", TOKEN, "The interaction (read, search-type, create ...) or operation", "AuditEvent.subtype");
        r.add("AuditEvent", "action", TOKEN, "C, R, U, D or E", "AuditEvent.action");
    }

    /** Peer sessions, the activity they yield, and the program directory. */
    private static void sessionsAndDirectory(SearchParameterRegistry r) {
        r.add("Encounter", "identifier", TOKEN, "Session identifier", "Encounter.identifier");
        r.add("Encounter", "status", TOKEN, "planned, arrived, in-progress, finished or cancelled", "Encounter.status");
        r.add("Encounter", "class", TOKEN, "AMB, VR or HH (v3-ActCode)", "Encounter.class");
        r.add("Encounter", "type", TOKEN, "Individual or group peer support", "Encounter.type");
        r.add("Encounter", "reason-code", TOKEN, "Why: a no-show is peer-session-attendance#no-show", "Encounter.reasonCode");
        r.add("Encounter", "service-type", TOKEN, "The peer support service delivered", "Encounter.serviceType");
        r.add("Encounter", "date", DATE, "When the session took place (period)", "Encounter.period");
        r.addReference("Encounter", "subject", "Who the session was with", List.of(), "Encounter.subject");
        r.addReference("Encounter", "patient", "The patient the session was with", List.of("Patient"), "Encounter.subject");
        r.addReference("Encounter", "based-on", "The referral (ServiceRequest)", List.of(), "Encounter.basedOn");
        r.addReference("Encounter", "participant", "The peer supporter (PractitionerRole or Practitioner)", List.of(),
                "Encounter.participant.individual");
        r.addReference("Encounter", "part-of", "The group session an attendee's Encounter belongs to", List.of(), "Encounter.partOf");
        r.addReference("Encounter", "service-provider", "The program Organization", List.of(), "Encounter.serviceProvider");

        r.add("Procedure", "status", TOKEN, "Procedure status", "Procedure.status");
        r.add("Procedure", "code", TOKEN, "HCPCS H0038", "Procedure.code");
        r.add("Procedure", "date", DATE, "When the activity took place", "Procedure.performed[x]");
        r.addReference("Procedure", "subject", "Who received it", List.of(), "Procedure.subject");
        r.addReference("Procedure", "patient", "The patient who received it", List.of("Patient"), "Procedure.subject");
        r.addReference("Procedure", "based-on", "The referral (ServiceRequest)", List.of(), "Procedure.basedOn");
        r.addReference("Procedure", "encounter", "The session", List.of(), "Procedure.encounter");
        r.addReference("Procedure", "performer", "The peer supporter", List.of(), "Procedure.performer.actor");

        r.add("HealthcareService", "identifier", TOKEN, "Service identifier", "HealthcareService.identifier");
        r.add("HealthcareService", "name", STRING, "Service name", "HealthcareService.name");
        r.add("HealthcareService", "service-type", TOKEN, "What the service offers", "HealthcareService.type");
        r.add("HealthcareService", "service-category", TOKEN, "Service category", "HealthcareService.category");
        r.add("HealthcareService", "characteristic", TOKEN, "Delivery mode and whether new referrals are accepted",
                "HealthcareService.characteristic");
        r.add("HealthcareService", "active", TOKEN, "Whether the service is active", "HealthcareService.active");
        r.addReference("HealthcareService", "location", "Where it is offered", List.of(), "HealthcareService.location");
        r.addReference("HealthcareService", "organization", "The program offering it", List.of(), "HealthcareService.providedBy");

        r.add("Location", "identifier", TOKEN, "Location identifier", "Location.identifier");
        r.add("Location", "name", STRING, "Location name", "Location.name");
        r.add("Location", "status", TOKEN, "Location status", "Location.status");
        r.add("Location", "address-city", STRING, "City", "Location.address.city");
        r.addReference("Location", "organization", "The managing organization", List.of(), "Location.managingOrganization");
    }

    /** Outcome questionnaires and what the server derives from their responses. */
    private static void outcomes(SearchParameterRegistry r) {
        r.add("Questionnaire", "url", TOKEN, "Canonical URL", "Questionnaire.url");
        r.add("Questionnaire", "code", TOKEN, "LOINC (or other) code of the instrument", "Questionnaire.code");
        r.add("Questionnaire", "name", STRING, "Computer-friendly name", "Questionnaire.name");
        r.add("Questionnaire", "title", STRING, "Human-friendly name", "Questionnaire.title");
        r.add("Questionnaire", "status", TOKEN, "Publication status", "Questionnaire.status");
        r.add("Questionnaire", "version", TOKEN, "Business version", "Questionnaire.version");

        r.add("QuestionnaireResponse", "status", TOKEN, "completed or amended", "QuestionnaireResponse.status");
        r.add("QuestionnaireResponse", "questionnaire", TOKEN, "Canonical URL of the Questionnaire answered",
                "QuestionnaireResponse.questionnaire");
        r.add("QuestionnaireResponse", "authored", DATE, "When the answers were given", "QuestionnaireResponse.authored");
        r.add("QuestionnaireResponse", "identifier", TOKEN, "Response identifier", "QuestionnaireResponse.identifier");
        r.addReference("QuestionnaireResponse", "subject", "Who the answers are about", List.of(), "QuestionnaireResponse.subject");
        r.addReference("QuestionnaireResponse", "patient", "The patient the answers are about", List.of("Patient"),
                "QuestionnaireResponse.subject");
        r.addReference("QuestionnaireResponse", "based-on", "The referral (ServiceRequest)", List.of(), "QuestionnaireResponse.basedOn");

        r.add("Observation", "code", TOKEN, "What was measured (LOINC total score code)", "Observation.code");
        r.add("Observation", "category", TOKEN, "Observation category (survey)", "Observation.category");
        r.add("Observation", "status", TOKEN, "final, or amended once its response was amended", "Observation.status");
        r.add("Observation", "date", DATE, "When the answers were given (effective)", "Observation.effective[x]");
        r.add("Observation", "value-concept", TOKEN, "Severity band (interpretation)", "Observation.interpretation");
        r.add("Observation", "time-point", TOKEN, "Assessment time point: baseline, day-30, day-60, day-90 or unscheduled",
                "Observation.extension('" + AssessmentSchedule.EXTENSION_URL + "').value[x]");
        r.addReference("Observation", "subject", "Who was assessed", List.of(), "Observation.subject");
        r.addReference("Observation", "patient", "The patient assessed", List.of("Patient"), "Observation.subject");
        r.addReference("Observation", "based-on", "The referral (ServiceRequest)", List.of(), "Observation.basedOn");
        r.addReference("Observation", "derived-from", "The QuestionnaireResponse scored", List.of(), "Observation.derivedFrom");

        r.add("Subscription", "status", TOKEN, "requested, active, error or off", "Subscription.status");
        r.add("Subscription", "criteria", TOKEN, "The topic's canonical URL", "Subscription.criteria");
        r.add("Subscription", "url", TOKEN, "The rest-hook endpoint (exact URL)", "Subscription.channel.endpoint");

        r.add("Flag", "status", TOKEN, "active or inactive", "Flag.status");
        r.add("Flag", "category", TOKEN, "Flag category (safety)", "Flag.category");
        r.add("Flag", "code", TOKEN, "What the flag is about", "Flag.code");
        r.add("Flag", "date", DATE, "When the flag was raised (period)", "Flag.period");
        r.addReference("Flag", "subject", "Who the flag is about", List.of(), "Flag.subject");
        r.addReference("Flag", "patient", "The patient flagged", List.of("Patient"), "Flag.subject");

        r.add("Communication", "status", TOKEN, "Communication status", "Communication.status");
        r.add("Communication", "category", TOKEN, "Communication category", "Communication.category");
        r.add("Communication", "priority", TOKEN, "routine, urgent, asap or stat", "Communication.priority");
        r.add("DocumentReference", "status", TOKEN, "current, superseded or entered-in-error", "DocumentReference.status");
        r.add("DocumentReference", "type", TOKEN, "What kind of document (LOINC 11506-3 progress note)", "DocumentReference.type");
        r.add("DocumentReference", "date", DATE, "When the reference was created", "DocumentReference.date");
        r.addReference("DocumentReference", "subject", "Who the document is about", List.of(), "DocumentReference.subject");
        r.addReference("DocumentReference", "patient", "The patient the document is about", List.of("Patient"), "DocumentReference.subject");
        r.addReference("DocumentReference", "related", "The referral the report is of (context.related)", List.of(),
                "DocumentReference.context.related");
        r.add("Communication", "sent", DATE, "When it was sent", "Communication.sent");
        r.addReference("Communication", "recipient", "Who it is for (the referring clinician)", List.of(), "Communication.recipient");
        r.addReference("Communication", "subject", "Who it is about", List.of(), "Communication.subject");
        r.addReference("Communication", "patient", "The patient it is about", List.of("Patient"), "Communication.subject");
        r.addReference("Communication", "based-on", "The referral (ServiceRequest)", List.of(), "Communication.basedOn");
        r.addReference("Communication", "about", "What it is about (the QuestionnaireResponse)", List.of(), "Communication.about");
    }

    private void add(String type, String name, SearchParamType paramType, String description, String path) {
        put(new SearchParamDef(type, name, paramType, List.of(path), List.of(), description));
    }

    private void addReference(String type, String name, String description, List<String> targets, String path) {
        put(new SearchParamDef(type, name, REFERENCE, List.of(path), targets, description));
    }

    private void put(SearchParamDef def) {
        byType.computeIfAbsent(def.resourceType(), t -> new LinkedHashMap<>()).put(def.name(), def);
    }

    public Optional<SearchParamDef> find(String resourceType, String name) {
        return Optional.ofNullable(byType.getOrDefault(resourceType, Map.of()).get(name));
    }

    public List<SearchParamDef> forType(String resourceType) {
        return List.copyOf(byType.getOrDefault(resourceType, Map.of()).values());
    }

    /** Reference parameters of a type: what _include Type:param and _revinclude Type:param may name. */
    public List<SearchParamDef> referenceParams(String resourceType) {
        List<SearchParamDef> refs = new ArrayList<>();
        for (SearchParamDef def : forType(resourceType)) {
            if (def.type() == REFERENCE) {
                refs.add(def);
            }
        }
        return refs;
    }

    /** Every (source type, reference param) that can point at targetType: what _revinclude can follow. */
    public List<SearchParamDef> referencesInto(String targetType) {
        List<SearchParamDef> refs = new ArrayList<>();
        for (String type : byType.keySet()) {
            for (SearchParamDef def : referenceParams(type)) {
                if (def.acceptsTarget(targetType)) {
                    refs.add(def);
                }
            }
        }
        return Collections.unmodifiableList(refs);
    }
}
