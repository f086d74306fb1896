package org.peerbridge.server.population;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.peerbridge.server.background.PollingThreads;
import org.peerbridge.server.storage.ReadScope;
import org.peerbridge.server.storage.ResourceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Derives the rows of stale referrals ({@link ParticipantFigures#refresh}) off the write path: in the background a
 * short while after their writes, so a burst of writes to one referral costs one derivation, and before each report
 * for whatever is still marked, so a report reflects every acknowledged write. Several replicas may derive the same
 * referral, which is harmless (the Task lock orders them).
 *
 * <p>The background derives up to {@value #TOGETHER} referrals in one transaction, so that one commit, not one per
 * referral, carries a burst of new referrals' rows; it skips a referral whose Task another transaction holds
 * ({@link ParticipantFigures#refreshUnlessBusy}) and so never waits on a lock while holding others. A report derives
 * each referral in a transaction of its own, waiting for its Task: it must not skip one.
 */
public final class ParticipantRefresher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ParticipantRefresher.class);
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    private static final int BATCH = 100;
    private static final int TOGETHER = 25;

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
                derived = refreshTogether(batch);
            } while (batch.size() == BATCH && derived > 0);
        } catch (RuntimeException e) {
            LOG.warn("Deriving stale program-outcomes figures failed; trying again at the next poll", e);
        }
    }

    /** How many of the referrals were derived: groups in id order, each in one transaction, those busy left for later. */
    private int refreshTogether(List<String> referralIds) {
        List<String> ordered = referralIds.stream().sorted().toList();
        int derived = 0;
        for (int from = 0; from < ordered.size(); from += TOGETHER) {
            List<String> group = ordered.subList(from, Math.min(from + TOGETHER, ordered.size()));
            try {
                derived += refreshUnlessBusy(group);
            } catch (RuntimeException e) {
                derived += oneByOne(group);
            }
        }
        return derived;
    }

    /** Each referral in a transaction of its own, so that one that cannot be derived holds back no other. */
    private int oneByOne(List<String> referralIds) {
        int derived = 0;
        List<String> failed = new ArrayList<>();
        RuntimeException firstFailure = null;
        for (String referralId : referralIds) {
            try {
                derived += refreshUnlessBusy(List.of(referralId));
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

    private int refreshUnlessBusy(List<String> referralIds) {
        return store.write(uow -> {
            int derived = 0;
            for (String referralId : referralIds) {
                derived += figures.refreshUnlessBusy(uow, referralId) ? 1 : 0;
            }
            return derived;
        });
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
