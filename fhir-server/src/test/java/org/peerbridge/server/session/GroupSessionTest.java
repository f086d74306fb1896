package org.peerbridge.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.session.NoShow;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.ServerTest;
import org.peerbridge.server.support.Sessions;

/** One group Encounter for the session, one Encounter per attendee: each referral sees its own attendance and activity. */
class GroupSessionTest extends ServerTest {

    @Test
    void threeAttendeesEachGetTheirOwnTaskMoveAndActivity() {
        Sessions.Supporter facilitator = Sessions.peerSupporter(server.client(), true);
        List<Referrals.Sent> referrals = List.of(Sessions.acceptedReferral(server.client()),
                Sessions.acceptedReferral(server.client()), Sessions.acceptedReferral(server.client()));
        Encounter group = Sessions.record(server.client(), Sessions.groupSession(facilitator.role()));
        String groupReference = Sessions.reference(group);
        assertEquals(0, Sessions.activitiesOf(server.client(), group).getTotal(), "the group Encounter is not billed");
        for (Referrals.Sent referral : referrals) {
            assertEquals("2", Sessions.task(server.client(), referral).getMeta().getVersionId(), "the group Encounter moves no Task");
        }

        int[] minutes = {90, 85, 60};
        int[] units = {6, 6, 4};
        for (int i = 0; i < referrals.size(); i++) {
            Encounter attendee = Sessions.record(server.client(),
                    Sessions.attendee(referrals.get(i), facilitator.role(), groupReference, minutes[i]));
            Bundle activities = Sessions.activitiesOf(server.client(), attendee);
            assertEquals(1, activities.getTotal());
            Procedure activity = (Procedure) activities.getEntryFirstRep().getResource();
            assertEquals(units[i], Sessions.units(activity), minutes[i] + " minutes");
            assertEquals(referrals.get(i).requestReference(), activity.getBasedOnFirstRep().getReference());

            Task task = Sessions.task(server.client(), referrals.get(i));
            assertEquals(TaskStatus.INPROGRESS, task.getStatus());
            assertTrue(task.getBusinessStatus().hasCoding(Sessions.BSER, "5.1.4"));
            assertEquals(List.of("Procedure/" + activity.getIdElement().getIdPart()), SessionEffectsTest.performedActivities(task),
                    "only this attendee's activity");
        }
        Bundle attendees = search("Encounter?part-of=" + groupReference);
        assertEquals(3, attendees.getTotal());
        assertEquals(0, Sessions.activitiesOf(server.client(), group).getTotal());
    }

    @Test
    void attendeeWhoDidNotComeIsANoShowOnTheirOwnReferral() {
        Sessions.Supporter facilitator = Sessions.peerSupporter(server.client(), true);
        Referrals.Sent came = Sessions.acceptedReferral(server.client());
        Referrals.Sent stayedAway = Sessions.acceptedReferral(server.client());
        String group = Sessions.reference(Sessions.record(server.client(), Sessions.groupSession(facilitator.role())));

        Sessions.record(server.client(), Sessions.attendee(came, facilitator.role(), group, 90));
        Encounter absent = Sessions.attendee(stayedAway, facilitator.role(), group, 0);
        absent.setLength(null);
        absent.setStatus(EncounterStatus.CANCELLED);
        absent.addReasonCode(NoShow.reasonCode());
        Sessions.record(server.client(), absent);

        Task absentTask = Sessions.task(server.client(), stayedAway);
        assertEquals(TaskStatus.ACCEPTED, absentTask.getStatus());
        assertTrue(absentTask.getBusinessStatus().hasCoding(Sessions.BSER, "5.1.2"));
        assertEquals(0, search("Procedure?based-on=" + stayedAway.requestReference()).getTotal());
        assertTrue(Sessions.task(server.client(), came).getBusinessStatus().hasCoding(Sessions.BSER, "5.1.4"));
    }

    @Test
    void groupAndAttendeesInOneTransaction() {
        Sessions.Supporter facilitator = Sessions.peerSupporter(server.client(), true);
        Referrals.Sent first = Sessions.acceptedReferral(server.client());
        Referrals.Sent second = Sessions.acceptedReferral(server.client());
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String group = Referrals.add(bundle, Sessions.groupSession(facilitator.role()));
        Referrals.add(bundle, Sessions.attendee(first, facilitator.role(), group, 90));
        Referrals.add(bundle, Sessions.attendee(second, facilitator.role(), group, 45));

        Bundle response = server.client().transaction().withBundle(bundle).execute();
        String groupReference = response.getEntry().get(0).getResponse().getLocation().replaceFirst("/_history/.*", "");
        assertEquals(2, search("Encounter?part-of=" + groupReference).getTotal());
        assertEquals(2, search("Procedure?based-on=" + first.requestReference() + "," + second.requestReference()).getTotal());
        assertEquals(TaskStatus.INPROGRESS, Sessions.task(server.client(), second).getStatus());
    }

    private static Bundle search(String url) {
        return server.client().search().byUrl(url).returnBundle(Bundle.class).execute();
    }
}
