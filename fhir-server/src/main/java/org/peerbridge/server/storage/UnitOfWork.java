package org.peerbridge.server.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Resource;

/**
 * One request's database transaction: every write of a request (a whole transaction Bundle included)
 * goes through one UnitOfWork, commits together, or not at all. Writes get a new version, a history
 * row and fresh search-index rows.
 */
public final class UnitOfWork {

    private final Connection connection;
    private final ResourceTable resources;
    private final IndexTable indexes;
    private final ResourceIndexer extractor;
    private final ResourceCodec codec;
    private final List<VersionListener> listeners;
    private final long now;
    private final List<SqlAction> beforeCommit = new ArrayList<>();
    private final java.util.Set<String> reserved = new java.util.HashSet<>();
    private boolean wroteAnything;

    UnitOfWork(Connection connection, ResourceTable resources, IndexTable indexes, ResourceIndexer extractor,
            ResourceCodec codec, List<VersionListener> listeners, long now) {
        this.connection = connection;
        this.resources = resources;
        this.indexes = indexes;
        this.extractor = extractor;
        this.codec = codec;
        this.listeners = listeners;
        this.now = now;
    }

    public Connection connection() {
        return connection;
    }

    /** The database's time when this transaction started: every version it writes was last updated then. */
    public Date now() {
        return new Date(now);
    }

    /** The current row, live or deleted. */
    public Optional<StoredVersion> currentRow(String type, String id) throws SQLException {
        return resources.current(connection, type, id);
    }

    /** The current row, locked until this unit of work ends, so two updates cannot interleave. */
    public Optional<StoredVersion> lockCurrentRow(String type, String id) throws SQLException {
        return resources.currentForUpdate(connection, type, id);
    }

    /** As {@link #lockCurrentRow}, but empty at once, instead of waiting, while another unit of work holds the lock. */
    public Optional<StoredVersion> lockCurrentRowUnlessLocked(String type, String id) throws SQLException {
        return resources.currentForUpdateUnlessLocked(connection, type, id);
    }

    /** The live resource, if it exists and is not deleted. */
    public Optional<Resource> read(String type, String id) throws SQLException {
        Optional<StoredVersion> row = currentRow(type, id);
        return row.filter(r -> !r.deleted()).map(codec::decode);
    }

    /**
     * Live and visible to the caller, or about to be created by this same unit of work (entries of one
     * transaction may point at each other). A write may not point at what its caller cannot see.
     */
    public boolean exists(String type, String id) throws SQLException {
        return reserved.contains(type + "/" + id) || readVisible(type, id).isPresent();
    }

    /** The live resource if the caller's {@link ReadScope} lets it see it. */
    public Optional<Resource> readVisible(String type, String id) throws SQLException {
        return ReadScope.current().visible(connection, type, id) ? read(type, id) : Optional.empty();
    }

    /** Whether the caller may change this existing resource (see {@link ReadScope#changeable}). */
    public boolean changeable(String type, String id) throws SQLException {
        return ReadScope.current().changeable(connection, type, id);
    }

    /** Announces that this unit of work will create Type/id, so references to it already count as resolved. */
    public void reserve(String type, String id) {
        reserved.add(type + "/" + id);
    }

    public Resource decode(StoredVersion row) {
        return codec.decode(row);
    }

    /** Stores a new resource as version 1; assigns an id unless the resource carries one. */
    public Resource create(Resource resource) throws SQLException {
        String type = resource.fhirType();
        String id = resource.getIdElement().hasIdPart() ? resource.getIdElement().getIdPart() : TimeOrderedIds.next();
        stamp(resource, type, id, 1);
        resources.insertFirst(connection, row(resource, type, id, 1, false, "POST"));
        indexes.replace(connection, type, id, extractor.extract(resource), false);
        announce(new WrittenVersion(type, id, 1, WrittenVersion.Method.CREATE, resource, null));
        return resource;
    }

    /** Stores a new version over {@code current}; false when another writer got there first. */
    public boolean update(Resource resource, StoredVersion current) throws SQLException {
        String type = current.type();
        int version = current.version() + 1;
        stamp(resource, type, current.id(), version);
        if (!resources.replace(connection, row(resource, type, current.id(), version, false, "PUT"), current)) {
            return false;
        }
        indexes.replace(connection, type, current.id(), extractor.extract(resource), true);
        announce(new WrittenVersion(type, current.id(), version, WrittenVersion.Method.UPDATE, resource, current));
        return true;
    }

    /** Records a deletion as a new version without a body, and drops the search-index rows. */
    public boolean delete(StoredVersion current) throws SQLException {
        int version = current.version() + 1;
        StoredVersion tombstone = new StoredVersion(current.type(), current.id(), version, now, true, "DELETE", null);
        if (!resources.replace(connection, tombstone, current)) {
            return false;
        }
        indexes.remove(connection, current.type(), current.id());
        announce(new WrittenVersion(current.type(), current.id(), version, WrittenVersion.Method.DELETE, null, current));
        return true;
    }

    public List<String> referrersOf(String type, String id) throws SQLException {
        return indexes.referrersOf(connection, type, id);
    }

    /** Work to do once every write of the request is in, just before commit (e.g. the referral's Task). */
    public void beforeCommit(SqlAction action) {
        beforeCommit.add(action);
    }

    void runBeforeCommit() throws SQLException {
        for (int i = 0; i < beforeCommit.size(); i++) {
            beforeCommit.get(i).run();
        }
        if (wroteAnything) {
            for (VersionListener listener : listeners) {
                listener.completing(this);
            }
        }
    }

    private void announce(WrittenVersion written) throws SQLException {
        wroteAnything = true;
        for (VersionListener listener : listeners) {
            listener.written(this, written);
        }
    }

    private void stamp(Resource resource, String type, String id, int version) {
        resource.setId(type + "/" + id + "/_history/" + version);
        resource.getMeta().setVersionId(Integer.toString(version));
        resource.getMeta().setLastUpdated(new Date(now));
    }

    private StoredVersion row(Resource resource, String type, String id, int version, boolean deleted, String method) {
        return new StoredVersion(type, id, version, now, deleted, method, codec.encode(resource));
    }

    /** A step that may touch the database. */
    @FunctionalInterface
    public interface SqlAction {
        void run() throws SQLException;
    }
}
