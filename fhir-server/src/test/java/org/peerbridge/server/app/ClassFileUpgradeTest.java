package org.peerbridge.server.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import picocli.CommandLine;

/** What the build does to picocli's Java 5 classes: Java 8 class files that parse a command line as before. */
class ClassFileUpgradeTest {

    /** A command line with options of the shapes the server's commands use. */
    @CommandLine.Command(name = "example")
    public static final class Example {
        @CommandLine.Option(names = "--port")
        public int port;

        @CommandLine.Option(names = "--scope", split = ",")
        public String[] scopes;
    }

    @Test
    void picocliParsesTheSameFromItsUpgradedClasses() throws Exception {
        assertTrue(majorVersion(classFile("picocli/CommandLine.class")) < Opcodes.V1_6, "picocli is still compiled for Java 5");

        ClassLoader upgraded = new UpgradingClassLoader(getClass().getClassLoader());
        Class<?> commandLine = upgraded.loadClass(CommandLine.class.getName());
        assertNotEquals(CommandLine.class, commandLine);
        Class<?> example = upgraded.loadClass(Example.class.getName()); // annotated with the upgraded picocli's annotations
        Object parsed = example.getConstructor().newInstance();
        Object line = commandLine.getConstructor(Object.class).newInstance(parsed);
        commandLine.getMethod("parseArgs", String[].class).invoke(line, (Object) new String[] {"--port", "8081", "--scope", "a,b"});

        assertEquals(8081, example.getField("port").get(parsed));
        assertEquals("[a, b]", Arrays.toString((String[]) example.getField("scopes").get(parsed)));
    }

    private static int majorVersion(byte[] classFile) {
        return new ClassReader(classFile).readUnsignedShort(6);
    }

    private static byte[] classFile(String path) throws IOException {
        try (InputStream in = ClassFileUpgradeTest.class.getClassLoader().getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }

    /** Defines every picocli class from its upgraded class file, checking that each is a Java 8 one, and Example as it is. */
    private static final class UpgradingClassLoader extends ClassLoader {
        private final Map<String, Class<?>> defined = new HashMap<>();
        private final ClassLoader testClasses;

        UpgradingClassLoader(ClassLoader testClasses) {
            super(testClasses);
            this.testClasses = testClasses;
        }

        @Override
        protected synchronized Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            boolean picocli = name.startsWith("picocli.");
            if (!picocli && !name.equals(Example.class.getName())) {
                return super.loadClass(name, resolve);
            }
            Class<?> known = defined.get(name);
            if (known != null) {
                return known;
            }
            try {
                byte[] asCompiled = classFile(name.replace('.', '/') + ".class");
                byte[] bytes = picocli ? ClassFileUpgrade.toJava8(asCompiled, testClasses) : asCompiled;
                if (picocli) {
                    assertEquals(Opcodes.V1_8, majorVersion(bytes), name);
                }
                Class<?> type = defineClass(name, bytes, 0, bytes.length);
                defined.put(name, type);
                return type;
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }
}
