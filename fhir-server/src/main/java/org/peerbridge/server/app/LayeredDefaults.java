package org.peerbridge.server.app;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Supplies option values that were not given as flags: first the environment (PEERBRIDGE_DB_URL for
 * --db-url), then the config file, then the option's own default.
 */
final class LayeredDefaults implements IDefaultValueProvider {

    private static final String ENV_PREFIX = "PEERBRIDGE_";
    private static final Path IMPLICIT_CONFIG = Path.of("peerbridge.properties");

    private final Map<String, String> environment;
    private final Properties file;

    LayeredDefaults(Map<String, String> environment, Properties file) {
        this.environment = environment;
        this.file = file;
    }

    static LayeredDefaults fromEnvironment(String[] args) {
        Map<String, String> env = System.getenv();
        return new LayeredDefaults(env, loadConfigFile(configPath(args, env)));
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        String name = option.longestName().replaceFirst("^--", "");
        String fromEnv = environment.get(ENV_PREFIX + name.replace('-', '_').toUpperCase(Locale.ROOT));
        if (fromEnv != null) {
            return fromEnv;
        }
        String fromFile = file.getProperty(name);
        return fromFile != null ? fromFile.trim() : option.defaultValue();
    }

    private static Path configPath(String[] args, Map<String, String> env) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        String fromEnv = env.get(ENV_PREFIX + "CONFIG");
        if (fromEnv != null) {
            return Path.of(fromEnv);
        }
        return Files.exists(IMPLICIT_CONFIG) ? IMPLICIT_CONFIG : null;
    }

    private static Properties loadConfigFile(Path path) {
        Properties properties = new Properties();
        if (path == null) {
            return properties;
        }
        try (Reader reader = Files.newBufferedReader(path)) {
            properties.load(reader);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read config file " + path, e);
        }
    }
}
