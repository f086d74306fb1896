package org.peerbridge.server.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** What the build does to every class of the runnable jar (RunnableJarRewriter): the same behaviour and line numbers, no local-variable names. */
class DebugInfoStripperTest {

    /** Compiled by Maven with local-variable tables, as the libraries in the jar are. */
    public static final class Divider {
        public static int divide(int dividend, int divisor) {
            int quotient = dividend / divisor;
            return quotient;
        }
    }

    @Test
    void theStrippedClassAnswersAndFailsAtTheSameLinesWithoutItsVariableNames() throws Exception {
        byte[] original = classFile(Divider.class);
        byte[] stripped = DebugInfoStripper.strip(original, true);

        assertTrue(localVariables(original).containsAll(List.of("dividend", "divisor", "quotient")), localVariables(original).toString());
        assertEquals(List.of(), localVariables(stripped));
        assertTrue(stripped.length < original.length);

        Method divide = divideIn(stripped);
        assertEquals(4, divide.invoke(null, 12, 3));
        assertEquals(lineOfDivision(), divisionByZero(divide).getLineNumber());
    }

    /** A generated model class: its frames still name the method, without a line. */
    @Test
    void withoutLineNumbersAFailureStillNamesItsMethod() throws Exception {
        StackTraceElement top = divisionByZero(divideIn(DebugInfoStripper.strip(classFile(Divider.class), false)));
        assertEquals(Divider.class.getName() + ".divide", top.getClassName() + "." + top.getMethodName());
        assertTrue(top.getLineNumber() < 0, top.toString());
    }

    /** Divider.divide from a class loader of its own, defined from {@code classFile}. */
    private static Method divideIn(byte[] classFile) throws ReflectiveOperationException {
        Class<?> divider = new StrippedClassLoader(Divider.class.getName(), classFile).loadClass(Divider.class.getName());
        assertNotEquals(Divider.class, divider);
        return divider.getMethod("divide", int.class, int.class);
    }

    /** Where a division by zero in {@code divide} fails. */
    private static StackTraceElement divisionByZero(Method divide) {
        InvocationTargetException failure = assertThrows(InvocationTargetException.class, () -> divide.invoke(null, 1, 0));
        return failure.getCause().getStackTrace()[0];
    }

    private static int lineOfDivision() {
        try {
            Divider.divide(1, 0);
            throw new AssertionError("no division by zero");
        } catch (ArithmeticException expected) {
            return expected.getStackTrace()[0].getLineNumber();
        }
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getName().substring(type.getPackageName().length() + 1) + ".class")) {
            return in.readAllBytes();
        }
    }

    private static List<String> localVariables(byte[] classFile) {
        List<String> names = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitLocalVariable(String variable, String type, String typeSignature, Label start, Label end, int index) {
                        names.add(variable);
                    }
                };
            }
        }, 0);
        return names;
    }

    /** Defines the one class from the given bytes, so it is not the copy the test's own loader has. */
    private static final class StrippedClassLoader extends ClassLoader {
        private final String name;
        private final byte[] classFile;

        StrippedClassLoader(String name, byte[] classFile) {
            super(DebugInfoStripperTest.class.getClassLoader());
            this.name = name;
            this.classFile = classFile;
        }

        @Override
        protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
            if (className.equals(name)) {
                synchronized (getClassLoadingLock(className)) {
                    Class<?> loaded = findLoadedClass(className);
                    return loaded != null ? loaded : defineClass(className, classFile, 0, classFile.length);
                }
            }
            return super.loadClass(className, resolve);
        }
    }
}
