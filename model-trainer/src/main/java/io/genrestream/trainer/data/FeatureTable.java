package io.genrestream.trainer.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A feature table in the Kaggle GTZAN format: {@code filename,length,<numeric features...>,label}, one row per track
 * (features_30_sec) or per segment of a track (features_3_sec, {@code blues.00000.3.wav}). Rows of one track share
 * its {@link #trackOf track id}, so splits can keep a track's segments on one side.
 *
 * @param rowIds       the filename column of every row
 * @param trackIds     the track each row belongs to
 * @param featureNames numeric columns, in table order
 * @param features     rows x features
 * @param labels       the distinct labels, sorted: index = class
 * @param classes      class index of every row
 */
public record FeatureTable(List<String> rowIds, List<String> trackIds, List<String> featureNames, float[][] features,
                           List<String> labels, int[] classes) {

    /** Column holding the row's file name. */
    public static final String FILENAME = "filename";
    /** Column holding the label. */
    public static final String LABEL = "label";
    /** Non-feature column of the Kaggle table (samples per track). */
    public static final String LENGTH = "length";

    /** {@code <genre>.<5 digits>.<segment>.wav}: a segment row of the 3 s table. */
    private static final Pattern SEGMENT_ROW = Pattern.compile("^(.+\\.\\d{5})\\.\\d+\\.[A-Za-z][A-Za-z0-9]*$");
    private static final Pattern EXTENSION = Pattern.compile("\\.[A-Za-z][A-Za-z0-9]*$");

    /** Track id of a row: the file name without segment number and extension. */
    public static String trackOf(String filename) {
        Matcher m = SEGMENT_ROW.matcher(filename);
        return m.matches() ? m.group(1) : EXTENSION.matcher(filename).replaceFirst("");
    }

    /**
     * Reads a table; every column besides filename, length and label must be numeric.
     *
     * @throws IOException              when the file is missing or unreadable
     * @throws IllegalArgumentException naming the row and column of bad content
     */
    public static FeatureTable read(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new NoSuchFileException(csv.toString(), null, "feature table not found");
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = parser.getHeaderNames();
            if (!header.contains(FILENAME) || !header.contains(LABEL)) {
                throw new IllegalArgumentException(csv + ": a feature table needs the columns '" + FILENAME + "' and '"
                        + LABEL + "', found " + header);
            }
            List<String> featureNames = header.stream()
                    .filter(h -> !h.equals(FILENAME) && !h.equals(LABEL) && !h.equals(LENGTH)).toList();
            if (featureNames.isEmpty()) {
                throw new IllegalArgumentException(csv + ": no feature columns");
            }
            List<String> rowIds = new ArrayList<>();
            List<String> rowLabels = new ArrayList<>();
            List<float[]> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                long line = record.getRecordNumber() + 1;
                String label = record.get(LABEL).trim();
                if (label.isEmpty()) {
                    throw new IllegalArgumentException(csv + " line " + line + ": empty label");
                }
                float[] row = new float[featureNames.size()];
                for (int j = 0; j < row.length; j++) {
                    String value = record.get(featureNames.get(j));
                    try {
                        row[j] = Float.parseFloat(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(csv + " line " + line + ", column " + featureNames.get(j)
                                + ": not a number: '" + value + "'");
                    }
                    if (!Float.isFinite(row[j])) {
                        throw new IllegalArgumentException(csv + " line " + line + ", column " + featureNames.get(j)
                                + ": not finite: '" + value + "'");
                    }
                }
                rowIds.add(record.get(FILENAME));
                rowLabels.add(label);
                rows.add(row);
            }
            if (rows.isEmpty()) {
                throw new IllegalArgumentException(csv + ": the feature table has no rows");
            }
            return of(rowIds, featureNames, rows.toArray(float[][]::new), rowLabels);
        }
    }

    /** A table from rows; labels are indexed in sorted order. */
    public static FeatureTable of(List<String> rowIds, List<String> featureNames, float[][] features,
                                  List<String> rowLabels) {
        List<String> labels = List.copyOf(new TreeSet<>(rowLabels));
        if (labels.size() < 2) {
            throw new IllegalArgumentException("a genre table needs at least two labels, found " + labels);
        }
        int[] classes = rowLabels.stream().mapToInt(labels::indexOf).toArray();
        List<String> tracks = rowIds.stream().map(FeatureTable::trackOf).toList();
        Map<String, String> labelOfTrack = new LinkedHashMap<>();
        for (int i = 0; i < tracks.size(); i++) {
            String previous = labelOfTrack.putIfAbsent(tracks.get(i), rowLabels.get(i));
            if (previous != null && !previous.equals(rowLabels.get(i))) {
                throw new IllegalArgumentException("track " + tracks.get(i) + " has rows labelled " + previous
                        + " and " + rowLabels.get(i));
            }
        }
        return new FeatureTable(List.copyOf(rowIds), tracks, List.copyOf(featureNames), features, labels, classes);
    }

    /** Number of rows. */
    public int size() {
        return features.length;
    }

    /** Rows per class, in label order. */
    public int[] classCounts() {
        int[] counts = new int[labels.size()];
        for (int c : classes) {
            counts[c]++;
        }
        return counts;
    }

    /** Class frequencies (rows per class / rows), in label order. */
    public double[] classPriors() {
        int[] counts = classCounts();
        return Arrays.stream(counts).mapToDouble(c -> (double) c / size()).toArray();
    }

    /** Labels present among the given rows. */
    public Set<String> labelsOf(int[] rows) {
        Set<String> present = new TreeSet<>();
        for (int r : rows) {
            present.add(labels.get(classes[r]));
        }
        return present;
    }

    /** The feature rows at the given indices (shared arrays, do not modify). */
    public float[][] rows(int[] indices) {
        float[][] out = new float[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            out[i] = features[indices[i]];
        }
        return out;
    }

    /** The classes at the given indices. */
    public int[] classes(int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = classes[indices[i]];
        }
        return out;
    }
}
