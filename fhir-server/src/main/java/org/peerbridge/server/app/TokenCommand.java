package org.peerbridge.server.app;

import com.nimbusds.jose.jwk.JWK;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.peerbridge.server.security.client.TokenClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code peerbridge token}: gets an access token the way a SMART backend service does (signed client
 * assertion, client_credentials grant) and prints it, for curl, the fixtures replay kit and the bench.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Prints an access token from a PeerBridge server (or any SMART Backend Services server).",
            "Example: TOKEN=$(java -jar peerbridge.jar token --client-id peerbridge-admin --key data/admin-client.jwk"
                    + " --server http://localhost:8080/fhir)"})
final class TokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--server", required = true, paramLabel = "URL", description = "FHIR base URL, e.g. http://localhost:8080/fhir.")
    String server;

    @Option(names = "--client-id", required = true, description = "The registered client id.")
    String clientId;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The client's private key (a JWK file).")
    Path key;

    @Option(names = "--scope", description = "Scopes to ask for (default: every scope the client is registered for).")
    String scope;

    @Override
    public Integer call() {
        JWK privateKey;
        try {
            privateKey = JWK.parse(Files.readString(key));
        } catch (IOException | java.text.ParseException e) {
            throw new CommandFailure(key + " is not a readable JWK private key");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        TokenClient client = new TokenClient(server.replaceAll("/+$", ""), clientId, privateKey, scope, http);
        spec.commandLine().getOut().println(CommandFailure.oneLine(client::accessToken));
        return 0;
    }
}
