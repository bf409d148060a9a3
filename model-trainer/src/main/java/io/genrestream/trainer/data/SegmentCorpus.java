package io.genrestream.trainer.data;

import io.genrestream.audio.AudioFileDecoder;
import io.genrestream.audio.DecodedAudio;
import io.genrestream.features.FeatureConfig;
import io.genrestream.features.FeatureExtractor;
import io.genrestream.features.SegmentFeatures;
import io.genrestream.features.SummaryFeatures;
import io.genrestream.trainer.folds.TrackSplits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Labelled audio cut into segments and turned into frame matrices with the app's {@link FeatureExtractor}: the GRU's
 * training data. Audio files are found under a root as {@code <label>/<file>} (GTZAN's
 * {@code genres_original/<genre>/<genre>.NNNNN.wav}); files directly in the root take the label from their name up to
 * the first dot ({@code blues.00001.wav}).
 *
 * @param tracks       track id (file name without extension) of every track
 * @param trackLabels  label of every track
 * @param segmentTrack track index of every segment
 * @param segments     frame matrices [segment][frame][feature]
 */
public record SegmentCorpus(List<String> tracks, List<String> trackLabels, int[] segmentTrack, float[][][] segments) {

    /** Audio file extensions read (what {@link AudioFileDecoder} reads without ffmpeg). */
    public static final Set<String> EXTENSIONS = Set.of("wav", "au", "aiff", "aif");

    /**
     * Decodes every audio file under {@code root}, resamples to the configuration's rate and extracts up to
     * {@code maxSegmentsPerTrack} consecutive, non-overlapping segments per track.
     */
    public static SegmentCorpus load(Path root, FeatureConfig config, int maxSegmentsPerTrack) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString(), null, "audio folder not found");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root, 2)) {
            files = walk.filter(Files::isRegularFile).filter(p -> EXTENSIONS.contains(extension(p))).sorted()
                    .toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(root + ": no audio files (" + EXTENSIONS + ") as <label>/<file>");
        }
        FeatureExtractor extractor = FeatureExtractor.of(config);
        List<String> tracks = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Integer> segmentTrack = new ArrayList<>();
        List<float[][]> segments = new ArrayList<>();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("extract segments").setInitialMax(files.size())
                .build()) {
            for (Path file : files) {
                DecodedAudio audio = AudioFileDecoder.standard().decode(file).toMono();
                float[] y = audio.resampledTo(config.sampleRate());
                int n = Math.min(maxSegmentsPerTrack, y.length / config.segmentSamples());
                if (n == 0) {
                    bar.step();
                    continue;
                }
                int track = tracks.size();
                tracks.add(file.getFileName().toString().replaceFirst("\\.[^.]+$", ""));
                labels.add(labelOf(root, file));
                for (int s = 0; s < n; s++) {
                    float[] segment = java.util.Arrays.copyOfRange(y, s * config.segmentSamples(),
                            (s + 1) * config.segmentSamples());
                    segments.add(extractor.frameMatrix(extractor.frames(segment)));
                    segmentTrack.add(track);
                }
                bar.step();
            }
        }
        if (tracks.isEmpty()) {
            throw new IllegalArgumentException(root + ": no audio file is at least one segment ("
                    + config.segmentSeconds() + " s) long");
        }
        return new SegmentCorpus(List.copyOf(tracks), List.copyOf(labels),
                segmentTrack.stream().mapToInt(Integer::intValue).toArray(), segments.toArray(float[][][]::new));
    }

    /**
     * Audio with the summary features of each segment, for distillation and for scoring with both models: frame
     * matrices and the 57 summary features of each segment, and the track each segment comes from.
     *
     * @param tracks       track names (file names without extension), in file order
     * @param trackFolders each track's parent folder name (its label in a {@code <label>/<file>} tree)
     * @param segmentTrack index into {@code tracks} of each segment
     * @param segments     frame matrices [segment][frame][feature]
     * @param summaryRows  summary features [segment][57], in {@link SummaryFeatures#COLUMNS} order
     */
    public record Unlabelled(List<String> tracks, List<String> trackFolders, int[] segmentTrack,
                             float[][][] segments, float[][] summaryRows) {

        /** Rows of the segments of the tracks for which {@code keep} is true. */
        public int[] segmentsOf(java.util.function.IntPredicate keep) {
            return java.util.stream.IntStream.range(0, segmentTrack.length).filter(i -> keep.test(segmentTrack[i]))
                    .toArray();
        }
    }

    /**
     * Every audio file under {@code root} (labels ignored), up to {@code maxSegmentsPerTrack} segments each, with the
     * summary features the app's summary model takes (HPSS and onset statistics included, so slower than
     * {@link #load}).
     */
    public static Unlabelled loadUnlabelled(Path root, FeatureConfig config, int maxSegmentsPerTrack)
            throws IOException {
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString(), null, "unlabelled audio folder not found");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).filter(p -> EXTENSIONS.contains(extension(p))).sorted()
                    .toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(root + ": no audio files (" + EXTENSIONS + ")");
        }
        FeatureExtractor extractor = FeatureExtractor.of(config);
        List<String> tracks = new ArrayList<>();
        List<String> folders = new ArrayList<>();
        List<Integer> segmentTrack = new ArrayList<>();
        List<float[][]> segments = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("extract unlabelled").setInitialMax(files.size())
                .build()) {
            for (Path file : files) {
                float[] y = AudioFileDecoder.standard().decode(file).toMono().resampledTo(config.sampleRate());
                int n = Math.min(maxSegmentsPerTrack, y.length / config.segmentSamples());
                if (n > 0) {
                    tracks.add(file.getFileName().toString().replaceFirst("\\.[^.]+$", ""));
                    folders.add(file.getParent().getFileName().toString());
                }
                for (int s = 0; s < n; s++) {
                    SegmentFeatures f = extractor.extract(java.util.Arrays.copyOfRange(y,
                            s * config.segmentSamples(), (s + 1) * config.segmentSamples()));
                    double[] summary = SummaryFeatures.of(f.statistics(), config);
                    float[] row = new float[summary.length];
                    for (int j = 0; j < row.length; j++) {
                        row[j] = (float) summary[j];
                    }
                    segments.add(f.frameMatrix());
                    rows.add(row);
                    segmentTrack.add(tracks.size() - 1);
                }
                bar.step();
            }
        }
        return new Unlabelled(List.copyOf(tracks), List.copyOf(folders),
                segmentTrack.stream().mapToInt(Integer::intValue).toArray(), segments.toArray(float[][][]::new),
                rows.toArray(float[][]::new));
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String labelOf(Path root, Path file) {
        Path parent = file.getParent();
        if (!parent.equals(root)) {
            return parent.getFileName().toString();
        }
        String name = file.getFileName().toString();
        return name.substring(0, name.indexOf('.'));
    }

    /**
     * The corpus as a table of segment rows (one dummy feature: the segment index) whose track ids group a track's
     * segments, so {@link TrackSplits} can split it by track.
     */
    public FeatureTable asSegmentTable() {
        List<String> rowIds = new ArrayList<>();
        List<String> rowTracks = new ArrayList<>();
        List<String> rowLabels = new ArrayList<>();
        float[][] index = new float[segments.length][1];
        for (int s = 0; s < segments.length; s++) {
            rowIds.add(tracks.get(segmentTrack[s]) + "#" + s);
            rowTracks.add(tracks.get(segmentTrack[s]));
            rowLabels.add(trackLabels.get(segmentTrack[s]));
            index[s][0] = s;
        }
        FeatureTable byLabel = FeatureTable.of(rowIds, List.of("segment"), index, rowLabels);
        return new FeatureTable(byLabel.rowIds(), List.copyOf(rowTracks), byLabel.featureNames(), index,
                byLabel.labels(), byLabel.classes());
    }

    /** Frame matrices of the given segments. */
    public float[][][] segments(int[] rows) {
        float[][][] out = new float[rows.length][][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = segments[rows[i]];
        }
        return out;
    }
}
