package org.peerbridge.mapping.profile;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The project's published profile for a peer support referral (a constrained R4 ServiceRequest) and
 * the value set its code is bound to. The definitions are JSON files on the classpath, differential
 * only: whoever validates against them generates the snapshot.
 */
public final class ReferralProfile {

    /** Canonical URL of the peer support referral profile. */
    public static final String PROFILE_URL = "http://peerbridge.org/fhir/StructureDefinition/peer-support-referral";

    /** Canonical URL of the value set bound (required) to ServiceRequest.code. */
    public static final String VALUE_SET_URL = "http://peerbridge.org/fhir/ValueSet/peer-support-referral-codes";

    /** Every conformance resource the project publishes, as classpath resource paths. */
    private static final List<String> RESOURCE_PATHS = List.of(
            "/profiles/StructureDefinition-peer-support-referral.json",
            "/profiles/ValueSet-peer-support-referral-codes.json");

    private ReferralProfile() {
    }

    /**
     * Parses the profile and its value set from the classpath, in a fresh list on each call.
     *
     * @param ctx an R4 context (parsing is not cheap; callers keep the result)
     * @throws IllegalArgumentException if {@code ctx} is not R4
     * @throws IllegalStateException if a definition is missing from the classpath
     */
    public static List<IBaseResource> conformanceResources(FhirContext ctx) {
        if (ctx.getVersion().getVersion() != FhirVersionEnum.R4) {
            throw new IllegalArgumentException("The peer support referral profile is R4; got a "
                    + ctx.getVersion().getVersion() + " context");
        }
        List<IBaseResource> resources = new ArrayList<>(RESOURCE_PATHS.size());
        for (String path : RESOURCE_PATHS) {
            resources.add(parse(ctx, path));
        }
        return resources;
    }

    private static IBaseResource parse(FhirContext ctx, String path) {
        InputStream stream = ReferralProfile.class.getResourceAsStream(path);
        if (stream == null) {
            throw new IllegalStateException("Conformance resource not on the classpath: " + path);
        }
        try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            return ctx.newJsonParser().parseResource(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + path, e);
        }
    }
}
