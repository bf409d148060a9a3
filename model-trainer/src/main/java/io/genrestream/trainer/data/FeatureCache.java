package io.genrestream.trainer.data;

import io.genrestream.features.FeatureExtractor;
import io.genrestream.features.SummaryFeatures;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On-disk cache of a file's extracted segment features, keyed by the file (absolute path, size, modification time),
 * the {@link FeatureConfig} (segment length included), the segment plan, the summary columns and the extraction code
 * ({@link FeatureCodeDigest}), so repeated experiments do not decode and extract again and a change of the feature
 * code is never served from entries of the old one. One binary file per key; a missing or unreadable entry is simply
 * recomputed.
 */
public final class FeatureCache {

    /** Bumped when the entry layout changes (the extraction code is in the key). */
    static final int FORMAT = 2;
    private static final Logger LOG = LoggerFactory.getLogger(FeatureCache.class);

    private final Path directory;

    /** A cache in {@code directory}; {@code null} disables caching. */
    public FeatureCache(Path directory) {
        this.directory = directory;
    }

    /**
     * A file's segments.
     *
     * @param frames  frame matrices [segment][frame][feature]
     * @param logMel  log-mel spectrograms [segment][frame][band]
     * @param summary summary features of the app's rolling window ending with each segment [segment][feature]
     */
    public record Entry(float[][][] frames, float[][][] logMel, float[][] summary) {
    }

    /** The cached entry, or {@code null}. */
    Entry read(Path file, FeatureExtractor extractor, SegmentDataset.Plan plan) {
        if (directory == null) {
            return null;
        }
        try {
            Path entry = directory.resolve(key(file, extractor, plan) + ".bin");
            if (!Files.isRegularFile(entry)) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(entry),
                    1 << 16))) {
                int n = in.readInt();
                return new Entry(readMatrices(in, n), readMatrices(in, n), readMatrices(in, 1)[0]);
            }
        } catch (IOException e) {
            LOG.warn("feature cache entry of {} unreadable, extracting again: {}", file, e.getMessage());
            return null;
        }
    }

    /** Stores an entry (written to a temporary file, then moved into place). */
    void write(Path file, FeatureExtractor extractor, SegmentDataset.Plan plan, Entry entry) throws IOException {
        if (directory == null) {
            return;
        }
        Files.createDirectories(directory);
        Path target = directory.resolve(key(file, extractor, plan) + ".bin");
        Path tmp = Files.createTempFile(directory, "entry", ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp),
                1 << 16))) {
            out.writeInt(entry.frames().length);
            writeMatrices(out, entry.frames());
            writeMatrices(out, entry.logMel());
            writeMatrices(out, new float[][][] {entry.summary()});
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static float[][][] readMatrices(DataInputStream in, int n) throws IOException {
        float[][][] out = new float[n][][];
        for (int s = 0; s < n; s++) {
            int rows = in.readInt();
            int cols = in.readInt();
            out[s] = new float[rows][cols];
            for (float[] row : out[s]) {
                for (int c = 0; c < cols; c++) {
                    row[c] = in.readFloat();
                }
            }
        }
        return out;
    }

    private static void writeMatrices(DataOutputStream out, float[][][] matrices) throws IOException {
        for (float[][] m : matrices) {
            out.writeInt(m.length);
            out.writeInt(m.length == 0 ? 0 : m[0].length);
            for (float[] row : m) {
                for (float v : row) {
                    out.writeFloat(v);
                }
            }
        }
    }

    private static String key(Path file, FeatureExtractor extractor, SegmentDataset.Plan plan) throws IOException {
        // GTZAN's 57 columns add nothing to the key, so entries written before other columns existed stay valid
        String columns = extractor.summaryColumns().equals(SummaryFeatures.COLUMNS) ? ""
                : "|" + extractor.summaryColumns();
        return sha256Hex(FORMAT + "|" + file.toAbsolutePath().normalize() + "|" + Files.size(file) + "|"
                + Files.getLastModifiedTime(file).toMillis() + "|" + extractor.config() + "|" + plan + columns + "|"
                + FeatureCodeDigest.current());
    }

    /** SHA-256 of {@code text} (UTF-8) in hex: the name of a file derived from what made it. */
    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
