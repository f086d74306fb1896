package org.peerbridge.server.security.launch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.peerbridge.server.security.auth.Registrations;
import org.peerbridge.server.storage.Database;
import org.peerbridge.server.storage.Jdbc;

/** The registered EHRs, in the database so every replica and the {@code ehrs} command share them. */
public final class EhrRegistry implements Registrations<EhrRegistration> {

    private static final String COLUMNS = "name, issuer, organization, client_id, jwks, jwks_url, enabled, created";

    private final Database database;

    public EhrRegistry(Database database) {
        this.database = database;
    }

    /** Registers an EHR; false when its name or its issuer is taken (nothing is changed then). */
    @Override
    public boolean add(EhrRegistration ehr) {
        return database.inTransaction(c -> {
            if (Jdbc.queryOne(c, "SELECT 1 FROM ehr_registration WHERE name = ? OR issuer = ?", row -> true, ehr.name(), ehr.issuer())
                    .isPresent()) {
                return false;
            }
            Jdbc.update(c, "INSERT INTO ehr_registration (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ehr.name(), ehr.issuer(),
                    ehr.organization(), ehr.clientId(), ehr.jwks(), ehr.jwksUrl(), ehr.enabled(), ehr.created());
            return true;
        });
    }

    public Optional<EhrRegistration> find(String name) {
        return database.inTransaction(c -> Jdbc.queryOne(c, "SELECT " + COLUMNS + " FROM ehr_registration WHERE name = ?",
                EhrRegistry::read, name));
    }

    /** The enabled EHR whose issuer is {@code issuer} (a trailing slash aside). */
    public Optional<EhrRegistration> enabledByIssuer(String issuer) {
        return database.inTransaction(c -> Jdbc.queryOne(c, "SELECT " + COLUMNS + " FROM ehr_registration WHERE issuer = ? AND enabled = TRUE",
                EhrRegistry::read, EhrRequests.issuer(issuer)));
    }

    @Override
    public List<EhrRegistration> list() {
        return database.inTransaction(c -> Jdbc.queryList(c, "SELECT " + COLUMNS + " FROM ehr_registration ORDER BY name", EhrRegistry::read));
    }

    /** Enables or disables an EHR: disabled, it launches no one and the sessions it opened end. False when there is none. */
    @Override
    public boolean setEnabled(String name, boolean enabled) {
        return database.inTransaction(c -> Jdbc.update(c, "UPDATE ehr_registration SET enabled = ? WHERE name = ?", enabled, name) == 1);
    }

    private static EhrRegistration read(ResultSet rs) throws SQLException {
        return new EhrRegistration(rs.getString("name"), rs.getString("issuer"), rs.getString("organization"), rs.getString("client_id"),
                rs.getString("jwks"), rs.getString("jwks_url"), rs.getBoolean("enabled"), rs.getLong("created"));
    }
}
