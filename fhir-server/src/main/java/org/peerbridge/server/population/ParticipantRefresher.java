package org.peerbridge.server.population;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.peerbridge.server.background.PollingThreads;
import org.peerbridge.server.storage.ReadScope;
import org.peerbridge.server.storage.ResourceStore;
import org.peerbridge.server.storage.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Derives the rows of stale referrals ({@link ParticipantFigures#refresh}) off the write path: in the background a
 * short while after their writes, so a burst of writes to one referral costs one derivation, and before each report
 * for whatever is still marked, so a report reflects every acknowledged write. Several replicas may derive the same
 * referral, which is harmless (the Task lock orders them).
 *
 * <p>The background skips a referral whose Task another transaction holds ({@link ParticipantFigures#refreshUnlessBusy}):
 * a write in flight marks it again anyway, and the others need not wait for it. A referral that cannot be derived is
 * logged and left marked, and holds back no other. A report waits for each of its referrals' locks instead, since it
 * must not skip one.
 */
public final class ParticipantRefresher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ParticipantRefresher.class);
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    private static final int BATCH = 100;
    /** Few enough that a write to one of their Tasks waits a few dozen milliseconds at most for the group to commit. */
    private static final int PER_COMMIT = 20;

    private final ResourceStore store;
    private final ParticipantFigures figures;
    private final StaleMarks stale = new StaleMarks();
    private final PollingThreads threads = new PollingThreads("peerbridge-participants", 1, this::poll);

    public ParticipantRefresher(ResourceStore store, ParticipantFigures figures) {
        this.store = store;
        this.figures = figures;
    }

    public void start() {
        threads.start(POLL_INTERVAL);
    }

    /**
     * Derives every referral marked stale when called that the scope sees: a report waits for its own referrals only,
     * so its answer time does not tell how busy other organizations are.
     */
    void refreshVisible(ReadScope scope) {
        refresh(store.read(c -> stale.referrals(c, 0, scope)));
    }

    private void poll() {
        try {
            List<String> batch;
            int derived;
            do {
                batch = store.read(c -> stale.referrals(c, BATCH, ReadScope.EVERYTHING));
                derived = refreshUnlessBusy(batch);
            } while (batch.size() == BATCH && derived > 0 && !threads.closing());
        } catch (RuntimeException e) {
            LOG.warn("Deriving stale program-outcomes figures failed; trying again at the next poll", e);
        }
    }

    /**
     * How many of the referrals were derived, {@value #PER_COMMIT} to a transaction, each group's commit shared: those
     * busy are left for later. A group that fails is derived again one referral to a transaction, so that one that
     * cannot be derived holds back no other.
     */
    private int refreshUnlessBusy(List<String> referralIds) {
        int derived = 0;
        for (int from = 0; from < referralIds.size(); from += PER_COMMIT) {
            List<String> group = referralIds.subList(from, Math.min(referralIds.size(), from + PER_COMMIT));
            try {
                derived += store.write(uow -> deriveUnlessBusy(uow, group));
            } catch (RuntimeException groupFailed) {
                derived += eachAlone(group);
            }
        }
        return derived;
    }

    private int eachAlone(List<String> referralIds) {
        int derived = 0;
        List<String> failed = new ArrayList<>();
        RuntimeException firstFailure = null;
        for (String referralId : referralIds) {
            try {
                derived += store.write(uow -> deriveUnlessBusy(uow, List.of(referralId)));
            } catch (RuntimeException e) {
                failed.add(referralId);
                firstFailure = firstFailure == null ? e : firstFailure;
            }
        }
        if (firstFailure != null) {
            LOG.warn("Deriving the program-outcomes figures of the referrals {} failed; trying again at the next poll", failed, firstFailure);
        }
        return derived;
    }

    private int deriveUnlessBusy(UnitOfWork uow, List<String> referralIds) throws SQLException {
        int derived = 0;
        for (String referralId : referralIds) {
            derived += figures.refreshUnlessBusy(uow, referralId) ? 1 : 0;
        }
        return derived;
    }

    private void refresh(List<String> referralIds) {
        for (String referralId : referralIds) {
            store.write(uow -> {
                figures.refresh(uow, referralId);
                return null;
            });
        }
    }

    @Override
    public void close() {
        threads.close();
    }
}
