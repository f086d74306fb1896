package org.peerbridge.server.health;

import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * Whether this process should get new requests: the database answers, the audit trail can be written (without
 * it every answer is withheld), writes can be validated (the validator has loaded its definitions, which takes a
 * while after start), and it is not draining for shutdown. A balancer stops routing to a replica that is not
 * ready, before it goes away.
 */
public final class Readiness {

    private static final int DATABASE_TIMEOUT_SECONDS = 2;

    private final DataSource database;
    private final BooleanSupplier validatorLoaded;
    private final BooleanSupplier auditWritable;
    private final AtomicBoolean draining = new AtomicBoolean();

    public Readiness(DataSource database, BooleanSupplier validatorLoaded, BooleanSupplier auditWritable) {
        this.database = database;
        this.validatorLoaded = validatorLoaded;
        this.auditWritable = auditWritable;
    }

    /** From now on the process reports not ready (it keeps serving what it gets). */
    public void startDraining() {
        draining.set(true);
    }

    /** Each check by name, true when it passes; ready when all pass. */
    public Map<String, Boolean> checks() {
        Map<String, Boolean> checks = new LinkedHashMap<>();
        boolean database = databaseAnswers();
        checks.put("database", database);
        checks.put("audit", database && auditWritable.getAsBoolean());
        checks.put("validator", validatorLoaded.getAsBoolean());
        checks.put("accepting", !draining.get());
        return checks;
    }

    private boolean databaseAnswers() {
        try (Connection connection = database.getConnection()) {
            return connection.isValid(DATABASE_TIMEOUT_SECONDS);
        } catch (Exception e) {
            return false;
        }
    }
}
