package io.genrestream.features;

import io.genrestream.audio.PcmCodec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property tests of the feature extractor over random segments (jqwik): every finite input gives finite features.
 * The app clips float PCM to full scale before cutting segments ({@link PcmCodec#clipToFullScale}); so the
 * properties are: any audio in [-1, 1] gives finite features, and any finite float once clipped does too. The
 * extractor's own parameters are the production ones (librosa's FFT, hop, mels, MFCCs); only the segment is short
 * (0.25 s), so a few hundred tries run in seconds.
 */
class FeatureExtractorProperties {

    private static final FeatureConfig SHORT = new FeatureConfig(FeatureConfig.LIBROSA_SAMPLE_RATE,
            FeatureConfig.LIBROSA_N_FFT, FeatureConfig.LIBROSA_HOP, FeatureConfig.LIBROSA_N_MELS,
            FeatureConfig.LIBROSA_N_MFCC, FeatureConfig.LIBROSA_TOP_DB, 0.25, FeatureConfig.TABLE_CENTER_PADDING,
            FeatureConfig.DEFAULT_FRAME_FEATURES);
    /** Every summary column the extractor computes: GTZAN's 57 and those beyond them. */
    private static final FeatureExtractor EXTRACTOR = FeatureExtractor.builder().setConfig(SHORT)
            .optSummaryColumns(SummaryFeatures.EXTENDED_COLUMNS).build();

    @Property(tries = 150)
    void audioWithinFullScaleGivesFiniteFeatures(@ForAll("fullScaleSegments") float[] segment) {
        assertFinite(segment);
    }

    @Property(tries = 150)
    void anyFiniteFloatClippedToFullScaleGivesFiniteFeatures(@ForAll("finiteSegments") float[] segment) {
        PcmCodec.clipToFullScale(segment);
        assertFinite(segment);
    }

    private static void assertFinite(float[] segment) {
        SegmentFeatures features = EXTRACTOR.extract(segment);
        for (float[] frame : features.frameMatrix()) {
            for (float v : frame) {
                assertThat(Float.isFinite(v)).as("frame features %s", Arrays.toString(frame)).isTrue();
            }
        }
        float[] summary = EXTRACTOR.summaryRow(features.statistics());
        for (float v : summary) {
            assertThat(Float.isFinite(v)).as("summary %s", Arrays.toString(summary)).isTrue();
        }
    }

    /** Random audio in [-1, 1]: noise of any level, silence, DC, a square wave at full scale, and denormals. */
    @Provide
    Arbitrary<float[]> fullScaleSegments() {
        int n = SHORT.segmentSamples();
        Arbitrary<float[]> noise = Arbitraries.floats().between(-1f, 1f).array(float[].class).ofSize(n);
        Arbitrary<float[]> constant = Arbitraries.floats().between(-1f, 1f).map(v -> filled(n, v));
        Arbitrary<float[]> square = Arbitraries.integers().between(1, 200).map(period -> square(n, period, 1f));
        Arbitrary<float[]> tiny = Arbitraries.floats().between(-1f, 1f).map(v -> v * 1e-30f).array(float[].class)
                .ofSize(n);
        return Arbitraries.oneOf(noise, constant, square, tiny);
    }

    /** Random finite floats of any magnitude, up to ±Float.MAX_VALUE, as a float PCM producer may send. */
    @Provide
    Arbitrary<float[]> finiteSegments() {
        int n = SHORT.segmentSamples();
        Arbitrary<float[]> wide = Arbitraries.floats().between(-Float.MAX_VALUE, Float.MAX_VALUE)
                .array(float[].class).ofSize(n);
        Arbitrary<float[]> extreme = Arbitraries.integers().between(1, 200)
                .map(period -> square(n, period, Float.MAX_VALUE));
        return Arbitraries.oneOf(wide, extreme);
    }

    private static float[] filled(int n, float v) {
        float[] y = new float[n];
        Arrays.fill(y, v);
        return y;
    }

    private static float[] square(int n, int period, float level) {
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (i / period) % 2 == 0 ? level : -level;
        }
        return y;
    }
}
