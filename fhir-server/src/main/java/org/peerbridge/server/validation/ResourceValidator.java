package org.peerbridge.server.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.utilities.json.model.JsonObject;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.peerbridge.server.refusal.Refusals;
import org.peerbridge.server.validation.acceptance.FastAcceptance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one validator of the process: base R4 structure, invariant and terminology rules, plus the
 * project's own profile for the types that have one (a ServiceRequest is always checked as a peer
 * support referral, whether or not it names the profile). Validation runs on pooled, reused
 * InstanceValidators (see {@link InstanceValidatorPool}): HAPI's FhirValidator builds a new one for
 * every call, which costs more than the validation itself.
 */
public final class ResourceValidator {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceValidator.class);

    /** A min-cardinality message is located at the parent; its text names the missing element. */
    private static final Pattern MISSING_ELEMENT = Pattern.compile("^([A-Za-z][\\w.\\[\\]]*): minimum required");

    private final FhirContext fhirContext;
    private final CompletableFuture<Engine> engine = new CompletableFuture<>();
    private final AtomicBoolean loading = new AtomicBoolean();
    private final Supplier<Engine> load;
    private final Duration loadWait;
    private final Supplier<String> sender;

    /**
     * The loaded validator: pooled InstanceValidators, the project profile of each type that has one,
     * every definition it knows (R4 core and the project's), to find a profile a client names, and the
     * fast path compiled from those definitions.
     */
    private record Engine(InstanceValidatorPool pool, Map<String, StructureDefinition> profileByType,
                          WorkerContextValidationSupportAdapter definitions, FastAcceptance fastAcceptance) {
    }

    /**
     * Loads nothing yet: see {@link #startLoading()}.
     *
     * @param loadWait how long a validation waits for the load before it is refused with 503 (retry later)
     * @param sender   the organization a write being validated comes from (see {@link FastAcceptance#judge})
     */
    public ResourceValidator(FhirContext fhirContext, List<IBaseResource> conformanceResources, Map<String, String> profileUrlByType,
            Duration loadWait, Supplier<String> sender) {
        this(fhirContext, conformanceResources, profileUrlByType, loadWait, sender,
                (chain, projectDefinitions) -> new PreconvertedWorkerContext(chain, BaseStructures.read(), projectDefinitions));
    }

    /** @param workerContexts the validator's view of the definitions; tests compare HAPI's own with the server's */
    ResourceValidator(FhirContext fhirContext, List<IBaseResource> conformanceResources, Map<String, String> profileUrlByType,
            Duration loadWait, Supplier<String> sender, WorkerContexts workerContexts) {
        this.fhirContext = fhirContext;
        this.loadWait = loadWait;
        this.sender = sender;
        this.load = () -> loadEngine(fhirContext, conformanceResources, profileUrlByType, workerContexts);
        engine.exceptionally(failure -> {
            LOG.error("The validator failed to load; every request that needs validation will fail", failure);
            return null;
        });
    }

    /**
     * Starts loading the core definitions (seconds of CPU) on a background thread, so the server
     * answers while it loads; every validation waits for that one load instead of starting its own.
     * The server calls it once it answers; the first validation calls it too, in case nobody did.
     *
     * @return completes on the loading thread once the validator is ready
     */
    public CompletableFuture<Void> startLoading() {
        if (loading.compareAndSet(false, true)) {
            startDaemon(() -> {
                try {
                    engine.complete(load.get());
                } catch (Throwable failure) {
                    engine.completeExceptionally(failure);
                }
            });
        }
        return engine.thenAccept(loaded -> { });
    }

    /** Whether the definitions are loaded, so a validation runs at once instead of waiting for the load. */
    public boolean isLoaded() {
        return engine.isDone() && !engine.isCompletedExceptionally();
    }

    /** Makes the worker context over every definition (the chain) and the project's own among them. */
    @FunctionalInterface
    interface WorkerContexts {
        WorkerContextValidationSupportAdapter over(IValidationSupport chain, IValidationSupport projectDefinitions);
    }

    private static Engine loadEngine(FhirContext fhirContext, List<IBaseResource> conformanceResources, Map<String, String> profileUrlByType,
            WorkerContexts workerContexts) {
        long started = System.nanoTime();
        PrePopulatedValidationSupport projectProfiles = new PrePopulatedValidationSupport(fhirContext);
        conformanceResources.forEach(projectProfiles::addResource);
        ValidationSupportChain chain = chain(fhirContext, new CoreDefinitions(fhirContext), projectProfiles);
        WorkerContextValidationSupportAdapter worker = workerContexts.over(chain, projectProfiles);
        InstanceValidatorPool pool = new InstanceValidatorPool(worker, Math.max(2, Runtime.getRuntime().availableProcessors()));
        Map<String, StructureDefinition> profiles = new HashMap<>();
        profileUrlByType.forEach((type, url) -> profiles.put(type, loadProfile(worker, url)));
        FastAcceptance fastAcceptance = new FastAcceptance(fhirContext, url -> worker.fetchResource(StructureDefinition.class, url), chain, profileUrlByType,
                url -> worker.fetchResource(org.hl7.fhir.r5.model.Questionnaire.class, url) != null);
        Engine loaded = new Engine(pool, Map.copyOf(profiles), worker, fastAcceptance);
        // A throw-away validation with coded elements loads the core code systems and value sets too.
        runValidation(loaded, fhirContext, warmUpReferral(), null, false, null);
        LOG.info("Validator ready in {} ms", (System.nanoTime() - started) / 1_000_000);
        return loaded;
    }

    /** What the validator looks definitions and codes up in: the core's, then the project's, then HAPI's own services. */
    static ValidationSupportChain chain(FhirContext fhirContext, IValidationSupport coreDefinitions, IValidationSupport projectDefinitions) {
        return new ValidationSupportChain(
                coreDefinitions,
                projectDefinitions,
                new SnapshotGeneratingValidationSupport(fhirContext),
                new InMemoryTerminologyServerValidationSupport(fhirContext),
                new CommonCodeSystemsTerminologyService(fhirContext));
    }

    private static ServiceRequest warmUpReferral() {
        ServiceRequest referral = new ServiceRequest()
                .setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE)
                .setIntent(ServiceRequest.ServiceRequestIntent.ORDER)
                .setSubject(new Reference("Patient/warm-up"));
        referral.getCode().addCoding().setSystem("http://snomed.info/sct").setCode("461481000124109");
        return referral;
    }

    private static void startDaemon(Runnable runnable) {
        Thread thread = new Thread(runnable, "validator-load");
        thread.setDaemon(true);
        thread.start();
    }

    private static StructureDefinition loadProfile(WorkerContextValidationSupportAdapter worker, String url) {
        StructureDefinition profile = worker.fetchResource(StructureDefinition.class, url);
        if (profile == null) {
            throw new IllegalStateException("Profile " + url + " is not known to the validator");
        }
        return profile;
    }

    /** The problems of error severity or worse, each located by its FHIRPath expression. */
    public List<ValidationMessage> errors(Resource resource) {
        return errors(resource, null);
    }

    /**
     * As {@link #errors(Resource)}, checking the JSON exactly as the client sent it when there is one:
     * the parser forgives some JSON type mistakes (a number where a string belongs) that the
     * validator reports. Invariants that can only warn are not evaluated: their findings would be
     * dropped here anyway. A resource the {@link FastAcceptance} vouches for is not given to the HL7
     * validator; every other one is, and its answer is this one.
     */
    public List<ValidationMessage> errors(Resource resource, JsonObject originalJson) {
        Engine loaded = loaded();
        FastAcceptance.Verdict verdict = loaded.fastAcceptance().judge(resource, originalJson, sender.get());
        if (verdict.accepted()) {
            return List.of();
        }
        List<ValidationMessage> errors = new ArrayList<>();
        for (ValidationMessage message : runValidation(loaded, fhirContext, resource, originalJson, true, null)) {
            if (message.getLevel() == ValidationMessage.IssueSeverity.ERROR || message.getLevel() == ValidationMessage.IssueSeverity.FATAL) {
                errors.add(message);
            }
        }
        if (errors.isEmpty()) {
            loaded.fastAcceptance().learnFrom(verdict);
        }
        return errors;
    }

    /**
     * The full result as an OperationOutcome, for $validate: every issue, or one "no issues" note.
     *
     * @param profileUrl a profile to validate against instead of the type's own; null for the type's own.
     *                   One the server does not know is refused with 400 naming it (http.profile)
     */
    public OperationOutcome validationOutcome(Resource resource, String profileUrl) {
        Engine loaded = loaded();
        StructureDefinition profile = null;
        if (profileUrl != null) {
            profile = loaded.definitions().fetchResource(StructureDefinition.class, profileUrl);
            if (profile == null) {
                throw Refusals.badRequest(IssueType.NOTSUPPORTED, Refusals.HTTP_LOCATION + "profile",
                        "Profile '" + profileUrl + "' is not known to this server; it validates against the R4 core profiles and its own");
            }
        }
        OperationOutcome outcome = new OperationOutcome();
        runValidation(loaded, fhirContext, resource, null, false, profile).forEach(message -> addIssue(outcome, message, null));
        if (!outcome.hasIssue()) {
            Refusals.addIssue(outcome, IssueSeverity.INFORMATION, IssueType.INFORMATIONAL, null, "No issues detected");
        }
        return outcome;
    }

    /** Adds one issue per validation error to {@code outcome}, relocated under {@code expressionPrefix}. */
    public static void addErrors(OperationOutcome outcome, List<ValidationMessage> errors, String expressionPrefix) {
        errors.forEach(error -> addIssue(outcome, error, expressionPrefix));
    }

    /** The fast path of {@link #errors(Resource, JsonObject)}, once the validator has loaded. */
    FastAcceptance fastAcceptance() {
        return loaded().fastAcceptance();
    }

    /** Every message of the validation, or (errorsOnly) every message but those of invariants that can only warn. */
    List<ValidationMessage> validate(Resource resource, JsonObject originalJson, boolean errorsOnly) {
        return runValidation(loaded(), fhirContext, resource, originalJson, errorsOnly, null);
    }

    /**
     * The loaded engine, once the load is done; a request that would wait longer than {@code loadWait} (a
     * replica that has just started) is told to come back instead of hanging until the load ends.
     */
    private Engine loaded() {
        startLoading();
        try {
            return engine.get(loadWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillLoading) {
            throw Refusals.unavailable("The server has just started and is still loading the FHIR definitions it validates with;"
                    + " nothing was stored. Retry in a few seconds (GET /health/ready answers 200 once it is ready)");
        } catch (ExecutionException failed) {
            throw new IllegalStateException("The validator failed to load", failed.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the validator to load", e);
        }
    }

    /** @param named the profile to check against; null for the type's own project profile, if it has one */
    private static List<ValidationMessage> runValidation(Engine engine, FhirContext fhirContext, Resource resource, JsonObject originalJson,
            boolean errorsOnly, StructureDefinition named) {
        JsonObject json = originalJson != null ? originalJson
                : RequestJson.parse(fhirContext.newJsonParser().encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8));
        StructureDefinition profile = named != null ? named : engine.profileByType().get(resource.fhirType());
        List<StructureDefinition> profiles = profile == null ? List.of() : List.of(profile);
        List<ValidationMessage> messages = engine.pool().validate(validator -> validator.validate(json, profiles, errorsOnly));
        messages.removeIf(ResourceValidator::isNoise);
        return messages;
    }

    /** Messages HAPI's own wrapper also drops: bindings without a source, and the unavailable mime-type value set. */
    private static boolean isNoise(ValidationMessage message) {
        String id = message.getMessageId();
        return id != null && (id.equals("Terminology_TX_Binding_NoSource")
                || (id.equals("Terminology_TX_ValueSet_NotFound") && message.getMessage().contains("mimetypes")));
    }

    private static void addIssue(OperationOutcome outcome, ValidationMessage message, String expressionPrefix) {
        IssueSeverity severity = switch (message.getLevel()) {
            case FATAL -> IssueSeverity.FATAL;
            case ERROR -> IssueSeverity.ERROR;
            case WARNING -> IssueSeverity.WARNING;
            default -> IssueSeverity.INFORMATION;
        };
        IssueType code = message.getType() == null ? IssueType.INVALID : IssueType.fromCode(message.getType().toCode());
        Refusals.addIssue(outcome, severity, code, Refusals.relocate(location(message), expressionPrefix), message.getMessage());
    }

    private static String location(ValidationMessage message) {
        Matcher missing = MISSING_ELEMENT.matcher(message.getMessage() == null ? "" : message.getMessage());
        return missing.find() ? missing.group(1) : message.getLocation();
    }
}
