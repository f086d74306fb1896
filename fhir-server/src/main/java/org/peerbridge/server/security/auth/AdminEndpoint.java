package org.peerbridge.server.security.auth;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.peerbridge.mapping.access.Interaction;
import org.peerbridge.server.http.ErrorAnswerWriter;
import org.peerbridge.server.security.access.CallerContext;
import org.peerbridge.server.security.audit.AuditContext;

/**
 * The routing every admin API shares (clients, web users): {@code GET [path]} lists the items,
 * {@code POST [path]} adds one, {@code POST [path]/{id}/{action}} changes one. Each request is audited as
 * {@code <kind>-<action>} and needs the admin scope (403 otherwise); answers are JSON, refusals OperationOutcomes.
 * A subclass says what its items are and how each request is carried out.
 */
abstract class AdminEndpoint extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ErrorAnswerWriter errorAnswers;
    private final String kind;
    private final String auditType;
    private final String collection;
    private final Pattern itemAction;

    /**
     * @param kind       what one item is, lower case: audit subtypes ({@code client-list}) and messages
     * @param collection the plural: the listing's JSON member and the 403's message
     * @param itemAction the item paths, {@code /{id}/{action}}, with the id as group 1 and the action as group 2
     */
    AdminEndpoint(ErrorAnswerWriter errorAnswers, String kind, String collection, Pattern itemAction) {
        this.errorAnswers = errorAnswers;
        this.kind = kind;
        this.auditType = Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
        this.collection = collection;
        this.itemAction = itemAction;
    }

    /** Every item, described as its answers describe it. */
    abstract List<Map<String, Object>> list();

    /** Adds the item the request's body describes, and answers. */
    abstract void add(HttpServletRequest request, HttpServletResponse response) throws IOException;

    /** Carries out {@code action} on item {@code id}, and answers. */
    abstract void change(HttpServletRequest request, HttpServletResponse response, String id, String action) throws IOException;

    @Override
    protected final void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!admin(response, "list", null) || !collectionPath(request, response)) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(collection, list());
        answer(response, 200, body);
    }

    @Override
    protected final void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Matcher item = itemAction.matcher(request.getPathInfo() == null ? "" : request.getPathInfo());
        if (item.matches()) {
            if (admin(response, item.group(2), item.group(1))) {
                change(request, response, item.group(1), item.group(2));
            }
            return;
        }
        if (admin(response, "add", null) && collectionPath(request, response)) {
            add(request, response);
        }
    }

    /** The request's JSON object. */
    static Map<String, Object> body(HttpServletRequest request) throws IOException, ParseException {
        return JSONObjectUtils.parse(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    static void answer(HttpServletResponse response, int status, Map<String, Object> body) throws IOException {
        TokenEndpoint.json(response, status, body);
    }

    /** 201 with the new item's URL. */
    static void created(HttpServletRequest request, HttpServletResponse response, String id, Map<String, Object> described)
            throws IOException {
        response.setHeader("Location", request.getRequestURL() + "/" + id);
        answer(response, 201, described);
    }

    /**
     * Enables or disables item {@code id} ({@code action} is "enable" or "disable") and answers it as it is now
     * ({@code describe}), or 404 saying {@code missing} when there is no such item.
     */
    void switchEnabled(HttpServletResponse response, Registrations<?> items, String id, String action, String missing,
            Function<String, Map<String, Object>> describe) throws IOException {
        if (!items.setEnabled(id, action.equals("enable"))) {
            refuse(response, 404, IssueType.NOTFOUND, missing);
            return;
        }
        answer(response, 200, describe.apply(id));
    }

    void refuse(HttpServletResponse response, int status, IssueType code, String message) throws IOException {
        errorAnswers.write(response, status, code, null, message);
    }

    /** True when the caller's role may manage clients and users (RolePermissions); otherwise the 403 is written. */
    private boolean admin(HttpServletResponse response, String action, String id) throws IOException {
        AuditContext.current().ifPresent(audit -> audit.interaction(kind + "-" + action, "list".equals(action) ? "R" : "U", auditType, id));
        Optional<String> refused = CallerContext.refusal(Interaction.MANAGE_ACCESS, null);
        if (refused.isEmpty()) {
            return true;
        }
        refuse(response, 403, IssueType.FORBIDDEN, refused.get());
        return false;
    }

    private boolean collectionPath(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getPathInfo() == null || request.getPathInfo().equals("/")) {
            return true;
        }
        refuse(response, 404, IssueType.NOTFOUND, "No such " + kind + " management resource: " + request.getPathInfo());
        return false;
    }
}
