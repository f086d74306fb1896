package org.peerbridge.server.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
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

/**
 * Run by the build (package, after the shade plugin): rewrites the runnable jar's classes, each with its own reason:
 * <ul>
 *   <li>without the debug information nobody reads from them ({@link DebugInfoStripper}), a seventh of their bytes;</li>
 *   <li>picocli's, compiled for Java 5, as Java 8 class files ({@link ClassFileUpgrade}), so the class-data-sharing
 *       archive can hold them: every start and every command then maps them instead of loading them from the jar.</li>
 * </ul>
 * The rewritten jar replaces the old one in place, entry by entry in the same order, deflated at the best level, its
 * sizes in the local headers rather than in a descriptor after each entry (the shade plugin writes both at default
 * settings).
 */
public final class RunnableJarRewriter {

    /** Entry-name prefixes of the generated model classes, which lose their line numbers too. */
    private static final List<String> WITHOUT_LINE_NUMBERS = List.of("org/hl7/fhir/r4/model/", "org/hl7/fhir/r5/model/");
    private static final String PICOCLI = "picocli/";

    private RunnableJarRewriter() {
    }

    /** @param args the jar to rewrite in place */
    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        Path rewritten = jar.resolveSibling(jar.getFileName() + ".rewriting");
        try (ZipFile in = new ZipFile(jar.toFile());
                URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
                ZipArchiveOutputStream out = new ZipArchiveOutputStream(rewritten.toFile())) {
            out.setLevel(Deflater.BEST_COMPRESSION);
            out.setUseZip64(Zip64Mode.Never);
            for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements();) {
                ZipEntry entry = entries.nextElement();
                try (InputStream content = in.getInputStream(entry)) {
                    copy(entry, rewritten(entry.getName(), content.readAllBytes(), classes), out);
                }
            }
        }
        Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING);
    }

    private static byte[] rewritten(String name, byte[] content, ClassLoader classes) {
        if (!name.endsWith(".class") || name.endsWith("module-info.class")) {
            return content;
        }
        byte[] stripped = DebugInfoStripper.strip(content, WITHOUT_LINE_NUMBERS.stream().noneMatch(name::startsWith));
        return name.startsWith(PICOCLI) ? ClassFileUpgrade.toJava8(stripped, classes) : stripped;
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
