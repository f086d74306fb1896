package org.peerbridge.server.security.audit;

import java.sql.SQLException;
import org.peerbridge.server.storage.UnitOfWork;
import org.peerbridge.server.storage.VersionListener;
import org.peerbridge.server.storage.WrittenVersion;

/**
 * Writes a request's audit record inside the transaction of its writes, so that a committed change is
 * never without its audit row, and a rolled-back one leaves none (the failure is then recorded after
 * the answer, see {@link AuditTrail#finish}).
 */
public final class AuditListener implements VersionListener {

    private final AuditTrail trail;

    public AuditListener(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void written(UnitOfWork uow, WrittenVersion written) {
        AuditContext.current().ifPresent(record ->
                record.written(uow, new AuditRecord.Entity(written.type(), written.id(), written.version())));
    }

    @Override
    public void completing(UnitOfWork uow) throws SQLException {
        var record = AuditContext.current();
        if (record.isPresent()) {
            trail.storeWithWrite(uow.connection(), record.get(), record.get().writtenInUnitOfWork());
            record.get().storedWithWrite();
        }
    }
}
