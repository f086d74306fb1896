package org.peerbridge.server.security.audit;

import java.util.ArrayList;
import java.util.List;
import org.peerbridge.server.storage.TimeOrderedIds;

/**
 * What one request did, gathered while it runs and stored as one audit_event row: who (client and
 * organization), from where, what (the interaction, the resource or the search, the versions written),
 * when and with what outcome. Holds ids, types and redacted queries only, never resource content.
 */
public final class AuditRecord {

    /** A resource the request touched; version is null when it was read or searched rather than written. */
    public record Entity(String type, String id, Integer version) { }

    /** DICOM "User Authentication" and restful-interaction event types of R4's audit-event-type. */
    public static final String TYPE_REST = "rest";
    public static final String TYPE_LOGIN = "110114";

    private final String id = TimeOrderedIds.next();
    private final long recorded;
    private final String source;
    private final String httpMethod;
    private final String request;
    private String eventType = TYPE_REST;
    private String subtype;
    private String action;
    private String clientId;
    private String organization;
    private String outcomeText;
    private Entity target;
    private final List<Entity> written = new ArrayList<>();
    private final List<Entity> shown = new ArrayList<>();
    private boolean storedWithWrite;
    private boolean finishing;
    private Object currentUnitOfWork;

    /**
     * @param request the method's target as sent, path and query, with the values that might name a person
     *                already redacted ({@link QueryRedaction})
     */
    public AuditRecord(long recorded, String source, String httpMethod, String request) {
        this.recorded = recorded;
        this.source = source;
        this.httpMethod = httpMethod;
        this.request = request;
        this.action = defaultAction(httpMethod);
    }

    private static String defaultAction(String method) {
        return switch (method) {
            case "POST" -> "C";
            case "PUT", "PATCH" -> "U";
            case "DELETE" -> "D";
            default -> "R";
        };
    }

    public void client(String client, String organizationReference) {
        this.clientId = client;
        this.organization = organizationReference;
    }

    /** A token request: the event is a login attempt by the client the assertion claims to be. */
    public void tokenRequest(String claimedClient) {
        eventType = TYPE_LOGIN;
        subtype = "110122";
        action = "E";
        clientId = claimedClient;
    }

    /** The FHIR interaction (restful-interaction code or operation name), its action code and target. */
    public void interaction(String code, String actionCode, String type, String resourceId) {
        subtype = code;
        action = actionCode;
        target = type == null ? null : new Entity(type, resourceId, null);
    }

    /** A resource a web page showed: its type and id go into the audit trail, never what it says. */
    public void shown(String type, String resourceId) {
        Entity entity = new Entity(type, resourceId, null);
        if (!shown.contains(entity) && !entity.equals(target)) {
            shown.add(entity);
        }
    }

    List<Entity> shown() {
        return List.copyOf(shown);
    }

    public void refused(String why) {
        outcomeText = why;
    }

    /** What a request that succeeded set going, for the record (a Bulk Data export accepted as job so-and-so). */
    public void started(String what) {
        outcomeText = what;
    }

    /** A version written by {@code unitOfWork}; another unit of work (the next entry of a batch, a retry) starts a new list. */
    void written(Object unitOfWork, Entity entity) {
        if (unitOfWork != currentUnitOfWork) {
            written.clear();
            currentUnitOfWork = unitOfWork;
        }
        written.add(entity);
    }

    List<Entity> writtenInUnitOfWork() {
        return List.copyOf(written);
    }

    /** The row was inserted by a write's transaction; final outcome only needs storing when it is not success. */
    void storedWithWrite() {
        storedWithWrite = true;
        written.clear();
        currentUnitOfWork = null;
    }

    boolean isStoredWithWrite() {
        return storedWithWrite;
    }

    /**
     * Whether a row may exist already: a write's transaction stored it (and may have rolled back since), or the final
     * outcome was stored, or tried, before. Marks the final outcome as being stored.
     */
    boolean mayHaveRowOnFinish() {
        boolean before = finishing;
        finishing = true;
        return before || storedWithWrite;
    }

    public String id() {
        return id;
    }

    long recorded() {
        return recorded;
    }

    String source() {
        return source;
    }

    String httpMethod() {
        return httpMethod;
    }

    String request() {
        return request;
    }

    String eventType() {
        return eventType;
    }

    String subtype() {
        return subtype;
    }

    String action() {
        return action;
    }

    String clientId() {
        return clientId;
    }

    String organization() {
        return organization;
    }

    String outcomeText() {
        return outcomeText;
    }

    Entity target() {
        return target;
    }
}
