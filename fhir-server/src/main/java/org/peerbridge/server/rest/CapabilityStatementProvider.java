package org.peerbridge.server.rest;

import ca.uhn.fhir.rest.annotation.Metadata;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.ConditionalDeleteStatus;
import org.hl7.fhir.r4.model.CapabilityStatement.ResourceVersionPolicy;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations;
import org.peerbridge.server.search.SearchParamDef;
import org.peerbridge.server.search.SearchParameterRegistry;

/**
 * The CapabilityStatement, built from the same lists the server runs on (served types, the search
 * parameter registry, the profiles), so it states exactly what works and nothing else.
 */
public final class CapabilityStatementProvider {

    /** R4's definitions of the parameters every resource has ({@code Resource-id}, {@code Resource-lastUpdated}). */
    private static final String RESOURCE_PARAMETERS = "http://hl7.org/fhir/SearchParameter/Resource-";

    private final CapabilityStatement statement;

    /** {@code readAndSearchOnly}: types that can only be read and searched (the audit trail). */
    public CapabilityStatementProvider(List<ServedType> types, SearchParameterRegistry registry, Map<String, String> profileByType,
            List<String> readAndSearchOnly) {
        this.statement = build(types, registry, profileByType);
        CapabilityStatementRestComponent rest = statement.getRestFirstRep();
        for (String type : readAndSearchOnly) {
            CapabilityStatementRestResourceComponent resource = rest.addResource().setType(type);
            resource.addInteraction().setCode(TypeRestfulInteraction.READ);
            resource.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
            addSearchParams(resource, type, registry);
        }
    }

    /** Advertises an operation on a served type, e.g. ("ServiceRequest", "progress-report", its OperationDefinition URL). */
    public void addOperation(String type, String name, String definition) {
        statement.getRestFirstRep().getResource().stream().filter(r -> r.getType().equals(type)).findFirst().orElseThrow()
                .addOperation().setName(name).setDefinition(definition);
    }

    /** A resource type the server serves, and whether clients may write it. */
    public record ServedType(String name, boolean readOnly) { }

    @Metadata
    public CapabilityStatement capabilities() {
        return statement;
    }

    /** HAPI hands its server to conformance providers; this one is built from PeerBridge's own lists instead. */
    public void setRestfulServer(ca.uhn.fhir.rest.server.RestfulServer server) {
        // nothing to take from HAPI's scan
    }

    private static CapabilityStatement build(List<ServedType> types, SearchParameterRegistry registry,
            Map<String, String> profileByType) {
        CapabilityStatement cs = new CapabilityStatement();
        cs.setStatus(Enumerations.PublicationStatus.ACTIVE)
                .setDate(new Date())
                .setPublisher("PeerBridge")
                .setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE)
                .setFhirVersion(Enumerations.FHIRVersion._4_0_1)
                .setName("PeerBridge")
                .setTitle("PeerBridge: peer support referrals over FHIR R4");
        cs.getSoftware().setName("PeerBridge").setVersion("0.1.0");
        cs.getImplementation().setDescription("PeerBridge FHIR server");
        cs.addFormat("application/fhir+json").addFormat("application/fhir+xml").addFormat("json").addFormat("xml");
        CapabilityStatementRestComponent rest = cs.addRest().setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        rest.addInteraction().setCode(SystemRestfulInteraction.TRANSACTION);
        rest.addInteraction().setCode(SystemRestfulInteraction.BATCH);
        rest.addInteraction().setCode(SystemRestfulInteraction.HISTORYSYSTEM);
        for (ServedType type : types) {
            rest.addResource(resource(type, registry, profileByType.get(type.name())));
        }
        return cs;
    }

    private static CapabilityStatementRestResourceComponent resource(ServedType type, SearchParameterRegistry registry,
            String profile) {
        CapabilityStatementRestResourceComponent resource = new CapabilityStatementRestResourceComponent().setType(type.name());
        if (profile != null) {
            resource.addSupportedProfile(profile);
        }
        resource.addInteraction().setCode(TypeRestfulInteraction.READ);
        resource.addInteraction().setCode(TypeRestfulInteraction.VREAD);
        resource.addInteraction().setCode(TypeRestfulInteraction.HISTORYINSTANCE);
        resource.addInteraction().setCode(TypeRestfulInteraction.HISTORYTYPE);
        resource.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
        if (!type.readOnly()) {
            resource.addInteraction().setCode(TypeRestfulInteraction.CREATE);
            resource.addInteraction().setCode(TypeRestfulInteraction.UPDATE);
            resource.addInteraction().setCode(TypeRestfulInteraction.DELETE);
        }
        resource.setVersioning(ResourceVersionPolicy.VERSIONEDUPDATE)
                .setReadHistory(true)
                .setUpdateCreate(!type.readOnly())
                .setConditionalCreate(!type.readOnly())
                .setConditionalUpdate(false)
                .setConditionalDelete(ConditionalDeleteStatus.NOTSUPPORTED);
        resource.addSearchParam().setName("_lastUpdated").setType(Enumerations.SearchParamType.DATE)
                .setDefinition(RESOURCE_PARAMETERS + "lastUpdated")
                .setDocumentation("When the resource last changed (use gt/ge to poll for changes)");
        addSearchParams(resource, type.name(), registry);
        for (SearchParamDef def : registry.referenceParams(type.name())) {
            resource.addSearchInclude(type.name() + ":" + def.name());
        }
        for (SearchParamDef def : registry.referencesInto(type.name())) {
            resource.addSearchRevInclude(def.resourceType() + ":" + def.name());
        }
        resource.addOperation().setName("validate").setDefinition("http://hl7.org/fhir/OperationDefinition/Resource-validate");
        return resource;
    }

    private static void addSearchParams(CapabilityStatementRestResourceComponent resource, String type, SearchParameterRegistry registry) {
        resource.addSearchParam().setName("_id").setType(Enumerations.SearchParamType.TOKEN)
                .setDefinition(RESOURCE_PARAMETERS + "id").setDocumentation("Logical id");
        for (SearchParamDef def : registry.forType(type)) {
            resource.addSearchParam().setName(def.name())
                    .setType(Enumerations.SearchParamType.fromCode(def.type().fhirCode()))
                    .setDefinition(def.definition())
                    .setDocumentation(def.description());
        }
    }

}
