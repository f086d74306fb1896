package org.peerbridge.server.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a bounded wait runs out; never a blind sleep. */
public final class Eventually {

    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
    private static final long POLL_MS = 25;

    private Eventually() {
    }

    public static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT_WAIT, condition);
    }

    public static void until(String what, Duration wait, BooleanSupplier condition) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited " + wait.toSeconds() + " s for: " + what);
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for: " + what, e);
            }
        }
    }

    /** Waits until the supplier gives a value the condition accepts, and returns it. */
    public static <T> T value(String what, Supplier<T> supplier, java.util.function.Predicate<T> condition) {
        Object[] last = new Object[1];
        until(what, () -> {
            last[0] = supplier.get();
            return condition.test((T) last[0]);
        });
        @SuppressWarnings("unchecked")
        T result = (T) last[0];
        return result;
    }
}
