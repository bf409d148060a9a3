package io.genrestream.features;

import java.util.Map;

/**
 * The 57 summary features of a whole track, computed as the GTZAN table computed them: frame features over the
 * whole clip (MFCC top_db floor over the clip), HPSS of the whole signal for harmony/perceptr, tempo from
 * {@code librosa.beat.beat_track}. Pure.
 */
public final class TrackFeatures {

    private TrackFeatures() {
    }

    /**
     * The 57 features, in {@link SummaryFeatures#COLUMNS} order, of a mono signal at {@code config.sampleRate()}.
     *
     * @throws IllegalArgumentException if {@code mono} is empty or holds NaN or infinite samples
     */
    public static double[] compute(float[] mono, FeatureConfig config) {
        return compute(mono, FeatureExtractor.of(config));
    }

    /** As {@link #compute(float[], FeatureConfig)} with an existing extractor (its HPSS/onset options are unused). */
    public static double[] compute(float[] mono, FeatureExtractor extractor) {
        FeatureConfig config = extractor.config();
        Map<String, Moments> streams = FeatureExtractor.frameMoments(extractor.frames(mono));
        Hpss.HarmonicPercussive hp = Hpss.harmonicPercussive(mono, config);
        streams.put(SummaryFeatures.HARMONY, Moments.of(hp.harmonic()));
        streams.put(SummaryFeatures.PERCEPTR, Moments.of(hp.percussive()));
        double tempo = TempoEstimator.estimate(mono, config);
        return SummaryFeatures.of(new SegmentStatistics(streams, new float[0]), tempo);
    }
}
