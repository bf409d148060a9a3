package io.genrestream.trainer.folds;

import io.genrestream.trainer.data.FeatureTable;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Track-level, stratified, seeded splits of a {@link FeatureTable}: every row of a track lands on the same side, and
 * each class is spread evenly over folds. Written here because Tribuo's {@code KFoldSplitter} splits rows, not
 * tracks, and does not stratify.
 */
public final class TrackSplits {

    /** Split-file value of a training track. */
    public static final String TRAIN = "train";
    /** Split-file value of a test track. */
    public static final String TEST = "test";

    private TrackSplits() {
    }

    /** One train/test split as row indices. */
    public record Split(int[] train, int[] test) {
    }

    /**
     * Stratified k-fold over tracks: the tracks of each class are shuffled with {@code seed} and dealt to the folds in
     * turn (continuing where the previous class stopped, so fold sizes differ by at most one track).
     *
     * @throws IllegalArgumentException when a class has fewer tracks than folds
     */
    public static List<Split> stratifiedKFold(FeatureTable table, int folds, long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("k-fold needs at least 2 folds, got " + folds);
        }
        Map<String, Integer> trackClass = trackClasses(table);
        Map<Integer, List<String>> tracksByClass = new HashMap<>();
        trackClass.forEach((track, c) -> tracksByClass.computeIfAbsent(c, k -> new ArrayList<>()).add(track));
        Random random = new Random(seed);
        Map<String, Integer> foldOfTrack = new HashMap<>();
        int next = 0;
        for (int c = 0; c < table.labels().size(); c++) {
            List<String> tracks = tracksByClass.getOrDefault(c, List.of());
            if (tracks.size() < folds) {
                throw new IllegalArgumentException("class '" + table.labels().get(c) + "' has " + tracks.size()
                        + " tracks, fewer than the " + folds + " folds");
            }
            List<String> shuffled = new ArrayList<>(tracks);
            Collections.sort(shuffled);
            Collections.shuffle(shuffled, random);
            for (String track : shuffled) {
                foldOfTrack.put(track, next);
                next = (next + 1) % folds;
            }
        }
        List<Split> splits = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            final int fold = f;
            splits.add(partition(table, track -> foldOfTrack.get(track) == fold));
        }
        return splits;
    }

    /**
     * A stratified hold-out: about {@code testFraction} of each class's tracks (at least one) go to the test side.
     */
    public static Split stratifiedHoldout(FeatureTable table, double testFraction, long seed) {
        return stratifiedHoldout(table, java.util.stream.IntStream.range(0, table.size()).toArray(), testFraction, seed);
    }

    /** {@link #stratifiedHoldout(FeatureTable, double, long)} among the given rows only (e.g. a fold's training rows). */
    public static Split stratifiedHoldout(FeatureTable table, int[] rows, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0, 1), got " + testFraction);
        }
        Map<String, Integer> trackClass = new LinkedHashMap<>();
        for (int r : rows) {
            trackClass.put(table.trackIds().get(r), table.classes()[r]);
        }
        Random random = new Random(seed);
        Set<String> test = new TreeSet<>();
        for (int c : new TreeSet<>(trackClass.values())) {
            final int cls = c;
            List<String> tracks = new ArrayList<>(trackClass.keySet().stream()
                    .filter(t -> trackClass.get(t) == cls).sorted().toList());
            if (tracks.size() < 2) {
                throw new IllegalArgumentException("class '" + table.labels().get(c) + "' has " + tracks.size()
                        + " track(s); a hold-out split needs at least 2 per class");
            }
            Collections.shuffle(tracks, random);
            int n = Math.max(1, (int) Math.round(tracks.size() * testFraction));
            test.addAll(tracks.subList(0, Math.min(n, tracks.size() - 1)));
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> held = new ArrayList<>();
        for (int r : rows) {
            (test.contains(table.trackIds().get(r)) ? held : train).add(r);
        }
        return new Split(toArray(train), toArray(held));
    }

    /**
     * Reads a split file: CSV with header {@code track,split}; split is {@code train}, {@code test} or a fold number.
     * Track names may be given with or without extension ({@code blues.00000.wav} or {@code blues.00000}).
     *
     * @return split value per track id
     */
    public static Map<String, String> readSplitFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "split file not found");
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build();
        Map<String, String> splits = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            if (!parser.getHeaderNames().containsAll(List.of("track", "split"))) {
                throw new IllegalArgumentException(file + ": a split file needs the header 'track,split', found "
                        + parser.getHeaderNames());
            }
            for (CSVRecord r : parser) {
                String value = r.get("split").trim();
                if (!value.equals(TRAIN) && !value.equals(TEST) && !value.matches("\\d+")) {
                    throw new IllegalArgumentException(file + " line " + (r.getRecordNumber() + 1) + ": split must be "
                            + "train, test or a fold number, got '" + value + "'");
                }
                splits.put(FeatureTable.trackOf(r.get("track").trim()), value);
            }
        }
        return splits;
    }

    /**
     * The train/test split a split file defines (tracks the file does not list are left out, e.g. GTZAN's faulty
     * tracks in the fault-filtered split).
     */
    public static Split fromSplitFile(FeatureTable table, Map<String, String> splitOfTrack) {
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int r = 0; r < table.size(); r++) {
            String value = splitOfTrack.get(table.trackIds().get(r));
            if (TRAIN.equals(value)) {
                train.add(r);
            } else if (TEST.equals(value)) {
                test.add(r);
            }
        }
        return new Split(toArray(train), toArray(test));
    }

    /** The folds a split file defines by fold numbers (0, 1, ...), as k-fold splits. */
    public static List<Split> foldsFromSplitFile(FeatureTable table, Map<String, String> splitOfTrack) {
        Set<Integer> folds = new TreeSet<>();
        splitOfTrack.values().stream().filter(v -> v.matches("\\d+")).forEach(v -> folds.add(Integer.parseInt(v)));
        if (folds.size() < 2) {
            throw new IllegalArgumentException("the split file defines " + folds.size() + " fold(s); cross-validation"
                    + " needs at least 2");
        }
        List<Split> splits = new ArrayList<>();
        for (int f : folds) {
            String value = Integer.toString(f);
            splits.add(partition(table, track -> value.equals(splitOfTrack.get(track)),
                    track -> splitOfTrack.containsKey(track)));
        }
        return splits;
    }

    /**
     * Checks a split before training: both sides non-empty, every class on both sides, no track on both sides.
     *
     * @throws IllegalArgumentException naming the problem
     */
    public static void validate(FeatureTable table, Split split, String what) {
        if (split.train().length == 0 || split.test().length == 0) {
            throw new IllegalArgumentException(what + ": " + (split.train().length == 0 ? "train" : "test")
                    + " side is empty");
        }
        Set<String> trainLabels = table.labelsOf(split.train());
        Set<String> testLabels = table.labelsOf(split.test());
        if (!trainLabels.equals(testLabels)) {
            Set<String> onlyTrain = new TreeSet<>(trainLabels);
            onlyTrain.removeAll(testLabels);
            Set<String> onlyTest = new TreeSet<>(testLabels);
            onlyTest.removeAll(trainLabels);
            throw new IllegalArgumentException(what + ": label sets of train and test differ; only in train "
                    + onlyTrain + ", only in test " + onlyTest);
        }
        Set<String> missing = new TreeSet<>(table.labels());
        missing.removeAll(trainLabels);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(what + ": classes with no tracks: " + missing);
        }
        Set<String> trainTracks = new TreeSet<>();
        for (int r : split.train()) {
            trainTracks.add(table.trackIds().get(r));
        }
        for (int r : split.test()) {
            if (trainTracks.contains(table.trackIds().get(r))) {
                throw new IllegalArgumentException(what + ": track " + table.trackIds().get(r)
                        + " is on both sides of the split");
            }
        }
    }

    private static Map<String, Integer> trackClasses(FeatureTable table) {
        Map<String, Integer> trackClass = new LinkedHashMap<>();
        for (int r = 0; r < table.size(); r++) {
            trackClass.put(table.trackIds().get(r), table.classes()[r]);
        }
        return trackClass;
    }

    private static Split partition(FeatureTable table, java.util.function.Predicate<String> isTest) {
        return partition(table, isTest, track -> true);
    }

    private static Split partition(FeatureTable table, java.util.function.Predicate<String> isTest,
                                   java.util.function.Predicate<String> isUsed) {
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int r = 0; r < table.size(); r++) {
            String track = table.trackIds().get(r);
            if (!isUsed.test(track)) {
                continue;
            }
            (isTest.test(track) ? test : train).add(r);
        }
        return new Split(toArray(train), toArray(test));
    }

    static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
