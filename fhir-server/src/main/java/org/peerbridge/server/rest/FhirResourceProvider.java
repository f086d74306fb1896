package org.peerbridge.server.rest;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.model.valueset.BundleEntryTransactionMethodEnum;
import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.annotation.Validate;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.ValidationModeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.utilities.json.model.JsonObject;
import org.peerbridge.server.refusal.Refusals;
import org.peerbridge.server.search.SearchRequestParser;
import org.peerbridge.server.search.SearchService;
import org.peerbridge.server.storage.HistoryScope;
import org.peerbridge.server.storage.ResourceStore;
import org.peerbridge.server.storage.StoredVersion;
import org.peerbridge.server.validation.RequestJson;
import org.peerbridge.server.validation.ResourceValidator;
import org.peerbridge.server.write.ResourceWriter;

/**
 * The REST interactions of one resource type, the same for every type PeerBridge serves: read, vread,
 * create (conditional too), update with If-Match, delete, history, search and $validate. Read-only
 * types (the published profiles) refuse writes with 405.
 */
public final class FhirResourceProvider implements IResourceProvider {

    private final Class<? extends Resource> type;
    private final String typeName;
    private final boolean readOnly;
    private final ResourceStore store;
    private final ResourceWriter writer;
    private final ResourceValidator validator;
    private final SearchRequestParser parser;
    private final SearchService search;

    public FhirResourceProvider(Class<? extends Resource> type, String typeName, boolean readOnly, ResourceStore store,
            ResourceWriter writer, ResourceValidator validator, SearchRequestParser parser, SearchService search) {
        this.type = type;
        this.typeName = typeName;
        this.readOnly = readOnly;
        this.store = store;
        this.writer = writer;
        this.validator = validator;
        this.parser = parser;
        this.search = search;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return type;
    }

    @Read(version = true)
    public Resource read(@IdParam IdType id) {
        StoredVersion row = id.hasVersionIdPart()
                ? store.version(typeName, id.getIdPart(), versionNumber(id))
                        .orElseThrow(() -> Refusals.notFound(typeName, id.getIdPart() + "/_history/" + id.getVersionIdPart()))
                : store.current(typeName, id.getIdPart()).orElseThrow(() -> Refusals.notFound(typeName, id.getIdPart()));
        if (row.deleted()) {
            throw Refusals.gone(typeName, id.getIdPart(), row.version());
        }
        return store.codec().decode(row);
    }

    @Create
    public MethodOutcome create(@ResourceParam Resource resource, @ConditionalUrlParam String ifNoneExist,
            RequestDetails request) {
        refuseWritesIfReadOnly();
        requireValid(resource, RequestJson.body(request));
        ResourceWriter.WriteResult stored = store.write(uow -> writer.create(uow, resource, ifNoneExist, null));
        MethodOutcome result = new MethodOutcome(stored.resource().getIdElement(), stored.created());
        result.setResource(stored.resource());
        result.setOperationOutcome(written(stored.created() ? "Created " : "Found existing ", stored.resource()));
        return result;
    }

    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam Resource resource, RequestDetails request) {
        refuseWritesIfReadOnly();
        requireValid(resource, RequestJson.body(request));
        String expectedVersion = id.hasVersionIdPart() ? id.getVersionIdPart() : null;
        ResourceWriter.WriteResult stored = store.write(uow -> writer.update(uow, id.getIdPart(), resource, expectedVersion, null));
        MethodOutcome result = new MethodOutcome(stored.resource().getIdElement(), stored.created());
        result.setResource(stored.resource());
        result.setOperationOutcome(written(stored.created() ? "Created " : "Updated ", stored.resource()));
        return result;
    }

    @Delete
    public MethodOutcome delete(@IdParam IdType id) {
        refuseWritesIfReadOnly();
        store.write(uow -> {
            writer.delete(uow, typeName, id.getIdPart());
            return null;
        });
        OperationOutcome outcome = new OperationOutcome();
        Refusals.addIssue(outcome, OperationOutcome.IssueSeverity.INFORMATION, IssueType.INFORMATIONAL, null,
                typeName + "/" + id.getIdPart() + " deleted");
        MethodOutcome result = new MethodOutcome();
        result.setOperationOutcome(outcome);
        return result;
    }

    @History
    public IBundleProvider instanceHistory(@IdParam IdType id, RequestDetails request) {
        if (store.current(typeName, id.getIdPart()).isEmpty()) {
            throw Refusals.notFound(typeName, id.getIdPart());
        }
        return history(new HistoryParameters(request).scope(typeName, id.getIdPart()));
    }

    @History
    public IBundleProvider typeHistory(RequestDetails request) {
        return history(new HistoryParameters(request).scope(typeName, null));
    }

    private IBundleProvider history(HistoryParameters.Scoped scoped) {
        ResourceStore.HistoryPage page = store.history(scoped.scope(), scoped.offset(), scoped.count());
        return new PageBundleProvider(page.total(), HistoryEntries.toResources(page.rows(), store.codec()), List.of());
    }

    /** A search's page, and the time before which every change it could match had committed. */
    private record Found(SearchService.SearchResult result, long horizon) {
    }

    /**
     * The answer's {@code meta.lastUpdated} is the {@link org.peerbridge.server.storage.ChangeHorizon}: a
     * poll that repeats the search with {@code _lastUpdated=gt} that time gets every change it has not seen.
     */
    @Search(allowUnknownParams = true)
    public IBundleProvider search(RequestDetails request) {
        var searchRequest = parser.parse(typeName, request.getParameters());
        Found found = store.read(c -> {
            long horizon = store.changeHorizon(c); // first: the search's own statement must see every change before it
            return new Found(search.search(c, searchRequest), horizon);
        });
        SearchService.SearchResult result = found.result();
        return new PageBundleProvider(result.total(), result.matches(), result.included(), new Date(found.horizon()));
    }

    /**
     * $validate in the three modes of R4: create (the default) checks the content; update also needs the id of
     * a stored resource the caller may see; delete ignores the content and says whether deleting the stored
     * resource would be allowed now. {@code profile} names what to check the content against.
     */
    @Validate
    @Description(shortDefinition = "Check a resource without storing it", value = "The resource as the body, or a Parameters with"
            + " resource, mode (create, update or delete) and profile. 200 with an OperationOutcome listing every issue, warnings"
            + " included; reference existence and the workflow rules are checked only on writes (docs/api-conventions.md#validate).")
    public MethodOutcome validate(@ResourceParam IBaseResource resource, @IdParam(optional = true) IdType id,
            @Validate.Mode ValidationModeEnum mode, @Validate.Profile String profileParameter) {
        String profile = profileUrl(profileParameter);
        ValidationModeEnum asked = mode == null ? ValidationModeEnum.CREATE : mode;
        OperationOutcome outcome;
        if (asked == ValidationModeEnum.DELETE) {
            if (profile != null) {
                throw Refusals.badRequest(IssueType.NOTSUPPORTED, Refusals.HTTP_LOCATION + "profile",
                        "mode=delete checks no content, so a profile does not apply");
            }
            String target = targetId(id, resource, asked);
            outcome = new OperationOutcome();
            store.write(uow -> writer.deleteProblems(uow, typeName, target)).forEach(problem -> Refusals.addIssue(outcome,
                    problem.isWarning() ? OperationOutcome.IssueSeverity.WARNING : OperationOutcome.IssueSeverity.ERROR,
                    problem.code(), problem.expression(), problem.message()));
            if (!outcome.hasIssue()) {
                Refusals.addIssue(outcome, OperationOutcome.IssueSeverity.INFORMATION, IssueType.INFORMATIONAL, null,
                        typeName + "/" + target + " may be deleted");
            }
        } else {
            if (resource == null) {
                throw Refusals.badRequest(IssueType.REQUIRED, "Parameters.parameter", "$validate needs the resource to check");
            }
            if (asked == ValidationModeEnum.UPDATE) {
                String target = targetId(id, resource, asked);
                store.current(typeName, target).filter(row -> !row.deleted()).orElseThrow(() -> Refusals.notFound(typeName, target));
            }
            outcome = validator.validationOutcome((Resource) resource, profile);
        }
        MethodOutcome result = new MethodOutcome();
        result.setOperationOutcome(outcome);
        return result;
    }

    /** HAPI hands over a profile sent as R4 defines it (valueUri) as "UriType[url]"; the url is what was asked for. */
    private static String profileUrl(String profile) {
        return profile != null && profile.startsWith("UriType[") && profile.endsWith("]") ? profile.substring(8, profile.length() - 1) : profile;
    }

    /** The id an update or delete would change: from the URL ([type]/[id]/$validate), else the resource's own. */
    private String targetId(IdType id, IBaseResource resource, ValidationModeEnum mode) {
        if (id != null && id.hasIdPart()) {
            return id.getIdPart();
        }
        if (resource != null && resource.getIdElement().hasIdPart()) {
            return resource.getIdElement().getIdPart();
        }
        throw Refusals.badRequest(IssueType.REQUIRED, Refusals.HTTP_LOCATION + "mode", "mode=" + mode.getCode()
                + " validates against a stored " + typeName + ": give its id, as " + typeName + "/[id]/$validate or in the resource");
    }

    private void requireValid(Resource resource, JsonObject originalJson) {
        var errors = validator.errors(resource, originalJson);
        if (!errors.isEmpty()) {
            OperationOutcome outcome = new OperationOutcome();
            ResourceValidator.addErrors(outcome, errors, null);
            var exception = new ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException(errors.get(0).getMessage());
            exception.setOperationOutcome(outcome);
            throw exception;
        }
    }

    /** What Prefer: return=OperationOutcome answers with. */
    private static OperationOutcome written(String verb, Resource resource) {
        OperationOutcome outcome = new OperationOutcome();
        Refusals.addIssue(outcome, OperationOutcome.IssueSeverity.INFORMATION, IssueType.INFORMATIONAL, null,
                verb + resource.getIdElement().toUnqualified().getValue());
        return outcome;
    }

    private void refuseWritesIfReadOnly() {
        if (readOnly) {
            throw Refusals.methodNotAllowed(typeName + " is published by the server and read-only");
        }
    }

    private static int versionNumber(IdType id) {
        try {
            return Integer.parseInt(id.getVersionIdPart());
        } catch (NumberFormatException e) {
            throw Refusals.notFound(id.getResourceType(), id.getIdPart() + "/_history/" + id.getVersionIdPart());
        }
    }

    /** History rows as resources that HAPI renders as history entries (deleted versions without a body). */
    static final class HistoryEntries {
        private HistoryEntries() {
        }

        static List<Resource> toResources(List<StoredVersion> rows, org.peerbridge.server.storage.ResourceCodec codec) {
            List<Resource> resources = new ArrayList<>();
            for (StoredVersion row : rows) {
                Resource resource = row.deleted() ? codec.tombstone(row) : codec.decode(row);
                ResourceMetadataKeyEnum.ENTRY_TRANSACTION_METHOD.put(resource,
                        BundleEntryTransactionMethodEnum.valueOf(row.method()));
                resources.add(resource);
            }
            return resources;
        }
    }
}
