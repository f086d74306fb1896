package org.peerbridge.mapping.codes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;

/**
 * PeerBridge's own code systems as the CodeSystem resources the server publishes and gives its
 * validator: all built the same way (complete, case-sensitive, active, id = the URL's last segment).
 */
public final class OwnCodeSystems {

    private static final String PUBLISHER = "PeerBridge";

    private OwnCodeSystems() {
    }

    public static CodeSystem codeSystem(String url, String version, String name, String title, String description,
                                        List<ConceptDefinitionComponent> concepts) {
        CodeSystem codeSystem = new CodeSystem();
        codeSystem.setId(url.substring(url.lastIndexOf('/') + 1));
        codeSystem.setUrl(url);
        codeSystem.setVersion(version);
        codeSystem.setName(name);
        codeSystem.setTitle(title);
        codeSystem.setStatus(PublicationStatus.ACTIVE);
        codeSystem.setExperimental(false);
        codeSystem.setPublisher(PUBLISHER);
        codeSystem.setDescription(description);
        codeSystem.setCaseSensitive(true);
        codeSystem.setContent(CodeSystemContentMode.COMPLETE);
        codeSystem.setConcept(new ArrayList<>(concepts));
        codeSystem.setCount(concepts.size());
        return codeSystem;
    }

    /** The concepts of a code list, in its order. */
    public static <E extends Enum<E> & CodedValue> List<ConceptDefinitionComponent> concepts(Class<E> codeList) {
        return Arrays.stream(codeList.getEnumConstants()).map(value -> concept(value.code(), value.display(), value.definition())).toList();
    }

    public static ConceptDefinitionComponent concept(String code, String display, String definition) {
        return new ConceptDefinitionComponent().setCode(code).setDisplay(display).setDefinition(definition);
    }
}
