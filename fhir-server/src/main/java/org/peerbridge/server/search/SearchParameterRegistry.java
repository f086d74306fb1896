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
        r.add("Organization", "identifier", TOKEN, "Organization identifier", "Organization.identifier");
        r.add("Organization", "name", STRING, "Organization name", "Organization.name");
        r.add("Organization", "active", TOKEN, "Whether the organization is active", "Organization.active");

        r.add("StructureDefinition", "url", TOKEN, "Canonical URL", "StructureDefinition.url");
        r.add("StructureDefinition", "name", STRING, "Computer-friendly name", "StructureDefinition.name");
        r.add("StructureDefinition", "type", TOKEN, "Type constrained", "StructureDefinition.type");
        r.add("ValueSet", "url", TOKEN, "Canonical URL", "ValueSet.url");
        r.add("ValueSet", "name", STRING, "Computer-friendly name", "ValueSet.name");
        return r;
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
