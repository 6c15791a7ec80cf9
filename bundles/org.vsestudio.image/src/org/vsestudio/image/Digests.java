package org.vsestudio.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** SHA-256 of text, files and whole folders, as lower-case hex. */
final class Digests {

    private Digests() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    static String of(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String ofFile(Path file) throws IOException {
        MessageDigest md = sha256();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                md.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * The digest of a file or folder as a copy step sees it: every entry's relative path,
     * type, permissions and content (or link target), in name order. Times and owners are not
     * part of it: the image does not keep them.
     */
    static String ofTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return "missing";
        }
        StringBuilder b = new StringBuilder();
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(root)) {
            entries = walk.sorted().toList();
        }
        for (Path p : entries) {
            String rel = root.relativize(p).toString().replace('\\', '/');
            if (Files.isSymbolicLink(p)) {
                b.append("l ").append(rel).append(' ').append(Files.readSymbolicLink(p)).append('\n');
            } else if (Files.isDirectory(p)) {
                b.append("d ").append(rel).append(' ').append(mode(p)).append('\n');
            } else {
                b.append("f ").append(rel).append(' ').append(mode(p)).append(' ').append(ofFile(p)).append('\n');
            }
        }
        return of(b.toString());
    }

    private static String mode(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | UnsupportedOperationException e) {
            return "?";
        }
    }
}
