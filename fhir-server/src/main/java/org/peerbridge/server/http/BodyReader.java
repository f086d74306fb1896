package org.peerbridge.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a request body into memory, at most a given number of bytes, and no slower than a minimum
 * average rate counted from the first read: a body that trickles in (or stops until the idle timeout)
 * is given up on with {@link TooSlow}, so it cannot hold a thread for as long as its sender likes.
 * The clock starts here, not when the request arrived, so time the server spent before reading (a
 * busy database during authentication) never counts against the client. Jetty's own minimum data
 * rate counts from the request's arrival, and so refused small bodies on a busy server.
 */
final class BodyReader {

    /** Reads shorter than this are never judged: a body's first packets may take a moment. */
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long minBytesPerSecond;

    /** {@code minBytesPerSecond}: 0 turns the rate check off (the connector's idle timeout still applies). */
    BodyReader(long minBytesPerSecond) {
        this.minBytesPerSecond = minBytesPerSecond;
    }

    /** The body, or its first {@code limit} bytes when it is longer. */
    byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long started = System.nanoTime();
        long total = 0;
        int n;
        try {
            while (total < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total))) > 0) {
                out.write(buffer, 0, n);
                total += n;
                long elapsed = System.nanoTime() - started;
                if (minBytesPerSecond > 0 && elapsed > GRACE_NANOS && total * 1_000_000_000.0 / elapsed < minBytesPerSecond) {
                    throw new TooSlow(minBytesPerSecond);
                }
            }
        } catch (IOException e) {
            if (isTimeout(e)) {
                throw new TooSlow(minBytesPerSecond);
            }
            throw e;
        }
        return out.toByteArray();
    }

    private static boolean isTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The body arrived slower than the minimum rate, or stopped arriving. */
    static final class TooSlow extends IOException {
        TooSlow(long minBytesPerSecond) {
            super(minBytesPerSecond > 0 ? "The request body arrived slower than " + minBytesPerSecond + " bytes per second, or stopped arriving"
                    : "The request body stopped arriving");
        }
    }
}
