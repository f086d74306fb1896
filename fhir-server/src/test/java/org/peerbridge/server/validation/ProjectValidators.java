package org.peerbridge.server.validation;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import java.util.function.Supplier;
import org.peerbridge.mapping.PublishedResources;
import org.peerbridge.mapping.outcome.QuestionnaireCatalogue;

/** The validator as the server builds it (its definitions, the referral profile), for tests below the server. */
public final class ProjectValidators {

    private ProjectValidators() {
    }

    /** @param sender the organization each validation is for (the fast path's known values are kept per organization) */
    public static ResourceValidator forSender(FhirContext fhir, Supplier<String> sender) {
        return new ResourceValidator(fhir, PublishedResources.definitions(fhir, QuestionnaireCatalogue.load(fhir)),
                PublishedResources.PROFILE_BY_TYPE, Duration.ofMinutes(10), sender); // the first validation waits for the load
    }
}
