package org.peerbridge.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

/** Paths and element searches over the R4 model alone, as the topic filters and access rules use them. */
class ElementPathsTest {

    @Test
    void aPathGivesTheValuesItReachesWithOrWithoutTheTypeName() {
        Task task = new Task().setOwner(new Reference("Organization/program"));
        task.getMeta().setLastUpdated(new Date(0));
        assertEquals("Organization/program", ((Reference) ElementPaths.values(task, "Task.owner").get(0)).getReference());
        assertEquals(1, ElementPaths.values(task, "meta.lastUpdated").size());
        assertTrue(ElementPaths.values(task, "Task.requester").isEmpty(), "an absent element gives nothing");
    }

    @Test
    void repeatedElementsGiveOneValueEachAndEmptyOnesNone() {
        Encounter encounter = new Encounter();
        encounter.addBasedOn(new Reference("ServiceRequest/1"));
        encounter.addBasedOn(new Reference("ServiceRequest/2"));
        encounter.addBasedOn(new Reference());
        assertEquals(2, ElementPaths.values(encounter, "Encounter.basedOn").size());
        assertTrue(ElementPaths.values(new Encounter(), "Encounter.basedOn").isEmpty());
    }

    @Test
    void aPathThroughNoElementIsAMistakeInTheCode() {
        assertThrows(IllegalArgumentException.class, () -> ElementPaths.values(new Task(), "Task.nickname"));
    }

    @Test
    void everyElementOfATypeIsFoundInsideExtensionsAndContainedResources() {
        Task task = new Task().setFocus(new Reference("ServiceRequest/1"));
        task.addExtension(new Extension("http://example.org/x", new Reference("Practitioner/2")));
        Patient contained = new Patient();
        contained.setId("p");
        contained.setManagingOrganization(new Reference("Organization/3"));
        task.addContained(contained);
        List<String> found = ElementPaths.allOfType(task, Reference.class).stream().map(Reference::getReference).toList();
        assertEquals(List.of("Organization/3", "ServiceRequest/1", "Practitioner/2").stream().sorted().toList(), found.stream().sorted().toList());
        List<Base> none = ElementPaths.values(new Task(), "Task.focus");
        assertTrue(none.isEmpty());
    }
}
