package org.peerbridge.server.app;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A class without the debug information the server never reads ({@link RunnableJarRewriter}): its local-variable
 * tables, which only a debugger reads (the JVM never does, and nothing in the jar asks for a parameter's name through
 * them; HAPI binds parameters by annotation), and, for the generated model classes, its line numbers (a stack trace
 * through them still names each accessor it passes).
 */
final class DebugInfoStripper {

    private DebugInfoStripper() {
    }

    /** The class without its LocalVariableTable and LocalVariableTypeTable, and its LineNumberTable unless kept. */
    static byte[] strip(byte[] classFile, boolean keepLineNumbers) {
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                    @Override
                    public void visitLocalVariable(String variable, String type, String typeSignature, Label start, Label end, int index) {
                        // left out
                    }

                    @Override
                    public void visitLineNumber(int line, Label start) {
                        if (keepLineNumbers) {
                            super.visitLineNumber(line, start);
                        }
                    }
                };
            }
        }, 0);
        return writer.toByteArray();
    }
}
