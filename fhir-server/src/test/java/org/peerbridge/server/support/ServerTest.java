package org.peerbridge.server.support;

import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Base of the API tests: each test class runs once per {@link TestDatabase}, against one real server
 * started for that run (not per test), over HTTP with HAPI's generic client.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
public abstract class ServerTest {

    protected static RunningServer server;

    @Parameter
    protected TestDatabase database;

    @BeforeParameterizedClassInvocation
    static void startServer(TestDatabase database) throws Exception {
        server = RunningServer.start(database);
    }

    @AfterParameterizedClassInvocation
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
