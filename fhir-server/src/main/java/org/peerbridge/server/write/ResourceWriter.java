package org.peerbridge.server.write;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.peerbridge.mapping.rules.RuleViolation;
import org.peerbridge.server.refusal.Refusals;
import org.peerbridge.server.search.LocalReference;
import org.peerbridge.server.search.QueryString;
import org.peerbridge.server.search.SearchRequest;
import org.peerbridge.server.search.SearchRequestParser;
import org.peerbridge.server.search.SearchService;
import org.peerbridge.server.storage.StoredVersion;
import org.peerbridge.server.storage.UnitOfWork;

/**
 * Create, update and delete inside a {@link UnitOfWork}: conditional create, version checks, reference
 * integrity and the domain rules ({@link WriteRule}). Used alike by the REST providers and the transaction
 * processor, so a resource gets the same treatment on its own or inside a Bundle, and by the rules themselves
 * for the versions the server writes ({@link ServerWrites}), which meet the same rules. {@code location} is
 * the FHIRPath of the resource in the request (null on its own, Bundle.entry[n].resource inside a Bundle).
 *
 * <p>What only a client's write is checked for: that what it changes exists and is its own, that its
 * references resolve to what it may see, and its conditional create. The server's versions point only at
 * what the rule that writes them has just read.
 */
public final class ResourceWriter {

    /** What a write did: stored a new resource, or found (create) or replaced (update) an existing one. */
    public record WriteResult(Resource resource, boolean created) { }

    private final SearchService search;
    private final SearchRequestParser parser;
    private final WriteRuleSet rules;
    private final Supplier<Actor> clients;

    /** @param clients who the current request's client is (the server itself outside a request) */
    public ResourceWriter(SearchService search, SearchRequestParser parser, WriteRuleSet rules, Supplier<Actor> clients) {
        this.search = search;
        this.parser = parser;
        this.rules = rules;
        this.clients = clients;
    }

    public WriteResult create(UnitOfWork uow, Resource incoming, String ifNoneExist, String location) throws SQLException {
        return create(uow, incoming, ifNoneExist, null, location);
    }

    private WriteResult create(UnitOfWork uow, Resource incoming, String ifNoneExist, String assignedId, String location)
            throws SQLException {
        Optional<Resource> existing = findExisting(uow, incoming, ifNoneExist);
        if (existing.isPresent()) {
            return new WriteResult(existing.get(), false);
        }
        return createNew(uow, incoming, ifNoneExist, assignedId, location);
    }

    /**
     * Creates a resource the caller has already looked for ({@link #findExisting}), with an id chosen
     * beforehand ({@code assignedId}), as a transaction does so that entries can point at each other;
     * null lets the store pick one. A client's own id is never kept on create.
     */
    public WriteResult createNew(UnitOfWork uow, Resource incoming, String ifNoneExist, String assignedId, String location)
            throws SQLException {
        incoming.setId(assignedId);
        Resource created = store(uow, clients.get(), checkReferences(uow, incoming), incoming, ifNoneExist, location);
        return new WriteResult(created, true);
    }

    /** What a create of {@code incoming} would answer with instead of storing it: its conditional match or its duplicate. */
    public Optional<Resource> findExisting(UnitOfWork uow, Resource incoming, String ifNoneExist) throws SQLException {
        if (ifNoneExist != null && !ifNoneExist.isBlank()) {
            Optional<Resource> match = conditionalMatch(uow, incoming.fhirType(), ifNoneExist);
            if (match.isPresent()) {
                return match;
            }
        }
        WriteContext write = new WriteContext(uow, clients.get(), null, incoming, new ServerWrites(this, uow));
        for (WriteRule rule : rules.forType(incoming.fhirType())) {
            Optional<Resource> duplicate = rule.existingDuplicate(write);
            if (duplicate.isPresent()) {
                return duplicate;
            }
        }
        return Optional.empty();
    }

    /**
     * Replaces the current version; {@code expectedVersion} (from If-Match) must still be current. A
     * resource that does not exist yet is created with the client's id (update as create), so a client
     * can load data with ids of its own, e.g. the program directory.
     */
    public WriteResult update(UnitOfWork uow, String id, Resource incoming, String expectedVersion, String location)
            throws SQLException {
        String type = incoming.fhirType();
        if (incoming.getIdElement().hasIdPart() && !incoming.getIdElement().getIdPart().equals(id)) {
            throw Refusals.badRequest(IssueType.INVALID, Refusals.relocate(type + ".id", location),
                    "The resource id '" + incoming.getIdElement().getIdPart() + "' does not match the URL id '" + id + "'");
        }
        for (WriteRule rule : rules.forType(type)) {
            rule.lockAhead(uow, id);
        }
        Optional<StoredVersion> found = uow.lockCurrentRow(type, id);
        if (found.isPresent()) {
            requireChangeable(uow, type, id);
        }
        if (found.isEmpty()) {
            if (expectedVersion != null) {
                throw Refusals.notFound(type, id);
            }
            return create(uow, incoming, null, id, location);
        }
        StoredVersion current = found.get();
        if (current.deleted()) {
            throw Refusals.gone(type, id, current.version());
        }
        if (expectedVersion != null && !expectedVersion.equals(Integer.toString(current.version()))) {
            throw Refusals.preconditionFailed(Refusals.HTTP_LOCATION + "If-Match", "If-Match names version " + expectedVersion
                    + " but " + type + "/" + id + " is at version " + current.version());
        }
        List<RuleViolation> referenceProblems = checkReferences(uow, incoming);
        replace(uow, clients.get(), current, uow.decode(current), incoming, referenceProblems, location);
        return new WriteResult(incoming, false);
    }

    /** Deletes a live resource; refused while other resources still point at it. Deleting twice is fine. */
    public void delete(UnitOfWork uow, String type, String id) throws SQLException {
        StoredVersion current = lockChangeable(uow, type, id);
        if (current.deleted()) {
            return;
        }
        failOn(deleteProblems(uow, current), null);
        ConditionalClaims.release(uow, type, id);
        uow.delete(current);
    }

    /**
     * Why deleting {@code type/id} now would be refused, without deleting it ($validate with mode=delete);
     * empty when it would be allowed. A resource the caller may not change is refused as {@link #delete} would.
     */
    public List<RuleViolation> deleteProblems(UnitOfWork uow, String type, String id) throws SQLException {
        StoredVersion current = lockChangeable(uow, type, id);
        return current.deleted() ? List.of() : deleteProblems(uow, current);
    }

    private StoredVersion lockChangeable(UnitOfWork uow, String type, String id) throws SQLException {
        StoredVersion current = uow.lockCurrentRow(type, id).orElseThrow(() -> Refusals.notFound(type, id));
        requireChangeable(uow, type, id);
        return current;
    }

    /** The objections of the type's rules; only when there are none, whether it is still referenced (a conflict). */
    private List<RuleViolation> deleteProblems(UnitOfWork uow, StoredVersion current) throws SQLException {
        String type = current.type();
        String id = current.id();
        DeleteContext delete = new DeleteContext(uow, clients.get(), type, id);
        List<RuleViolation> violations = new ArrayList<>();
        for (WriteRule rule : rules.forType(type)) {
            violations.addAll(rule.checkDelete(delete)); // first: a role that may not delete learns nothing about what points here
        }
        if (violations.stream().anyMatch(v -> !v.isWarning())) {
            return violations;
        }
        List<String> referrers = uow.referrersOf(type, id);
        if (!referrers.isEmpty()) {
            violations.add(new RuleViolation(RuleViolation.Kind.CONFLICT, IssueType.CONFLICT, null, type + "/" + id
                    + " is still referenced by " + String.join(", ", referrers.subList(0, Math.min(5, referrers.size())))
                    + (referrers.size() > 5 ? " and " + (referrers.size() - 5) + " more" : "")));
        }
        return violations;
    }

    /** A new resource through every rule of its type: prepare, check, store as version 1, after. */
    Resource store(UnitOfWork uow, Actor actor, List<RuleViolation> clientProblems, Resource incoming, String ifNoneExist,
            String location) throws SQLException {
        WriteContext write = new WriteContext(uow, actor, null, incoming, new ServerWrites(this, uow));
        List<WriteRule> typeRules = prepareAndCheck(write, clientProblems, location);
        Resource created = uow.create(incoming);
        if (ifNoneExist != null && !ifNoneExist.isBlank()) {
            ConditionalClaims.claim(uow, incoming.fhirType(), ifNoneExist, created.getIdElement().getIdPart());
        }
        for (WriteRule rule : typeRules) {
            rule.after(write);
        }
        return created;
    }

    /** A new version over {@code current} through every rule of its type; another writer's version first is a conflict. */
    void replace(UnitOfWork uow, Actor actor, StoredVersion current, Resource before, Resource incoming,
            List<RuleViolation> clientProblems, String location) throws SQLException {
        WriteContext write = new WriteContext(uow, actor, before, incoming, new ServerWrites(this, uow));
        List<WriteRule> typeRules = prepareAndCheck(write, clientProblems, location);
        ConditionalClaims.release(uow, current.type(), current.id());
        if (!uow.update(incoming, current)) {
            throw Refusals.conflict(IssueType.CONFLICT, null, current.type() + "/" + current.id()
                    + " changed while this update ran; read it again");
        }
        for (WriteRule rule : typeRules) {
            rule.after(write);
        }
    }

    /** Every rule prepares, then every rule checks; refuses on any error (with the client's own problems). */
    private List<WriteRule> prepareAndCheck(WriteContext write, List<RuleViolation> clientProblems, String location)
            throws SQLException {
        List<WriteRule> typeRules = rules.forType(write.resource().fhirType());
        for (WriteRule rule : typeRules) {
            rule.prepare(write);
        }
        List<RuleViolation> violations = new ArrayList<>(clientProblems);
        for (WriteRule rule : typeRules) {
            violations.addAll(rule.check(write));
        }
        failOn(violations, location);
        return typeRules;
    }

    /**
     * Before anything about an existing resource is revealed or changed: one the caller may not see does
     * not exist for it (404); a shared one (the directory) it may read but not change (403).
     */
    private static void requireChangeable(UnitOfWork uow, String type, String id) throws SQLException {
        if (!uow.changeable(type, id)) {
            if (uow.readVisible(type, id).isPresent()) {
                throw Refusals.forbidden(type + "/" + id + " belongs to another organization: it can be read, not changed");
            }
            throw Refusals.notFound(type, id);
        }
    }

    /** The resource a conditional create would return instead of creating, if any. */
    public Optional<Resource> conditionalMatch(UnitOfWork uow, String type, String criteria) throws SQLException {
        SearchRequest request = parser.parse(type, QueryString.parse(criteria, "If-None-Exist"));
        List<String> ids = search.matchingIds(uow.connection(), request);
        if (ids.size() > 1) {
            throw Refusals.preconditionFailed(Refusals.HTTP_LOCATION + "If-None-Exist",
                    "If-None-Exist '" + criteria + "' matches more than one " + type);
        }
        return ids.isEmpty() ? Optional.empty() : uow.readVisible(type, ids.get(0));
    }

    /** Every local reference must point at a live resource; unresolved urn: references are refused. */
    private static List<RuleViolation> checkReferences(UnitOfWork uow, Resource resource) throws SQLException {
        List<RuleViolation> violations = new ArrayList<>();
        for (ReferenceWalker.Located located : ReferenceWalker.references(resource)) {
            Reference reference = located.reference();
            if (!reference.hasReference() || reference.getReference().startsWith("#")) {
                continue;
            }
            String value = reference.getReference();
            if (value.startsWith("urn:")) {
                violations.add(RuleViolation.invalid(IssueType.NOTFOUND, located.path(),
                        "'" + value + "' does not match the fullUrl of any entry in this request"));
                continue;
            }
            Optional<LocalReference> local = LocalReference.parse(value);
            if (local.isPresent() && !uow.exists(local.get().type(), local.get().id())) {
                violations.add(RuleViolation.invalid(IssueType.NOTFOUND, located.path(),
                        "'" + value + "' does not exist on this server"));
            }
        }
        return violations;
    }

    /** Refuses the write when any violation is an error; warnings only ride along with errors. */
    private static void failOn(List<RuleViolation> violations, String location) {
        if (violations.stream().anyMatch(v -> !v.isWarning())) {
            throw Refusals.fromViolations(oncePerProblem(violations), location);
        }
    }

    /** The reference check and a domain rule may both find one missing target: it is reported once. */
    private static List<RuleViolation> oncePerProblem(List<RuleViolation> violations) {
        Set<String> seen = new HashSet<>();
        return violations.stream().filter(v -> seen.add(v.code() + " " + v.expression())).toList();
    }
}
