package org.peerbridge.server.app;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.peerbridge.server.security.auth.AdminBootstrap;
import org.peerbridge.server.security.auth.ClientRegistry;
import org.peerbridge.server.security.auth.ClientRequests;
import org.peerbridge.server.security.auth.RegisteredClient;
import org.peerbridge.server.security.auth.Registrations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code peerbridge clients add|list|disable|enable}: the registered SMART Backend Services clients, in the
 * stopped server's database or through a running server's admin API ({@link AdminAccess}).
 */
@Command(name = "clients", mixinStandardHelpOptions = true, description = "Registers, lists, disables and enables API clients.",
        subcommands = ClientsCommand.Add.class)
final class ClientsCommand {

    @ParentCommand
    Main main;

    @Mixin
    AdminAccess access;

    /** Runs work against the running server's admin API, or else the stopped server's database. */
    int withClients(AdminAccess.Work<Registrations<RegisteredClient>> work) throws Exception {
        return access.run(main.serverConfig(), "clients", ClientRegistry::new,
                AdminApiClients::new, work);
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = {"Registers a client with its organization, scopes and public keys.",
            "Give exactly one of --jwks (a file with the public JWKS), --jwks-url, or --generate-key FILE",
            "(makes an ES384 key pair, registers the public key and writes the private key to FILE, mode 0600)."})
    static final class Add implements Callable<Integer> {
        @ParentCommand
        ClientsCommand clients;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "CLIENT_ID", description = "The client's id: iss and sub of its assertions.")
        String clientId;
        @Option(names = "--organization", required = true, paramLabel = "REFERENCE",
                description = "The Organization it acts for, e.g. Organization/general-hospital.")
        String organization;
        @Option(names = "--scopes", required = true, paramLabel = "SCOPES",
                description = "Most it may be granted, space-separated, e.g. \"system/ServiceRequest.cru system/Task.rs\".")
        String scopes;
        @Option(names = "--jwks", paramLabel = "FILE", description = "File holding the client's public JWKS.")
        Path jwksFile;
        @Option(names = "--jwks-url", paramLabel = "URL", description = "Where the server fetches the client's public JWKS.")
        String jwksUrl;
        @Option(names = "--generate-key", paramLabel = "FILE", description = "Generate a key pair; write the private JWK here.")
        Path generateKey;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if ((jwksFile != null ? 1 : 0) + (jwksUrl != null ? 1 : 0) + (generateKey != null ? 1 : 0) != 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Give exactly one of --jwks, --jwks-url, --generate-key");
            }
            ECKey generated = generateKey != null ? AdminBootstrap.newSigningKey(clientId) : null;
            RegisteredClient client;
            try {
                String jwks = generated != null ? new JWKSet(generated.toPublicJWK()).toString() : jwksFile != null ? Files.readString(jwksFile) : null;
                client = ClientRequests.registration(clientId, organization, scopes, jwks, jwksUrl, clients.main.serverConfig().programOrg());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            return clients.withClients(registry -> {
                if (!registry.add(client)) {
                    spec.commandLine().getErr().println("A client '" + clientId + "' is already registered");
                    return 1;
                }
                out.println("Registered " + clientId + " for " + organization + " with scopes " + client.scopes().asString());
                if (generated != null) {
                    out.println("Private key written to " + AdminBootstrap.writePrivateKey(generateKey, generated.toJSONString()));
                }
                return 0;
            });
        }
    }

    @Spec
    CommandSpec spec;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the registered clients.")
    int list() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        return withClients(registry -> {
            out.printf("%-28s %-8s %-36s %s%n", "CLIENT", "STATUS", "ORGANIZATION", "SCOPES");
            for (RegisteredClient client : registry.list()) {
                out.printf("%-28s %-8s %-36s %s%n", client.clientId(), client.enabled() ? "enabled" : "disabled",
                        client.organization(), client.scopes().asString());
            }
            return 0;
        });
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disables a client: no new tokens, and its tokens stop working.")
    int disable(@Parameters(paramLabel = "CLIENT_ID") String clientId) throws Exception {
        return setEnabled(clientId, false);
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enables a disabled client again.")
    int enable(@Parameters(paramLabel = "CLIENT_ID") String clientId) throws Exception {
        return setEnabled(clientId, true);
    }

    private int setEnabled(String clientId, boolean enabled) throws Exception {
        return withClients(registry -> AdminAccess.report(spec, registry.setEnabled(clientId, enabled),
                "No client '" + clientId + "' is registered", clientId + (enabled ? " enabled" : " disabled")));
    }
}
