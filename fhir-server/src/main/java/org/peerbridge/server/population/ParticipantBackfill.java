package org.peerbridge.server.population;

import java.util.List;
import org.peerbridge.server.storage.ResourceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every referral stored before {@code program_participant} existed its row, at start-up before the first
 * request, a batch of referrals per transaction, and records that it did: every later start reads that one row
 * instead of every referral.
 */
public final class ParticipantBackfill {

    private static final Logger LOG = LoggerFactory.getLogger(ParticipantBackfill.class);
    private static final int BATCH = 200;

    private final ResourceStore store;
    private final ParticipantFigures figures;
    private final ParticipantTable table = new ParticipantTable();

    public ParticipantBackfill(ResourceStore store, ParticipantFigures figures) {
        this.store = store;
        this.figures = figures;
    }

    public void run() {
        if (store.read(table::backfilled)) {
            return;
        }
        String after = null;
        int filled = 0;
        long started = System.nanoTime();
        List<String> batch;
        do {
            String from = after;
            batch = store.read(c -> table.missing(c, from, BATCH));
            List<String> referralIds = batch;
            store.write(uow -> {
                for (String referralId : referralIds) {
                    figures.refresh(uow, referralId);
                }
                return null;
            });
            filled += batch.size();
            after = batch.isEmpty() ? after : batch.get(batch.size() - 1);
        } while (batch.size() == BATCH);
        store.write(uow -> {
            table.recordBackfilled(uow.connection(), System.currentTimeMillis());
            return null;
        });
        if (filled > 0) {
            LOG.info("Derived the program-outcomes figures of {} referrals stored before they were kept, in {} ms", filled,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }
}
