package org.peerbridge.server.app;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.JWK;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.peerbridge.server.security.auth.AdminBootstrap;
import org.peerbridge.server.security.auth.ClientRegistry;
import org.peerbridge.server.security.auth.ClientRequests;
import org.peerbridge.server.security.auth.RegisteredClient;
import org.peerbridge.server.security.client.TokenClient;
import org.peerbridge.server.storage.DataFolderInUse;
import org.peerbridge.server.storage.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code peerbridge clients add|list|disable|enable}: the registered SMART Backend Services clients. With
 * {@code --server}, or when a running server holds the embedded database's folder, through that server's
 * admin API with the admin client's key; otherwise in the stopped server's database (the same --data-dir or
 * --db-url as the server). Never through a database port.
 */
@Command(name = "clients", mixinStandardHelpOptions = true, description = "Registers, lists, disables and enables API clients.",
        subcommands = ClientsCommand.Add.class)
final class ClientsCommand {

    @ParentCommand
    Main main;

    @Option(names = "--server", paramLabel = "URL", scope = CommandLine.ScopeType.INHERIT,
            description = "FHIR base URL of a running server to manage through its admin API (default: the server on this"
                    + " data folder, at localhost and --port, when it is running).")
    String server;

    @Option(names = "--key", paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            description = "Private key of the admin client, for the admin API (default: admin-client.jwk in --data-dir).")
    Path adminKey;

    /** Runs work against the running server's admin API, or else the stopped server's database. */
    int withClients(ClientWork work) throws Exception {
        ServerConfig config = main.serverConfig();
        if (server != null) {
            return work.run(adminApi(server, config));
        }
        try (Database database = Database.open(config.database())) {
            return work.run(ClientAdmin.of(new ClientRegistry(database)));
        } catch (DataFolderInUse running) {
            String scheme = config.security().tlsKeystore() != null ? "https" : "http";
            return work.run(adminApi(config.baseUrl() != null ? config.baseUrl() : scheme + "://localhost:" + config.port() + "/fhir", config));
        }
    }

    private AdminApiClients adminApi(String base, ServerConfig config) throws IOException {
        Path keyFile = adminKey != null ? adminKey : config.dataDir().resolve(AdminBootstrap.KEY_FILE);
        if (!Files.isReadable(keyFile)) {
            throw new CommandFailure("The admin API needs the admin client's key; " + keyFile + " cannot be read (give it with --key)");
        }
        JWK key;
        try {
            key = JWK.parse(Files.readString(keyFile));
        } catch (java.text.ParseException e) {
            throw new CommandFailure(keyFile + " is not a JWK private key");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return new AdminApiClients(base, new TokenClient(base, AdminBootstrap.CLIENT_ID, key, "peerbridge/admin", http), http);
    }

    @FunctionalInterface
    interface ClientWork {
        int run(ClientAdmin clients) throws Exception;
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
                client = ClientRequests.registration(clientId, organization, scopes, jwks, jwksUrl);
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
        return withClients(registry -> {
            if (!registry.setEnabled(clientId, enabled)) {
                spec.commandLine().getErr().println("No client '" + clientId + "' is registered");
                return 1;
            }
            spec.commandLine().getOut().println(clientId + (enabled ? " enabled" : " disabled"));
            return 0;
        });
    }
}
