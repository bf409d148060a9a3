package io.genrestream.producer.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Track ids of files: the first {@value #ID_HEX_DIGITS} hex digits of the SHA-256 of the file's bytes.
 *
 * <p>A content hash rather than the path: the same recording gets the same id wherever it lies and whatever it
 * is called, so re-uploading a folder from another machine or after a rename maps to the same track (verdicts are
 * per track), and two copies of one file in a folder are recognised as one track. 64 bits make an accidental
 * collision negligible for any realistic library.
 */
public final class TrackIds {

    /** Hex digits kept of the SHA-256. */
    public static final int ID_HEX_DIGITS = 16;

    private TrackIds() {
    }

    /** Content id of the file. */
    public static String ofFile(Path file) throws IOException {
        MessageDigest sha256 = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha256.digest()).substring(0, ID_HEX_DIGITS);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
