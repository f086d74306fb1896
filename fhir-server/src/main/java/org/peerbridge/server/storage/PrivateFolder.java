package org.peerbridge.server.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * The data folder holds mental-health records and the admin key: it is readable by the server's user only
 * (folder 0700, every file 0600), whatever the umask, set when the folder is made and again on every file
 * each time the server opens or closes it (the database makes its files with the process's umask).
 */
public final class PrivateFolder {

    private PrivateFolder() {
    }

    /** Creates the folder (0700) if needed and makes it and everything in it private. */
    public static void secure(Path folder) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return; // Windows: the folder's ACL, inherited from the user's profile, is the operator's to set
        }
        try {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path path : (Iterable<Path>) files::iterator) {
                    if (!path.equals(folder)) {
                        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the data folder " + folder.toAbsolutePath() + " private", e);
        }
    }
}
