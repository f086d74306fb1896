package org.peerbridge.server.app;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * A class file of Java 5 or older rewritten as a Java 8 one ({@link RunnableJarRewriter}): the same code, with the
 * stack map frames Java 6 class files carry, which ASM computes. The JVM's class-data-sharing archive holds no class
 * file older than Java 6, so picocli's (compiled for Java 5) were read from the jar and verified the slow way on every
 * start; rewritten, they are archived like every other class.
 */
final class ClassFileUpgrade {

    private ClassFileUpgrade() {
    }

    /**
     * @param classes where ASM looks up the classes it must compare to compute a frame: the jar itself
     * @return the class as a Java 8 class file; a class of Java 6 or later unchanged
     */
    static byte[] toJava8(byte[] classFile, ClassLoader classes) {
        ClassReader reader = new ClassReader(classFile);
        if (reader.readUnsignedShort(6) >= Opcodes.V1_6) { // the major version
            return classFile;
        }
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return classes;
            }
        };
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }
        }, 0);
        return writer.toByteArray();
    }
}
