package org.peerbridge.server.app;

import java.nio.file.Path;
import java.util.function.Function;
import org.peerbridge.server.security.auth.AdminBootstrap;
import org.peerbridge.server.storage.DataFolderInUse;
import org.peerbridge.server.storage.Database;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Where the {@code clients}, {@code users} and {@code ehrs} commands do their work. With {@code --server}, or when a running
 * server holds the embedded database's folder, through that server's admin API with the admin client's key;
 * otherwise in the stopped server's database (the same --data-dir or --db-url as the server). Never through a
 * database port. A picocli mixin: the commands take the same two options.
 */
final class AdminAccess {

    @Option(names = "--server", paramLabel = "URL", scope = CommandLine.ScopeType.INHERIT,
            description = "FHIR base URL of a running server to manage through its admin API (default: the server on this"
                    + " data folder, at localhost and --port, when it is running).")
    String server;

    @Option(names = "--key", paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            description = "Private key of the admin client, for the admin API (default: admin-client.jwk in --data-dir).")
    Path adminKey;

    /** What a command does with the registry, wherever it is; the exit code. */
    @FunctionalInterface
    interface Work<A> {
        int run(A admin) throws Exception;
    }

    /**
     * Runs {@code work} on the registry of {@code collection} (clients, users, ehrs): {@code inDatabase} makes it on the
     * stopped server's database, {@code overApi} on a running server's admin API.
     */
    <A> int run(ServerConfig config, String collection, Function<Database, A> inDatabase, Function<AdminApi, A> overApi, Work<A> work)
            throws Exception {
        if (server != null) {
            return work.run(overApi.apply(api(server, collection, config)));
        }
        try (Database database = Database.open(config.database())) {
            return work.run(inDatabase.apply(database));
        } catch (DataFolderInUse running) {
            String scheme = config.security().tlsKeystore() != null ? "https" : "http";
            String local = config.baseUrl() != null ? config.baseUrl() : scheme + "://localhost:" + config.port() + "/fhir";
            return work.run(overApi.apply(api(local, collection, config)));
        }
    }

    /** Tells how enabling, disabling or changing one item ended: 0, or 1 with {@code missing} when there is no such item. */
    static int report(CommandSpec spec, boolean found, String missing, String done) {
        if (!found) {
            spec.commandLine().getErr().println(missing);
            return 1;
        }
        spec.commandLine().getOut().println(done);
        return 0;
    }

    private AdminApi api(String base, String collection, ServerConfig config) throws java.io.IOException {
        return AdminApi.connect(base, collection, adminKey != null ? adminKey : config.dataDir().resolve(AdminBootstrap.KEY_FILE));
    }
}
