package io.genrestream.features;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sufficient statistics of one or more consecutive segments: the {@link Moments} of every stream the 57 summary
 * features average ({@link SummaryFeatures#STREAMS}: chroma over all 12 pitch classes and frames, rms, centroid,
 * bandwidth, roll-off, zcr, the harmonic and percussive samples, each MFCC) and the onset envelope tempo is
 * estimated from. {@link #merge} of consecutive segments gives exactly the mean and population variance over
 * their frames (and their concatenated onset envelope).
 *
 * <p>Immutable.
 */
public final class SegmentStatistics {

    private final Map<String, Moments> streams;
    private final float[] onsetEnvelope;

    /**
     * @param streams       moments by stream name, in a stable order
     * @param onsetEnvelope onset strength per frame (empty if not computed)
     */
    public SegmentStatistics(Map<String, Moments> streams, float[] onsetEnvelope) {
        this.streams = Collections.unmodifiableMap(new LinkedHashMap<>(streams));
        this.onsetEnvelope = onsetEnvelope.clone();
    }

    /** Moments by stream name. */
    public Map<String, Moments> streams() {
        return streams;
    }

    /**
     * Moments of one stream.
     *
     * @throws IllegalArgumentException if the stream was not computed (e.g. harmony without HPSS)
     */
    public Moments moments(String stream) {
        Moments m = streams.get(stream);
        if (m == null) {
            throw new IllegalArgumentException("statistics hold no stream '" + stream + "'; they hold "
                    + streams.keySet());
        }
        return m;
    }

    /** Whether the stream was computed. */
    public boolean has(String stream) {
        return streams.containsKey(stream);
    }

    /** Onset strength envelope, one value per frame (a copy; empty if not computed). */
    public float[] onsetEnvelope() {
        return onsetEnvelope.clone();
    }

    /**
     * The statistics of this run followed by {@code next}.
     *
     * @throws IllegalArgumentException if the two hold different streams
     */
    public SegmentStatistics merge(SegmentStatistics next) {
        if (!streams.keySet().equals(next.streams.keySet())) {
            throw new IllegalArgumentException("cannot merge statistics of different streams: " + streams.keySet()
                    + " vs " + next.streams.keySet());
        }
        Map<String, Moments> merged = new LinkedHashMap<>();
        streams.forEach((name, m) -> merged.put(name, m.plus(next.streams.get(name))));
        float[] env = new float[onsetEnvelope.length + next.onsetEnvelope.length];
        System.arraycopy(onsetEnvelope, 0, env, 0, onsetEnvelope.length);
        System.arraycopy(next.onsetEnvelope, 0, env, onsetEnvelope.length, next.onsetEnvelope.length);
        return new SegmentStatistics(merged, env);
    }

    /**
     * The statistics of consecutive segments, in order.
     *
     * @throws IllegalArgumentException if {@code segments} is empty or they hold different streams
     */
    public static SegmentStatistics mergeAll(List<SegmentStatistics> segments) {
        for (SegmentStatistics s : segments) {
            if (!s.streams.keySet().equals(segments.get(0).streams.keySet())) {
                throw new IllegalArgumentException("cannot merge statistics of different streams: "
                        + segments.get(0).streams.keySet() + " vs " + s.streams.keySet());
            }
        }
        return mergeAvailable(segments);
    }

    /**
     * The statistics of consecutive segments where some streams were computed on only some of them (e.g. harmony and
     * perceptr when the separation runs on one segment in N): every stream is merged over the segments that hold it,
     * so its mean and variance are those of that subsample; the onset envelopes are concatenated.
     *
     * @throws IllegalArgumentException if {@code segments} is empty
     */
    public static SegmentStatistics mergeAvailable(List<SegmentStatistics> segments) {
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("no segments to merge");
        }
        Map<String, Moments> merged = new LinkedHashMap<>();
        int envLength = 0;
        for (SegmentStatistics s : segments) {
            s.streams.forEach((name, m) -> merged.merge(name, m, Moments::plus));
            envLength += s.onsetEnvelope.length;
        }
        float[] env = new float[envLength];
        int pos = 0;
        for (SegmentStatistics s : segments) {
            System.arraycopy(s.onsetEnvelope, 0, env, pos, s.onsetEnvelope.length);
            pos += s.onsetEnvelope.length;
        }
        return new SegmentStatistics(merged, env);
    }
}
