package org.peerbridge.server.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Run by the build (package, after the shade plugin): rewrites the runnable jar without the debug information nobody
 * reads from it, a seventh of its class files' bytes:
 * <ul>
 *   <li>every class's local-variable tables. Only a debugger reads them; the JVM never does, and nothing in the jar
 *       asks for a parameter's name through them (HAPI binds parameters by annotation);</li>
 *   <li>the line numbers of the generated R4 and R5 model classes ({@link #WITHOUT_LINE_NUMBERS}). A stack trace
 *       through them still names each accessor it passes; every other class keeps its line numbers.</li>
 * </ul>
 * The rewritten jar replaces the old one in place, entry by entry in the same order, deflated at the best level, its
 * sizes in the local headers rather than in a descriptor after each entry (the shade plugin writes both at default
 * settings).
 */
public final class DebugInfoStripper {

    /** Entry-name prefixes of the classes that lose their line numbers too. */
    private static final List<String> WITHOUT_LINE_NUMBERS = List.of("org/hl7/fhir/r4/model/", "org/hl7/fhir/r5/model/");

    private DebugInfoStripper() {
    }

    /** @param args the jar to rewrite in place */
    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        Path stripped = jar.resolveSibling(jar.getFileName() + ".stripping");
        try (ZipFile in = new ZipFile(jar.toFile()); ZipArchiveOutputStream out = new ZipArchiveOutputStream(stripped.toFile())) {
            out.setLevel(Deflater.BEST_COMPRESSION);
            out.setUseZip64(Zip64Mode.Never);
            for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements();) {
                ZipEntry entry = entries.nextElement();
                try (InputStream content = in.getInputStream(entry)) {
                    copy(entry, stripped(entry.getName(), content.readAllBytes()), out);
                }
            }
        }
        Files.move(stripped, jar, StandardCopyOption.REPLACE_EXISTING);
    }

    private static byte[] stripped(String name, byte[] content) {
        if (!name.endsWith(".class") || name.endsWith("module-info.class")) {
            return content;
        }
        return strip(content, WITHOUT_LINE_NUMBERS.stream().noneMatch(name::startsWith));
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

    /** A new entry of the same name, method and time; a stored entry needs its CRC before its bytes. */
    private static void copy(ZipEntry original, byte[] bytes, ZipArchiveOutputStream out) throws IOException {
        ZipArchiveEntry entry = new ZipArchiveEntry(original.getName());
        entry.setTime(original.getTime());
        entry.setMethod(original.getMethod());
        entry.setSize(bytes.length);
        if (original.getMethod() == ZipEntry.STORED) {
            CRC32 crc = new CRC32();
            crc.update(bytes);
            entry.setCrc(crc.getValue());
            entry.setCompressedSize(bytes.length);
        }
        out.putArchiveEntry(entry);
        out.write(bytes);
        out.closeArchiveEntry();
    }
}
