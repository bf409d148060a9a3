package io.genrestream.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FeatureExtractorTest {

    private static final FeatureConfig CONFIG = FeatureConfig.librosaDefaults();

    static float[] noise(long seed, int n) {
        Random rnd = new Random(seed);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) (0.2 * rnd.nextGaussian());
        }
        return y;
    }

    @Test
    void defaultsAreLibrosasAndTheFrameMatrixHas37Columns() {
        assertThat(CONFIG.sampleRate()).isEqualTo(22050);
        assertThat(CONFIG.centerPadding()).isEqualTo(Stft.PAD_REFLECT);
        assertThat(CONFIG.frameFeatureCount()).isEqualTo(37);
        assertThat(CONFIG.frameFeatures().get(0)).isEqualTo("mfcc1");
        assertThat(CONFIG.frameFeatures().get(36)).isEqualTo("rms");
        assertThat(CONFIG.framesPerSegment()).isEqualTo(130);
        assertThat(CONFIG.frameRate()).isCloseTo(43.066, within(1e-3));
    }

    @Test
    void segmentGivesFrameMatrixMatchingTheFrameFeatures() {
        FeatureExtractor extractor = FeatureExtractor.of(CONFIG);
        float[] y = noise(5, CONFIG.segmentSamples());
        SegmentFeatures seg = extractor.extract(y);
        float[][] m = seg.frameMatrix();
        assertThat(m.length).isEqualTo(130);
        assertThat(m[0]).hasSize(37);
        FrameFeatures f = extractor.frames(y);
        assertThat(m[64][0]).isEqualTo(f.mfcc()[64][0]);
        assertThat(m[64][20]).isEqualTo(f.chroma()[64][0]);
        assertThat(m[64][32]).isEqualTo(f.spectralCentroid()[64]);
        assertThat(m[64][36]).isEqualTo(f.rms()[64]);
        SegmentStatistics stats = seg.statistics();
        assertThat(stats.has(SummaryFeatures.HARMONY)).isTrue();
        assertThat(stats.moments(SummaryFeatures.HARMONY).count()).isEqualTo(CONFIG.segmentSamples());
        assertThat(stats.onsetEnvelope()).hasSize(130);
        double[] summary = SummaryFeatures.of(stats, CONFIG);
        assertThat(summary).hasSize(57).doesNotContain(Double.NaN);
    }

    @Test
    void customColumnsAndBadConfigurations() {
        FeatureExtractor ex = FeatureExtractor.builder()
                .setConfig(CONFIG.withFrameFeatures(List.of("rms", "mfcc3"))).optHarmonicPercussive(false).build();
        float[][] m = ex.extract(noise(1, CONFIG.segmentSamples())).frameMatrix();
        assertThat(m[0]).hasSize(2);
        assertThatThrownBy(() -> FeatureExtractor.of(CONFIG.withFrameFeatures(List.of("loudness"))))
                .hasMessageContaining("unknown frame feature 'loudness'");
        assertThatThrownBy(() -> FeatureExtractor.of(CONFIG.withFrameFeatures(List.of("mfcc21"))))
                .hasMessageContaining("mfcc21");
        assertThatThrownBy(() -> FeatureExtractor.of(CONFIG.withCenterPadding("edge")))
                .hasMessageContaining("centerPadding");
        assertThatThrownBy(() -> FeatureExtractor.builder().build()).hasMessageContaining("setConfig");
        assertThatThrownBy(() -> new FeatureConfig(22050, 2048, 512, 128, 20, 0.0, 3.0, "reflect", List.of("rms")))
                .hasMessageContaining("topDb");
        assertThatThrownBy(() -> ex.extract(new float[1000])).hasMessageContaining("66150 samples");
    }

    @Test
    void oneExtractorGivesTheSameNumbersFromManyThreads() throws Exception {
        FeatureExtractor ex = FeatureExtractor.builder().setConfig(CONFIG).optHarmonicPercussive(false).build();
        float[][] inputs = new float[8][];
        float[][][] expected = new float[8][][];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = noise(100 + i, CONFIG.segmentSamples());
            expected[i] = ex.extract(inputs[i]).frameMatrix();
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] futures = new Future<?>[32];
            for (int j = 0; j < futures.length; j++) {
                int i = j % inputs.length;
                futures[j] = pool.submit(() -> assertThat(ex.extract(inputs[i]).frameMatrix()).isDeepEqualTo(expected[i]));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theFullSummaryRowIsGtzansFiftySevenThenContrastRhythmBalanceTonalityAndModulation() {
        FeatureExtractor gtzan = FeatureExtractor.of(CONFIG);
        FeatureExtractor extended = FeatureExtractor.builder().setConfig(CONFIG)
                .optSummaryColumns(SummaryFeatures.ALL_COLUMNS).build();
        // a 1 kHz tone over faint noise: the 800-1600 Hz band (contrast4) stands out, about 49 dB
        float[] y = KnownAnswerTest.sine(1000, 0.5, CONFIG.segmentSamples());
        float[] hiss = noise(3, y.length);
        for (int i = 0; i < y.length; i++) {
            y[i] += hiss[i] / 200;
        }
        SegmentStatistics plain = gtzan.extract(y).statistics();
        SegmentStatistics withContrast = extended.extract(y).statistics();
        assertThat(plain.has(SummaryFeatures.contrastStream(0))).as("no contrast unless a column needs it").isFalse();
        assertThat(withContrast.has(SummaryFeatures.contrastStream(0))).isTrue();

        float[] a = gtzan.summaryRow(plain);
        float[] b = extended.summaryRow(withContrast);
        assertThat(SummaryFeatures.EXTENDED_COLUMNS).hasSize(57 + 14 + 21 + 25);
        assertThat(SummaryFeatures.ALL_COLUMNS).hasSize(117 + 40).startsWith(SummaryFeatures.EXTENDED_COLUMNS
                .toArray(String[]::new));
        assertThat(a).hasSize(57);
        assertThat(java.util.Arrays.copyOf(b, 57)).containsExactly(a);
        List<String> c = SummaryFeatures.ALL_COLUMNS;
        assertThat(b[c.indexOf("contrast4_mean")]).isBetween(45f, 52f);
        assertThat(b[c.indexOf("contrast1_mean")]).isLessThan(30f);
        // nearly all the power in that band, next to nothing below 200 Hz; one pitch class, steady
        assertThat(b[c.indexOf("band_share4_mean")]).isBetween(-0.01f, 0f);
        assertThat(b[c.indexOf("band_share1_mean")]).isLessThan(-8f);
        assertThat(b[c.indexOf("loudness_change_mean")]).isLessThan(0.5f);
        assertThat(b[c.indexOf("chroma_entropy_mean")]).isLessThan(1f);
        assertThat(b[c.indexOf("key_peak")]).isGreaterThan(0.4f);
        assertThat(plain.has(SpectralBalance.LOUDNESS)).as("no balance unless a column needs it").isFalse();
        assertThat(plain.has(ModulationSpectrum.stream(0, 0))).as("no modulation unless a column needs it").isFalse();
        // the same tone switched on and off 6 times a second: its bands move several times more at 4-8 Hz
        float[] pulsed = y.clone();
        for (int i = 0; i < pulsed.length; i++) {
            pulsed[i] *= (float) (0.5 + 0.5 * Math.sin(2 * Math.PI * 6 * i / CONFIG.sampleRate()));
        }
        float[] p = extended.summaryRow(extended.extract(pulsed).statistics());
        double lift = Double.NEGATIVE_INFINITY;
        for (int g = 0; g < ModulationSpectrum.GROUPS; g++) {
            int at = c.indexOf(ModulationSpectrum.stream(g, 3));
            lift = Math.max(lift, p[at] - b[at]);
        }
        assertThat(lift).isGreaterThan(1.0);
        double[] rhythm = RhythmPeriodicity.of(withContrast.onsetEnvelope(), CONFIG.frameRate());
        for (int i = 0; i < rhythm.length; i++) {
            assertThat(b[c.indexOf(RhythmPeriodicity.COLUMNS.get(i))]).isEqualTo((float) rhythm[i]);
        }
        // a column order of the bundle's choosing is honoured
        FeatureExtractor reordered = FeatureExtractor.builder().setConfig(CONFIG)
                .optSummaryColumns(List.of("key_peak", "contrast4_mean", "mfcc1_mean")).build();
        assertThat(reordered.summaryRow(withContrast)).containsExactly(b[c.indexOf("key_peak")],
                b[c.indexOf("contrast4_mean")], b[c.indexOf("mfcc1_mean")]);
    }

    @Test
    void aSummaryColumnTheExtractorDoesNotComputeIsRefusedAtBuild() {
        assertThatThrownBy(() -> FeatureExtractor.builder().setConfig(CONFIG)
                .optSummaryColumns(List.of("mfcc1_mean", "loudness")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'loudness'");
    }
}
