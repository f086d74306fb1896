package org.peerbridge.server.subscription;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.peerbridge.mapping.subscription.Backport;

/** TestSubscriptions as an EHR writes them, and what the server answers about them. */
public final class TestSubscriptions {

    private TestSubscriptions() {
    }

    /** A rest-hook Subscription to a topic with a JSON payload of the given content and optional filters. */
    public static Subscription to(String topic, String endpoint, String content, String... filters) {
        Subscription subscription = new Subscription();
        subscription.getMeta().addProfile(Backport.SUBSCRIPTION_PROFILE);
        subscription.setStatus(Subscription.SubscriptionStatus.REQUESTED);
        subscription.setReason("Follow the referrals we make");
        subscription.setCriteria(topic);
        for (String filter : filters) {
            subscription.getCriteriaElement().addExtension(Backport.FILTER_CRITERIA, new StringType(filter));
        }
        Subscription.SubscriptionChannelComponent channel = subscription.getChannel();
        channel.setType(Subscription.SubscriptionChannelType.RESTHOOK).setEndpoint(endpoint);
        channel.setPayload("application/fhir+json");
        channel.getPayloadElement().addExtension(Backport.PAYLOAD_CONTENT, new CodeType(content));
        channel.addExtension(Backport.TIMEOUT, new UnsignedIntType(5));
        return subscription;
    }

    static Subscription create(IGenericClient client, Subscription subscription) {
        return (Subscription) client.create().resource(subscription).execute().getResource();
    }

    static Subscription read(IGenericClient client, Subscription subscription) {
        return client.read().resource(Subscription.class).withId(subscription.getIdElement().getIdPart()).execute();
    }

    /** The Parameters of Subscription/[id]/$status. */
    static Parameters status(IGenericClient client, Subscription subscription) {
        Bundle answer = client.operation().onInstance("Subscription/" + subscription.getIdElement().getIdPart())
                .named("$status").withNoParameters(Parameters.class).useHttpGet().returnResourceType(Bundle.class).execute();
        return (Parameters) answer.getEntryFirstRep().getResource();
    }

    static String value(Parameters parameters, String name) {
        return parameters.getParameterValue(name).primitiveValue();
    }
}
