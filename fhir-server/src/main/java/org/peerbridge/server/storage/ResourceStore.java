package org.peerbridge.server.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The storage entry point for providers: runs a request's work in one {@link UnitOfWork}, and answers
 * reads and history outside of any write.
 */
public final class ResourceStore {

    private final Database database;
    private final ResourceTable resources = new ResourceTable();
    private final IndexTable indexes = new IndexTable();
    private final ResourceIndexer extractor;
    private final ResourceCodec codec;
    private final List<VersionListener> listeners = new CopyOnWriteArrayList<>();

    public ResourceStore(Database database, ResourceIndexer extractor, ResourceCodec codec) {
        this.database = database;
        this.extractor = extractor;
        this.codec = codec;
    }

    /** Adds a listener told of every version written from now on, inside the writing transaction. */
    public void addVersionListener(VersionListener listener) {
        listeners.add(listener);
    }

    public ResourceCodec codec() {
        return codec;
    }

    public Database database() {
        return database;
    }

    /**
     * Runs the work and its before-commit steps in one transaction, counted as open (see
     * {@link ChangeHorizon}) until it has committed or rolled back.
     */
    public <T> T write(WriteWork<T> work) {
        try (ChangeHorizon.OpenWrite open = database.changeHorizon().opening()) {
            return database.inTransaction(connection -> {
                UnitOfWork unitOfWork = new UnitOfWork(connection, resources, indexes, extractor, codec, listeners,
                        DatabaseClock.transactionStart(connection));
                T result = work.run(unitOfWork);
                unitOfWork.runBeforeCommit();
                return result;
            });
        }
    }

    /** The time before which every change is committed ({@link ChangeHorizon}), read on {@code c} before a search. */
    public long changeHorizon(Connection c) throws SQLException {
        return database.changeHorizon().horizon(c);
    }

    /** The current row as the caller may see it: empty when it does not exist or is outside the caller's {@link ReadScope}. */
    public Optional<StoredVersion> current(String type, String id) {
        return database.inTransaction(c -> visibleOnly(c, resources.current(c, type, id)));
    }

    public Optional<StoredVersion> version(String type, String id, int version) {
        return database.inTransaction(c -> version(c, type, id, version));
    }

    /** A version as the caller may see it, read in a transaction the caller already has open. */
    public Optional<StoredVersion> version(Connection c, String type, String id, int version) throws SQLException {
        return visibleOnly(c, resources.version(c, type, id, version));
    }

    private static Optional<StoredVersion> visibleOnly(Connection c, Optional<StoredVersion> row) throws SQLException {
        return row.isPresent() && ReadScope.current().visible(c, row.get().type(), row.get().id()) ? row : Optional.empty();
    }

    public HistoryPage history(HistoryScope scope, int offset, int count) {
        return database.inTransaction(c -> new HistoryPage(resources.historyCount(c, scope),
                resources.history(c, scope, offset, count)));
    }

    public <T> T read(Database.TransactionWork<T> work) {
        return database.inTransaction(work);
    }

    /** One page of history rows and how many there are in all. */
    public record HistoryPage(int total, List<StoredVersion> rows) {
    }

    /** Work done inside one write transaction. */
    @FunctionalInterface
    public interface WriteWork<T> {
        T run(UnitOfWork unitOfWork) throws java.sql.SQLException;
    }
}
