package org.peerbridge.server.population;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.Resource;
import org.peerbridge.server.storage.ResourceCodec;
import org.peerbridge.server.storage.StoredVersion;

/**
 * Decodes a stream of stored resources on every core, a batch at a time, and hands them on in their stored order.
 * Parsing the JSON of every session and score is most of a program-outcomes report's work; the database read
 * stays on the caller's thread and connection.
 */
final class BatchDecoder {

    private static final int BATCH = 1_000;

    private final ResourceCodec codec;
    private final Consumer<Resource> each;
    private final List<StoredVersion> batch = new ArrayList<>(BATCH);

    BatchDecoder(ResourceCodec codec, Consumer<Resource> each) {
        this.codec = codec;
        this.each = each;
    }

    void add(StoredVersion row) {
        batch.add(row);
        if (batch.size() == BATCH) {
            finish();
        }
    }

    /** Decodes and hands on what is still batched. */
    void finish() {
        batch.parallelStream().map(codec::decode).toList().forEach(each);
        batch.clear();
    }
}
