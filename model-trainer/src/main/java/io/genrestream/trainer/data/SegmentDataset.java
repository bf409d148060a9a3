package io.genrestream.trainer.data;

import io.genrestream.audio.AudioFileDecoder;
import io.genrestream.audio.FfmpegDecoder;
import io.genrestream.features.FeatureConfig;
import io.genrestream.features.FeatureExtractor;
import io.genrestream.features.FrameFeatures;
import io.genrestream.features.SegmentStatistics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Labelled clips cut into segments, with each segment's frame matrix (the recurrent models' input), log-mel
 * spectrogram (the CNN's input) and summary features (the summary model's input), extracted with the app's
 * {@link FeatureExtractor}. The summary row of segment {@code k} is what the app computes at that point of a stream:
 * the statistics of the last {@link #SUMMARY_WINDOW_SECONDS} (segments {@code k-9..k} at 3 s, fewer near the start),
 * so the summary model learns every window from 3 s up to 30 s. Unreadable or corrupt files are
 * skipped with a warning and listed in {@link #skipped()}; features are cached per file and segment plan
 * ({@link FeatureCache}).
 *
 * @param clips        the clips that were read, index = track
 * @param skipped      files that could not be decoded, with the reason
 * @param segmentTrack track of every segment
 * @param segmentIndex position of every segment in its track (0, 1, ...; segment {@code k} starts at
 *                     {@code offset + k · segment length})
 * @param frames       frame matrices [segment][frame][feature]
 * @param logMel       log-mel spectrograms [segment][frame][band]
 * @param summaryRows  summary rows [segment][the extractor's summary columns]
 */
public record SegmentDataset(List<LabelledClips.Clip> clips, List<String> skipped, int[] segmentTrack,
                             int[] segmentIndex, float[][][] frames, float[][][] logMel, float[][] summaryRows) {

    /** The app's default summary window ({@code genre.segment.summary-window-seconds}). */
    public static final double SUMMARY_WINDOW_SECONDS = 30.0;

    private static final Logger LOG = LoggerFactory.getLogger(SegmentDataset.class);

    /**
     * Where the segments of a track are cut.
     *
     * @param maxSegments   segments per track at most
     * @param offsetSeconds start of the first segment (test-time-augmentation crops are shifted this way)
     * @param augmentation  waveform augmentation, or {@code null} for the plain segments
     * @param copy          which augmented copy (its random draws differ per copy)
     * @param seed          seed of the augmentation's draws
     */
    public record Plan(int maxSegments, double offsetSeconds, SegmentAugmentation augmentation, int copy, long seed) {

        public Plan {
            if (maxSegments < 1 || !(offsetSeconds >= 0)) {
                throw new IllegalArgumentException("segment plan needs >= 1 segment and offset >= 0, got "
                        + maxSegments + "/" + offsetSeconds);
            }
        }

        /** Consecutive plain segments from the start. */
        public static Plan plain(int maxSegments) {
            return new Plan(maxSegments, 0, null, 0, 0);
        }
    }

    /** Decodes, cuts and extracts every clip (or reads the cache). */
    public static SegmentDataset load(List<LabelledClips.Clip> clips, FeatureExtractor extractor, Plan plan,
                                      FeatureCache cache, String task) throws IOException {
        FeatureConfig config = extractor.config();
        List<LabelledClips.Clip> kept = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<Integer> segmentTrack = new ArrayList<>();
        List<Integer> segmentIndex = new ArrayList<>();
        List<float[][]> frames = new ArrayList<>();
        List<float[][]> logMel = new ArrayList<>();
        List<float[]> summaryRows = new ArrayList<>();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(clips.size()).build()) {
            for (LabelledClips.Clip clip : clips) {
                FeatureCache.Entry entry = cache.read(clip.file(), extractor, plan);
                if (entry == null) {
                    float[] y;
                    try {
                        y = decode(clip.file(), config.sampleRate());
                    } catch (IOException | RuntimeException e) {
                        if (e instanceof FfmpegDecoder.FfmpegMissingException missing) {
                            throw missing;
                        }
                        LOG.warn("skipping {}: {}", clip.file(), e.getMessage());
                        skipped.add(clip.file().getFileName() + ": " + e.getMessage());
                        bar.step();
                        continue;
                    }
                    entry = extract(clip, y, extractor, plan);
                    cache.write(clip.file(), extractor, plan, entry);
                }
                if (entry.frames().length > 0) {
                    int track = kept.size();
                    kept.add(clip);
                    for (int s = 0; s < entry.frames().length; s++) {
                        segmentTrack.add(track);
                        segmentIndex.add(s);
                        frames.add(entry.frames()[s]);
                        logMel.add(entry.logMel()[s]);
                        summaryRows.add(entry.summary()[s]);
                    }
                } else {
                    skipped.add(clip.file().getFileName() + ": shorter than one segment");
                }
                bar.step();
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no clip could be read and cut into " + config.segmentSeconds()
                    + " s segments (" + skipped.size() + " skipped: " + skipped.stream().limit(3).toList() + ")");
        }
        return new SegmentDataset(List.copyOf(kept), List.copyOf(skipped),
                segmentTrack.stream().mapToInt(Integer::intValue).toArray(),
                segmentIndex.stream().mapToInt(Integer::intValue).toArray(),
                frames.toArray(float[][][]::new), logMel.toArray(float[][][]::new),
                summaryRows.toArray(float[][]::new));
    }

    /** Mono samples of {@code file} at {@code sampleRate}: WAV/AU/AIFF in Java, anything else through ffmpeg. */
    public static float[] decode(Path file, int sampleRate) throws IOException {
        return AudioFileDecoder.standard().decodeMono(file, sampleRate);
    }

    private static FeatureCache.Entry extract(LabelledClips.Clip clip, float[] y, FeatureExtractor extractor,
                                              Plan plan) {
        FeatureConfig config = extractor.config();
        int length = config.segmentSamples();
        int offset = (int) Math.round(plan.offsetSeconds() * config.sampleRate());
        int n = Math.max(0, Math.min(plan.maxSegments(), (y.length - offset) / length));
        float[][][] frames = new float[n][][];
        float[][][] logMel = new float[n][][];
        float[][] summary = new float[n][];
        int window = Math.max(1, (int) Math.round(SUMMARY_WINDOW_SECONDS / config.segmentSeconds()));
        List<SegmentStatistics> statistics = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            int start = offset + s * length;
            float[] segment;
            if (plan.augmentation() == null) {
                segment = java.util.Arrays.copyOfRange(y, start, start + length);
            } else {
                // one stream per (seed, track, copy, segment): a segment's augmentation does not depend on the others
                Random random = new Random(java.util.Objects.hash(plan.seed(), clip.track(), plan.copy(), s));
                segment = plan.augmentation().crop(y, start, length, config.sampleRate(), random);
            }
            FrameFeatures f = extractor.frames(segment);
            frames[s] = extractor.frameMatrix(f);
            logMel[s] = f.logMel();
            statistics.add(extractor.statistics(f, segment));
            // the app's rolling window (FeatureStage): this segment and the ones before it, up to the window
            SegmentStatistics merged = SegmentStatistics.mergeAvailable(
                    statistics.subList(Math.max(0, statistics.size() - window), statistics.size()));
            summary[s] = extractor.summaryRow(merged);
        }
        return new FeatureCache.Entry(frames, logMel, summary);
    }

    /** Distinct labels, sorted: the class order of every model. */
    public List<String> labels() {
        return clips.stream().map(LabelledClips.Clip::label).distinct().sorted().toList();
    }

    /** Class index of every track. */
    public int[] trackClasses() {
        List<String> labels = labels();
        return clips.stream().mapToInt(c -> labels.indexOf(c.label())).toArray();
    }

    /** Class index of every segment. */
    public int[] segmentClasses() {
        int[] tracks = trackClasses();
        return java.util.Arrays.stream(segmentTrack).map(t -> tracks[t]).toArray();
    }

    /** Segments (rows) of the tracks in {@code tracks}. */
    public int[] segmentsOf(Set<Integer> tracks) {
        return java.util.stream.IntStream.range(0, segmentTrack.length).filter(i -> tracks.contains(segmentTrack[i]))
                .toArray();
    }

    /** Model inputs of the given segments: log-mel spectrograms or frame matrices. */
    public float[][][] inputs(int[] rows, boolean useLogMel) {
        float[][][] source = useLogMel ? logMel : frames;
        float[][][] out = new float[rows.length][][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = source[rows[i]];
        }
        return out;
    }

    /** Row of the segment ({@code track}, {@code index}), or -1 when this dataset does not have it. */
    public int rowOf(int track, int index) {
        // segments of a track are consecutive and in order
        for (int i = 0; i < segmentTrack.length; i++) {
            if (segmentTrack[i] == track) {
                int row = i + index;
                return row < segmentTrack.length && segmentTrack[row] == track && segmentIndex[row] == index
                        ? row : -1;
            }
        }
        return -1;
    }
}
