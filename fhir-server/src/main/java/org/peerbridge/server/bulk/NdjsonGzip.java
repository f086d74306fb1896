package org.peerbridge.server.bulk;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * How an export's pages are kept: gzip at the fastest level. FHIR JSON shrinks to about a ninth. That matters most
 * on H2, where each commit writes the changes of every open transaction under one lock: an API request committing
 * while the export holds a page not yet committed writes that page too, and the requests behind it wait.
 */
final class NdjsonGzip {

    private NdjsonGzip() {
    }

    static byte[] compress(String ndjson) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(ndjson.length() / 8);
        try (GZIPOutputStream gzip = new FastGzip(bytes)) {
            gzip.write(ndjson.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return bytes.toByteArray();
    }

    static String decompress(byte[] gzipped) {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return new String(gzip.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("A stored export chunk is not valid gzip", e);
        }
    }

    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(ByteArrayOutputStream out) throws IOException {
            super(out);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
