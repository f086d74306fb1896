package org.peerbridge.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerbridge.server.app.PeerBridgeServer;
import org.peerbridge.server.app.ServerConfig;
import org.peerbridge.server.security.auth.AdminBootstrap;
import org.peerbridge.server.support.Referrals;

/** --no-auth: development only, so the server listens on loopback alone, needs no token, and makes no admin client. */
class NoAuthModeTest {

    @TempDir
    Path dataDir;

    @Test
    void withoutAuthorizationTheServerListensOnLoopbackOnlyAndNeedsNoToken() {
        ServerConfig config = ServerConfig.defaults().withPort(0).withDataDir(dataDir);
        try (PeerBridgeServer server = PeerBridgeServer.start(config.withSecurity(config.security().withAuthEnabled(false)))) {
            assertEquals("127.0.0.1", server.host());
            IGenericClient anonymous = FhirContext.forR4Cached().newRestfulGenericClient(server.baseUrl());
            Referrals.Sent referral = Referrals.send(anonymous);
            assertEquals(1, anonymous.search().byUrl("Task?focus=" + referral.requestReference()).returnBundle(Bundle.class).execute().getTotal());
            assertFalse(Files.exists(dataDir.resolve(AdminBootstrap.KEY_FILE)));
        }
    }
}
