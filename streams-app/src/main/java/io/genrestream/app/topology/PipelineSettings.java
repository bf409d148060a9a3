package io.genrestream.app.topology;

import java.time.Duration;
import java.util.Objects;

/**
 * Every tunable of the topology, immutable. The Micronaut app fills it from {@code genre.*} (see
 * {@code application.yml}); tests build it directly. Defaults are the constants below.
 *
 * @param minSampleRate          lowest accepted chunk sample rate, Hz
 * @param maxSampleRate          highest accepted chunk sample rate, Hz
 * @param maxChunkBytes          largest accepted PCM payload of one chunk
 * @param reorderGrace           how long a gap in the sequence numbers may stay open before it is skipped
 * @param maxHeldChunks          most out-of-order chunks held per stream; one more skips the oldest gap
 * @param maxHeldBytes           most PCM bytes held out of order per stream; more skips the oldest gap
 * @param inactivityTimeout      wall-clock time without a chunk after which a track is finished (or a live stream
 *                               expired)
 * @param maxOpenTracks          most open streams per task; a new stream beyond it finishes the least recently active
 * @param finishedRetention      how long a finished stream is remembered, so late chunks are dropped, not restarted
 * @param punctuateInterval      wall-clock period of the timeout, gap and batch checks
 * @param segmentSeconds         segment length; must equal the model bundle's
 * @param hopSeconds             distance between segment starts (less than segmentSeconds: overlapping segments)
 * @param minFinalSegmentSeconds a partial last segment at least this long is zero-padded and scored, else dropped
 * @param summaryWindowSeconds   the summary model sees the merged statistics of this much recent audio
 * @param hpssEverySegments      harmonic/percussive separation (harmony, perceptr) on one summary segment in this
 *                               many; the window's harmony/perceptr moments come from those (1: every segment, exact)
 * @param tempoEverySegments     the window's tempo is re-estimated on one segment in this many and reused in between
 *                               (1: every segment, exact)
 * @param batchSize              segments scored in one model call at most
 * @param batchLinger            longest a segment waits for its batch to fill
 * @param unknownThreshold       verdict confidence below which the genre is reported as {@link #UNKNOWN_GENRE};
 *                               NaN (the default) means the bundle's own threshold, chosen on validation folds
 * @param liveWindowSeconds      rolling window of a live stream's verdict
 * @param changeStreak           consecutive rolling verdicts a new genre must win before a genre change is emitted
 * @param changeMinConfidence    least confidence each of those verdicts needs
 */
public record PipelineSettings(
        int minSampleRate,
        int maxSampleRate,
        int maxChunkBytes,
        Duration reorderGrace,
        int maxHeldChunks,
        long maxHeldBytes,
        Duration inactivityTimeout,
        int maxOpenTracks,
        Duration finishedRetention,
        Duration punctuateInterval,
        double segmentSeconds,
        double hopSeconds,
        double minFinalSegmentSeconds,
        double summaryWindowSeconds,
        int hpssEverySegments,
        int tempoEverySegments,
        int batchSize,
        Duration batchLinger,
        double unknownThreshold,
        double liveWindowSeconds,
        int changeStreak,
        double changeMinConfidence) {

    /** Genre reported when the verdict's confidence is below {@link #unknownThreshold()} or no segment voted. */
    public static final String UNKNOWN_GENRE = "unknown";
    /**
     * Kafka's default limit on one record (broker {@code message.max.bytes}, producer {@code max.request.size}); every
     * state-store value, which is also a changelog record, must stay below it.
     */
    public static final int CHANGELOG_RECORD_LIMIT = 1_000_000;

    public PipelineSettings {
        Objects.requireNonNull(reorderGrace, "reorderGrace");
        Objects.requireNonNull(inactivityTimeout, "inactivityTimeout");
        Objects.requireNonNull(finishedRetention, "finishedRetention");
        Objects.requireNonNull(punctuateInterval, "punctuateInterval");
        Objects.requireNonNull(batchLinger, "batchLinger");
        if (minSampleRate <= 0 || maxSampleRate < minSampleRate) {
            throw new IllegalArgumentException("sample rate range must be positive and ordered: " + minSampleRate
                    + ".." + maxSampleRate);
        }
        if (maxChunkBytes <= 0 || maxChunkBytes > CHANGELOG_RECORD_LIMIT / 2) {
            throw new IllegalArgumentException("max chunk bytes must be in 1.." + CHANGELOG_RECORD_LIMIT / 2
                    + " (a held chunk is a changelog record), got " + maxChunkBytes);
        }
        if (maxHeldChunks < 1 || maxHeldBytes < maxChunkBytes) {
            throw new IllegalArgumentException("need room to hold at least one chunk: max held chunks "
                    + maxHeldChunks + ", max held bytes " + maxHeldBytes + " (max chunk bytes " + maxChunkBytes + ")");
        }
        if (!(segmentSeconds > 0) || !(hopSeconds > 0) || hopSeconds > segmentSeconds) {
            throw new IllegalArgumentException("need 0 < hop <= segment seconds, got hop " + hopSeconds
                    + ", segment " + segmentSeconds);
        }
        if (!(minFinalSegmentSeconds >= 0) || minFinalSegmentSeconds > segmentSeconds) {
            throw new IllegalArgumentException("min final segment seconds must be in 0..segment seconds, got "
                    + minFinalSegmentSeconds);
        }
        if (!(summaryWindowSeconds >= segmentSeconds) || !(liveWindowSeconds >= hopSeconds)) {
            throw new IllegalArgumentException("summary window (" + summaryWindowSeconds + " s) must hold a segment"
                    + " and the live window (" + liveWindowSeconds + " s) a hop");
        }
        if (batchSize < 1 || maxOpenTracks < 1 || changeStreak < 1) {
            throw new IllegalArgumentException("batch size, max open tracks and change streak must be positive");
        }
        if (!(Double.isNaN(unknownThreshold) || unknownThreshold >= 0 && unknownThreshold <= 1)
                || !(changeMinConfidence >= 0 && changeMinConfidence <= 1)) {
            throw new IllegalArgumentException("thresholds must be in [0, 1]: unknown " + unknownThreshold
                    + ", change " + changeMinConfidence);
        }
        int windowSegments = Math.max(1, (int) Math.floor(summaryWindowSeconds / segmentSeconds + 1e-9));
        if (hpssEverySegments < 1 || hpssEverySegments > windowSegments || tempoEverySegments < 1) {
            throw new IllegalArgumentException("hpss every segments must be in 1.." + windowSegments
                    + " (segments in the summary window) and tempo every segments at least 1, got "
                    + hpssEverySegments + " / " + tempoEverySegments);
        }
        if (punctuateInterval.isZero() || punctuateInterval.isNegative()) {
            throw new IllegalArgumentException("punctuate interval must be positive, got " + punctuateInterval);
        }
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Segments kept in a live stream's rolling window. */
    public int liveWindowSegments() {
        return Math.max(1, (int) Math.round(liveWindowSeconds / hopSeconds));
    }

    /**
     * Stride between segments whose statistics are merged for the summary model: 1 without overlap; with overlap
     * only every {@code stride}-th segment is merged, so no audio is counted twice.
     */
    public int summaryStride() {
        return Math.max(1, (int) Math.round(segmentSeconds / hopSeconds));
    }

    /**
     * Whether segment {@code index} of stream {@code streamId} gets a harmonic/percussive separation (see
     * {@link #hpssEverySegments()}): the first summary segment, then one in N at a phase fixed per stream. The phase
     * spreads the costly segments of many streams evenly over time: with one phase for all, every live stream that
     * started within one segment of the others would separate the same segment, and N-1 quiet segments would be
     * followed by a burst that queues every stream's next segment behind it (docs/benchmarks.md, load harness).
     * The phase comes from the stream id, so a replay after a crash separates the same segments.
     */
    public boolean separatesHarmonicPercussive(String streamId, int index) {
        int summarySegment = index / summaryStride();
        return summarySegment == 0 || (summarySegment + phase(streamId, hpssEverySegments)) % hpssEverySegments == 0;
    }

    /**
     * Whether the summary window's tempo is re-estimated at segment {@code index} of stream {@code streamId}
     * ({@link #tempoEverySegments()}): one segment in N, at a phase fixed per stream like
     * {@link #separatesHarmonicPercussive}. The caller also estimates it when it has none yet.
     */
    public boolean reestimatesTempo(String streamId, int index) {
        return (index + phase(streamId, tempoEverySegments)) % tempoEverySegments == 0;
    }

    private static int phase(String streamId, int every) {
        return Math.floorMod(streamId.hashCode(), every);
    }

    /** Segments (one every {@link #summaryStride()}) whose statistics make up the summary window. */
    public int summaryWindowSegments() {
        return Math.max(1, (int) Math.floor(summaryWindowSeconds / segmentSeconds + 1e-9));
    }

    /** Builder: every value optional, defaults as in {@code application.yml}. */
    public static final class Builder {
        private int minSampleRate = 8_000;
        private int maxSampleRate = 48_000;
        private int maxChunkBytes = 256 * 1024;
        private Duration reorderGrace = Duration.ofSeconds(5);
        private int maxHeldChunks = 64;
        private long maxHeldBytes = 8L * 1024 * 1024;
        private Duration inactivityTimeout = Duration.ofSeconds(60);
        private int maxOpenTracks = 10_000;
        private Duration finishedRetention = Duration.ofHours(1);
        private Duration punctuateInterval = Duration.ofSeconds(1);
        private double segmentSeconds = 3.0;
        private double hopSeconds = 3.0;
        private double minFinalSegmentSeconds = 1.5;
        private double summaryWindowSeconds = 30.0;
        private int hpssEverySegments = 1;
        private int tempoEverySegments = 1;
        private int batchSize = 32;
        private Duration batchLinger = Duration.ofMillis(200);
        private double unknownThreshold = Double.NaN;
        private double liveWindowSeconds = 30.0;
        private int changeStreak = 3;
        private double changeMinConfidence = 0.5;

        public Builder optSampleRateRange(int min, int max) {
            this.minSampleRate = min;
            this.maxSampleRate = max;
            return this;
        }

        public Builder optMaxChunkBytes(int v) {
            this.maxChunkBytes = v;
            return this;
        }

        public Builder optReorderGrace(Duration v) {
            this.reorderGrace = v;
            return this;
        }

        public Builder optMaxHeldChunks(int v) {
            this.maxHeldChunks = v;
            return this;
        }

        public Builder optMaxHeldBytes(long v) {
            this.maxHeldBytes = v;
            return this;
        }

        public Builder optInactivityTimeout(Duration v) {
            this.inactivityTimeout = v;
            return this;
        }

        public Builder optMaxOpenTracks(int v) {
            this.maxOpenTracks = v;
            return this;
        }

        public Builder optFinishedRetention(Duration v) {
            this.finishedRetention = v;
            return this;
        }

        public Builder optPunctuateInterval(Duration v) {
            this.punctuateInterval = v;
            return this;
        }

        public Builder optSegmentSeconds(double v) {
            this.segmentSeconds = v;
            return this;
        }

        public Builder optHopSeconds(double v) {
            this.hopSeconds = v;
            return this;
        }

        public Builder optMinFinalSegmentSeconds(double v) {
            this.minFinalSegmentSeconds = v;
            return this;
        }

        public Builder optSummaryWindowSeconds(double v) {
            this.summaryWindowSeconds = v;
            return this;
        }

        public Builder optBatchSize(int v) {
            this.batchSize = v;
            return this;
        }

        public Builder optBatchLinger(Duration v) {
            this.batchLinger = v;
            return this;
        }

        public Builder optUnknownThreshold(double v) {
            this.unknownThreshold = v;
            return this;
        }

        public Builder optLiveWindowSeconds(double v) {
            this.liveWindowSeconds = v;
            return this;
        }

        public Builder optChangeStreak(int v) {
            this.changeStreak = v;
            return this;
        }

        public Builder optHpssEverySegments(int v) {
            this.hpssEverySegments = v;
            return this;
        }

        public Builder optTempoEverySegments(int v) {
            this.tempoEverySegments = v;
            return this;
        }

        public Builder optChangeMinConfidence(double v) {
            this.changeMinConfidence = v;
            return this;
        }

        public PipelineSettings build() {
            return new PipelineSettings(minSampleRate, maxSampleRate, maxChunkBytes, reorderGrace, maxHeldChunks,
                    maxHeldBytes, inactivityTimeout, maxOpenTracks, finishedRetention, punctuateInterval,
                    segmentSeconds, hopSeconds, minFinalSegmentSeconds, summaryWindowSeconds, hpssEverySegments,
                    tempoEverySegments, batchSize, batchLinger,
                    unknownThreshold, liveWindowSeconds, changeStreak, changeMinConfidence);
        }
    }
}
