package io.genrestream.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SegmentStatisticsTest {

    @Test
    void momentsGiveNumpyMeanAndPopulationVariance() {
        Moments m = Moments.of(new float[] {1f, 2f, 3f, 4f});
        assertThat(m.mean()).isEqualTo(2.5);
        assertThat(m.variance()).isEqualTo(1.25); // numpy.var([1,2,3,4]) (ddof=0)
        assertThat(Moments.EMPTY.mean()).isNaN();
    }

    @Test
    void mergedMomentsEqualMomentsOfTheConcatenation() {
        Random rnd = new Random(3);
        float[] all = new float[1000];
        for (int i = 0; i < all.length; i++) {
            all[i] = (float) (1000 + 50 * rnd.nextGaussian());
        }
        Moments merged = Moments.EMPTY;
        for (int s = 0; s < 10; s++) {
            merged = merged.plus(Moments.of(java.util.Arrays.copyOfRange(all, s * 100, s * 100 + 100)));
        }
        Moments whole = Moments.of(all);
        assertThat(merged.count()).isEqualTo(1000);
        assertThat(merged.mean()).isCloseTo(whole.mean(), within(1e-9));
        assertThat(merged.variance()).isCloseTo(whole.variance(), within(1e-6 * whole.variance()));
        double mean = 0;
        for (float v : all) {
            mean += v;
        }
        mean /= all.length;
        double var = 0;
        for (float v : all) {
            var += (v - mean) * (v - mean);
        }
        assertThat(whole.variance()).isCloseTo(var / all.length, within(1e-6 * var / all.length));
    }

    @Test
    void segmentStatisticsMergeOverConsecutiveSegmentsIsExact() {
        FeatureConfig config = FeatureConfig.librosaDefaults();
        FeatureExtractor extractor = FeatureExtractor.builder().setConfig(config).optHarmonicPercussive(false).build();
        Random rnd = new Random(11);
        List<SegmentStatistics> parts = new ArrayList<>();
        List<float[]> rms = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            float[] y = new float[config.segmentSamples()];
            for (int i = 0; i < y.length; i++) {
                y[i] = (float) (0.1 * (s + 1) * rnd.nextGaussian());
            }
            SegmentFeatures f = extractor.extract(y);
            parts.add(f.statistics());
            rms.add(extractor.frames(y).rms());
        }
        SegmentStatistics merged = SegmentStatistics.mergeAll(parts);
        SegmentStatistics pairwise = parts.get(0).merge(parts.get(1)).merge(parts.get(2));
        float[] allRms = new float[rms.size() * rms.get(0).length];
        for (int s = 0; s < rms.size(); s++) {
            System.arraycopy(rms.get(s), 0, allRms, s * rms.get(0).length, rms.get(0).length);
        }
        Moments expected = Moments.of(allRms);
        assertThat(merged.moments(FeatureConfig.RMS).mean()).isCloseTo(expected.mean(), within(1e-12));
        assertThat(merged.moments(FeatureConfig.RMS).variance()).isCloseTo(expected.variance(), within(1e-12));
        assertThat(pairwise.moments(FeatureConfig.RMS)).isEqualTo(merged.moments(FeatureConfig.RMS));
        assertThat(merged.onsetEnvelope()).hasSize(3 * config.framesPerSegment());
        assertThat(merged.moments(SummaryFeatures.CHROMA_STFT).count()).isEqualTo(3L * 12 * config.framesPerSegment());
    }

    @Test
    void mergeAvailableMergesEachStreamOverTheSegmentsThatHoldIt() {
        Moments a = Moments.of(new float[] {1, 2, 3});
        Moments b = Moments.of(new float[] {10, 20});
        Moments h = Moments.of(new float[] {0.5f, -0.5f});
        SegmentStatistics first = new SegmentStatistics(Map.of(FeatureConfig.RMS, a, SummaryFeatures.HARMONY, h),
                new float[] {1f});
        SegmentStatistics second = new SegmentStatistics(Map.of(FeatureConfig.RMS, b), new float[] {2f, 3f});
        SegmentStatistics merged = SegmentStatistics.mergeAvailable(List.of(first, second));
        // rms over all five values; harmony only from the segment that computed it
        assertThat(merged.moments(FeatureConfig.RMS).mean()).isCloseTo(36.0 / 5, within(1e-12));
        assertThat(merged.moments(SummaryFeatures.HARMONY).count()).isEqualTo(2);
        assertThat(merged.moments(SummaryFeatures.HARMONY).variance()).isCloseTo(0.25, within(1e-12));
        assertThat(merged.onsetEnvelope()).containsExactly(1f, 2f, 3f);
        assertThatThrownBy(() -> SegmentStatistics.mergeAll(List.of(first, second)))
                .hasMessageContaining("different streams");
        assertThatThrownBy(() -> SegmentStatistics.mergeAvailable(List.of())).hasMessageContaining("no segments");
    }

    @Test
    void summaryNeedsEveryStream() {
        SegmentStatistics noHpss = new SegmentStatistics(Map.of(FeatureConfig.RMS, Moments.EMPTY), new float[0]);
        assertThatThrownBy(() -> SummaryFeatures.of(noHpss, 120.0)).hasMessageContaining("chroma_stft");
        assertThatThrownBy(() -> SummaryFeatures.of(noHpss, FeatureConfig.librosaDefaults()))
                .hasMessageContaining("onset envelope");
        SegmentStatistics other = new SegmentStatistics(Map.of(FeatureConfig.ROLLOFF, Moments.EMPTY), new float[0]);
        assertThatThrownBy(() -> noHpss.merge(other)).hasMessageContaining("different streams");
    }

    @Test
    void columnsAreTheTablesFiftySeven() {
        assertThat(SummaryFeatures.COLUMNS).hasSize(57);
        assertThat(SummaryFeatures.COLUMNS.subList(0, 4))
                .containsExactly("chroma_stft_mean", "chroma_stft_var", "rms_mean", "rms_var");
        assertThat(SummaryFeatures.COLUMNS.get(16)).isEqualTo("tempo");
        assertThat(SummaryFeatures.COLUMNS.get(56)).isEqualTo("mfcc20_var");
    }

    @Test
    void theModelRowIsTheFeaturesRoundedToFloat() {
        assertThat(SummaryFeatures.asModelRow(new double[] {0.1, -2.5, 1e40, 120.0}))
                .containsExactly(0.1f, -2.5f, Float.POSITIVE_INFINITY, 120.0f);
    }
}
