package org.peerbridge.server.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r5.model.Enumerations;
import org.hl7.fhir.r5.model.StringType;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.junit.jupiter.api.Test;

class SerializedStructuresTest {

    @Test
    void primitivesKeepTheirIdsAndExtensionsBesideTheirValues() throws IOException {
        StructureDefinition structure = new StructureDefinition().setUrl("http://example.org/StructureDefinition/x")
                .setStatus(Enumerations.PublicationStatus.ACTIVE);
        structure.getUrlElement().setId("url-1").addExtension("http://example.org/why", new StringType("because"));
        structure.getStatusElement().addExtension("http://example.org/status-note", new StringType("noted"));

        StructureDefinition read = roundTrip(structure);

        assertTrue(structure.equalsDeep(read), "the same structure, extensions and ids included");
        assertEquals("url-1", read.getUrlElement().getId());
        assertEquals("because", read.getUrlElement().getExtensionString("http://example.org/why"));
        assertEquals(Enumerations.PublicationStatus.ACTIVE, read.getStatus());
        assertEquals("noted", read.getStatusElement().getExtensionString("http://example.org/status-note"));
    }

    @Test
    void aFileHoldingAnythingButTheR5ModelIsRefused() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(file)) {
            out.writeObject(new ArrayList<>(List.of(URI.create("http://example.org"))));
        }
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> SerializedStructures.read(file.toByteArray(), "foreign.ser"));
        assertTrue(refused.getMessage().contains("foreign.ser"), refused.getMessage());
    }

    private static StructureDefinition roundTrip(StructureDefinition structure) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        SerializedStructures.write(file, List.of(structure));
        return SerializedStructures.read(file.toByteArray(), "test.ser").get(0);
    }
}
