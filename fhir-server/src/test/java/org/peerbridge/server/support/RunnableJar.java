package org.peerbridge.server.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The runnable jar the package phase built, as a class loader of its own: only the jar, with the JDK's platform classes
 * as parent. Code loaded through it runs exactly what {@code java -jar} would, so a class or resource that the build
 * left out of the jar fails there (NoClassDefFoundError, a different answer) and not on the test class path.
 */
public final class RunnableJar implements AutoCloseable {

    private final URLClassLoader loader;

    private RunnableJar(URLClassLoader loader) {
        this.loader = loader;
    }

    /** For Failsafe tests, which run in fhir-server/ after the package phase. */
    public static RunnableJar open() throws IOException {
        Path file = Path.of("target/peerbridge.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(file), "no " + file + ": the package phase builds it");
        return new RunnableJar(new URLClassLoader(new URL[] {file.toUri().toURL()}, ClassLoader.getPlatformClassLoader()));
    }

    /** The jar's own copy of {@code type}, not the test class path's. */
    public Class<?> load(Class<?> type) throws ClassNotFoundException {
        return loader.loadClass(type.getName());
    }

    /** Runs with the jar as the context class loader, as the server's threads have it. */
    public <T> T call(Callable<T> call) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return call.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }
}
