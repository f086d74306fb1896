package org.peerbridge.server.transaction;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.utilities.json.model.JsonObject;
import org.peerbridge.server.refusal.Refusal;
import org.peerbridge.server.refusal.Refusals;
import org.peerbridge.server.storage.ResourceStore;
import org.peerbridge.server.storage.TimeOrderedIds;
import org.peerbridge.server.storage.UnitOfWork;
import org.peerbridge.server.validation.RequestJson;
import org.peerbridge.server.validation.ResourceValidator;
import org.peerbridge.server.write.ResourceWriter;
import org.peerbridge.server.write.ReferenceWalker;

/**
 * Processes transaction and batch Bundles. A transaction is validated whole first, then runs in one
 * unit of work: entries get their ids up front so urn:uuid references between them resolve, and any
 * failure rolls back every entry. A batch runs each entry on its own and reports each outcome.
 */
public final class TransactionProcessor {

    private final ResourceStore store;
    private final ResourceWriter writer;
    private final ResourceValidator validator;
    private final EntryExecutor executor;
    private final IntakeReplay intakeReplay;
    private final EntryAuthorization authorization;
    private final int maxEntries;

    /** {@code maxEntries}: a Bundle with more entries is refused (413) before any entry is looked at. */
    public TransactionProcessor(ResourceStore store, ResourceWriter writer, ResourceValidator validator,
            EntryExecutor executor, IntakeReplay intakeReplay, EntryAuthorization authorization, int maxEntries) {
        this.maxEntries = maxEntries;
        this.store = store;
        this.writer = writer;
        this.validator = validator;
        this.executor = executor;
        this.intakeReplay = intakeReplay;
        this.authorization = authorization;
    }

    /** {@code originalJson} is the Bundle as the client sent it, or null when it came as XML. */
    public Bundle process(Bundle request, JsonObject originalJson) {
        if (request.getEntry().size() > maxEntries) {
            throw Refusals.tooLarge("Bundle.entry", "The Bundle has " + request.getEntry().size() + " entries; at most " + maxEntries
                    + " are accepted in one request (split it into several Bundles)");
        }
        List<JsonObject> entryJson = RequestJson.entryResources(originalJson, request.getEntry().size());
        if (request.getType() == BundleType.TRANSACTION) {
            return transaction(request, entryJson);
        }
        if (request.getType() == BundleType.BATCH) {
            return batch(request, entryJson);
        }
        throw Refusals.badRequest(IssueType.INVALID, "Bundle.type", "Bundle.type must be 'transaction' or 'batch' to be posted"
                + " to the base URL, not '" + (request.getType() == null ? "" : request.getType().toCode()) + "'");
    }

    private Bundle transaction(Bundle request, List<JsonObject> entryJson) {
        List<BundleEntryComponent> entries = request.getEntry();
        for (int i = 0; i < entries.size(); i++) {
            EntryRequest.checkShape(entries.get(i), i);
            authorization.check(entries.get(i), i);
        }
        OperationOutcome problems = new OperationOutcome();
        for (int i = 0; i < entries.size(); i++) {
            collectErrors(problems, entries.get(i), i, entryJson.get(i));
        }
        if (problems.hasIssue()) {
            throw Refusals.unprocessable(problems); // every problem of every entry in one answer
        }
        return store.write(uow -> {
            // Ids are assigned and references rewritten in a copy: a retry after a lost race (Database.inTransaction)
            // starts again from the entries as sent, not from references to the rolled-back attempt's ids.
            List<BundleEntryComponent> attempt = entries.stream().map(BundleEntryComponent::copy).toList();
            Map<BundleEntryComponent, EntryExecutor.Assigned> assigned = new IdentityHashMap<>();
            Map<String, String> resolved = assignIds(uow, attempt, assigned);
            Optional<Bundle> replay = intakeReplay.previousAnswer(uow, attempt, assigned);
            if (replay.isPresent()) {
                return replay.get();
            }
            attempt.forEach(entry -> rewriteReferences(entry, resolved));
            Bundle response = new Bundle().setType(BundleType.TRANSACTIONRESPONSE);
            attempt.forEach(entry -> response.addEntry());
            for (int i : EntryRequest.processingOrder(attempt)) {
                response.getEntry().set(i, executor.execute(uow, attempt.get(i), i, assigned.get(attempt.get(i))));
            }
            intakeReplay.remember(uow, attempt, response);
            return response;
        });
    }

    private Bundle batch(Bundle request, List<JsonObject> entryJson) {
        Bundle response = new Bundle().setType(BundleType.BATCHRESPONSE);
        List<BundleEntryComponent> entries = request.getEntry();
        for (int i = 0; i < entries.size(); i++) {
            BundleEntryComponent entry = entries.get(i);
            int index = i;
            try {
                EntryRequest.checkShape(entry, index);
                authorization.check(entry, index);
                OperationOutcome problems = new OperationOutcome();
                collectErrors(problems, entry, index, entryJson.get(index));
                if (problems.hasIssue()) {
                    throw Refusals.unprocessable(problems);
                }
                response.addEntry(store.write(uow -> executor.execute(uow, entry, index, null)));
            } catch (Refusal e) {
                response.addEntry(failure(e));
            }
        }
        return response;
    }

    private void collectErrors(OperationOutcome problems, BundleEntryComponent entry, int index, JsonObject originalJson) {
        if (entry.hasResource() && EntryRequest.carriesResource(entry)) {
            ResourceValidator.addErrors(problems, validator.errors(entry.getResource(), originalJson), EntryRequest.location(index));
        }
    }

    /**
     * Decides every POST entry's id before anything is written: the existing resource for a conditional
     * create or duplicate (looked up once, here), else a new time-ordered id. Fills {@code assigned} and returns
     * fullUrl -> Type/id.
     */
    private Map<String, String> assignIds(UnitOfWork uow, List<BundleEntryComponent> entries,
                                          Map<BundleEntryComponent, EntryExecutor.Assigned> assigned) throws SQLException {
        Map<String, String> resolved = new HashMap<>();
        for (BundleEntryComponent entry : entries) {
            if (entry.getRequest().getMethod() != HTTPVerb.POST || !entry.hasResource()) {
                continue;
            }
            Resource resource = entry.getResource();
            String type = resource.fhirType();
            Optional<Resource> existing = writer.findExisting(uow, resource, entry.getRequest().getIfNoneExist());
            String id = existing.map(found -> found.getIdElement().getIdPart()).orElseGet(TimeOrderedIds::next);
            assigned.put(entry, new EntryExecutor.Assigned(id, existing));
            uow.reserve(type, id);
            if (entry.hasFullUrl()) {
                resolved.put(entry.getFullUrl(), type + "/" + id);
            }
        }
        for (BundleEntryComponent entry : entries) {
            if (entry.getRequest().getMethod() != HTTPVerb.PUT || !entry.hasResource()) {
                continue;
            }
            // A PUT may create its target (update as create): entries may point at it whatever their order.
            IdType target = new IdType(entry.getRequest().getUrl());
            if (target.hasResourceType() && target.hasIdPart()) {
                uow.reserve(target.getResourceType(), target.getIdPart());
            }
            if (entry.hasFullUrl()) {
                resolved.putIfAbsent(entry.getFullUrl(), entry.getRequest().getUrl());
            }
        }
        return resolved;
    }

    private static void rewriteReferences(BundleEntryComponent entry, Map<String, String> resolved) {
        if (!entry.hasResource()) {
            return;
        }
        for (ReferenceWalker.Located located : ReferenceWalker.references(entry.getResource())) {
            String target = resolved.get(located.reference().getReference());
            if (target != null) {
                located.reference().setReference(target);
            }
        }
    }

    private static BundleEntryComponent failure(Refusal refusal) {
        BundleEntryComponent entry = new BundleEntryComponent();
        int status = refusal.reason().status();
        entry.getResponse().setStatus(status + " " + org.eclipse.jetty.http.HttpStatus.getMessage(status));
        entry.getResponse().setOutcome(refusal.operationOutcome());
        return entry;
    }
}
