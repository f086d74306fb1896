package org.peerbridge.server.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Run by the build (package, after the shade plugin): rewrites the runnable jar without the local-variable tables of
 * its classes, an eighth of their bytes. Only a debugger reads those tables; the JVM never does, and nothing in the jar asks
 * for a parameter's name through them (HAPI binds parameters by annotation). Line numbers stay, so stack traces
 * still point at their lines. The stripped copy replaces the jar in place, entry by entry in the same order, deflated
 * at the best level (the shade plugin uses the default one).
 */
public final class LocalVariableTableStripper {

    private LocalVariableTableStripper() {
    }

    /** @param args the jar to rewrite in place */
    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        Path stripped = jar.resolveSibling(jar.getFileName() + ".stripping");
        try (ZipFile in = new ZipFile(jar.toFile()); OutputStream file = Files.newOutputStream(stripped);
                ZipOutputStream out = new ZipOutputStream(file)) {
            out.setLevel(Deflater.BEST_COMPRESSION);
            for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements();) {
                ZipEntry entry = entries.nextElement();
                try (InputStream content = in.getInputStream(entry)) {
                    byte[] bytes = content.readAllBytes();
                    copy(entry, isStrippable(entry) ? strip(bytes) : bytes, out);
                }
            }
        }
        Files.move(stripped, jar, StandardCopyOption.REPLACE_EXISTING);
    }

    private static boolean isStrippable(ZipEntry entry) {
        return entry.getName().endsWith(".class") && !entry.getName().endsWith("module-info.class");
    }

    /** The class without its LocalVariableTable and LocalVariableTypeTable; its code and stack map frames unchanged. */
    static byte[] strip(byte[] classFile) {
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                    @Override
                    public void visitLocalVariable(String variable, String type, String typeSignature, Label start, Label end, int index) {
                        // left out
                    }
                };
            }
        }, 0);
        return writer.toByteArray();
    }

    /** A new entry of the same name, method and time; a stored entry needs its size and CRC before its bytes. */
    private static void copy(ZipEntry original, byte[] bytes, ZipOutputStream out) throws IOException {
        ZipEntry entry = new ZipEntry(original.getName());
        entry.setTime(original.getTime());
        if (original.getMethod() == ZipEntry.STORED) {
            CRC32 crc = new CRC32();
            crc.update(bytes);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(bytes.length);
            entry.setCompressedSize(bytes.length);
            entry.setCrc(crc.getValue());
        }
        out.putNextEntry(entry);
        out.write(bytes);
        out.closeEntry();
    }
}
