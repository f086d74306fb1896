package org.peerbridge.server.subscription;

import java.util.Set;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.peerbridge.server.storage.ResourceStore;

/**
 * Writes the server's findings into the Subscription itself (a new version: active after a handshake
 * or a recovery, error after failures), so a client reading it sees what $status says. A change only
 * applies from the statuses it is meant for: a client's off or new request always wins.
 */
final class StatusChanges {

    private final ResourceStore store;

    StatusChanges(ResourceStore store) {
        this.store = store;
    }

    void change(String id, Set<SubscriptionStatus> from, SubscriptionStatus to, String error) {
        store.write(uow -> {
            var row = uow.lockCurrentRow("Subscription", id);
            if (row.isEmpty() || row.get().deleted()) {
                return null;
            }
            Subscription subscription = (Subscription) uow.decode(row.get());
            if (!from.contains(subscription.getStatus()) || subscription.getStatus() == to) {
                return null;
            }
            subscription.setStatus(to);
            subscription.setError(error);
            uow.update(subscription, row.get());
            return null;
        });
    }
}
