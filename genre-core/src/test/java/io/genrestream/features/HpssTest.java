package io.genrestream.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HpssTest {

    private static final FeatureConfig ZERO = OnsetTestSignals.config("zero");
    private static final FeatureConfig REFLECT = OnsetTestSignals.config("reflect");

    @Test
    void sineIsAlmostEntirelyHarmonic() {
        float[] y = OnsetTestSignals.sine(440, 0.5, 3.0);
        Hpss.HarmonicPercussive hp = Hpss.harmonicPercussive(y, ZERO);
        double harmonic = OnsetTestSignals.energy(hp.harmonic());
        double percussive = OnsetTestSignals.energy(hp.percussive());
        assertThat(harmonic / (harmonic + percussive)).isGreaterThan(0.99);
    }

    @Test
    void clickTrainIsAlmostEntirelyPercussive() {
        float[] y = OnsetTestSignals.clickTrack(120, 3.0, 1);
        Hpss.HarmonicPercussive hp = Hpss.harmonicPercussive(y, ZERO);
        double harmonic = OnsetTestSignals.energy(hp.harmonic());
        double percussive = OnsetTestSignals.energy(hp.percussive());
        assertThat(percussive / (harmonic + percussive)).isGreaterThan(0.95);
    }

    @Test
    void harmonicPlusPercussiveReconstructsTheInput() {
        float[] sine = OnsetTestSignals.sine(330, 0.3, 3.0);
        float[] clicks = OnsetTestSignals.clickTrack(100, 3.0, 2);
        float[] y = new float[sine.length + 77];
        for (int i = 0; i < sine.length; i++) {
            y[i] = sine[i] + clicks[i];
        }
        Hpss.HarmonicPercussive hp = Hpss.harmonicPercussive(y, ZERO);
        assertThat(hp.harmonic()).hasSize(y.length);
        assertThat(hp.percussive()).hasSize(y.length);
        float[] sum = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            sum[i] = hp.harmonic()[i] + hp.percussive()[i];
        }
        assertThat(OnsetTestSignals.maxAbsDiff(sum, y)).isLessThan(1e-5);
        // the sine ends up harmonic, the clicks percussive
        assertThat(OnsetTestSignals.energy(hp.harmonic()) / OnsetTestSignals.energy(sine)).isBetween(0.97, 1.03);
        assertThat(OnsetTestSignals.energy(hp.percussive()) / OnsetTestSignals.energy(clicks)).isBetween(0.5, 2.0);
    }

    @Test
    void whiteNoiseIsSplitBetweenBoth() {
        float[] y = noise(2 * 22050);
        Hpss.HarmonicPercussive hp = Hpss.harmonicPercussive(y, ZERO);
        double h = OnsetTestSignals.energy(hp.harmonic());
        double p = OnsetTestSignals.energy(hp.percussive());
        assertThat(h / (h + p)).isBetween(0.3, 0.7);
    }

    private static float[] noise(int n) {
        java.util.Random random = new java.util.Random(12);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) (0.3 * random.nextGaussian());
        }
        return y;
    }

    @Test
    void librosa08InversionZeroesTheTailBeyondWholeHops() {
        float[] y = OnsetTestSignals.sine(440, 0.5, 1.0);
        int tail = y.length % 512;
        assertThat(tail).isPositive();
        Hpss legacy = Hpss.builder().setConfig(REFLECT).build();
        assertThat(legacy.inversion()).isEqualTo(Hpss.Inversion.TRIM_THEN_FIX_LENGTH);
        Hpss.HarmonicPercussive hp = legacy.separate(y);
        for (int i = y.length - tail; i < y.length; i++) {
            assertThat(hp.harmonic()[i]).isZero();
            assertThat(hp.percussive()[i]).isZero();
        }
        Hpss modern = Hpss.builder().setConfig(REFLECT).optInversion(Hpss.Inversion.TARGET_LENGTH).build();
        assertThat(Math.abs(modern.separate(y).harmonic()[y.length - 1])).isGreaterThan(0.01f);
        assertThat(Hpss.builder().setConfig(ZERO).build().inversion()).isEqualTo(Hpss.Inversion.TARGET_LENGTH);
    }

    @Test
    void silenceGivesFiniteZeros() {
        Hpss.HarmonicPercussive hp = Hpss.harmonicPercussive(new float[22050], ZERO);
        for (int i = 0; i < 22050; i++) {
            assertThat(hp.harmonic()[i]).isZero();
            assertThat(hp.percussive()[i]).isZero();
        }
    }

    @Test
    void largerMarginLeavesAResidual() {
        // in noise the two median estimates are close, so with margin 3 neither mask exceeds about 1 / (1 + 9)
        float[] y = noise(2 * 22050);
        Hpss.HarmonicPercussive hp = Hpss.builder().setConfig(ZERO).optMargin(3.0, 3.0).build().separate(y);
        double kept = OnsetTestSignals.energy(hp.harmonic()) + OnsetTestSignals.energy(hp.percussive());
        assertThat(kept).isLessThan(0.5 * OnsetTestSignals.energy(y));
    }

    @Test
    void badSettingsAndInputAreRejected() {
        assertThatThrownBy(() -> Hpss.builder().build()).hasMessageContaining("setConfig");
        assertThatThrownBy(() -> Hpss.builder().setConfig(ZERO).optKernelSize(30, 31).build())
                .hasMessageContaining("odd");
        assertThatThrownBy(() -> Hpss.builder().setConfig(ZERO).optMargin(0.5, 1).build())
                .hasMessageContaining("margins");
        assertThatThrownBy(() -> Hpss.builder().setConfig(ZERO).optPower(0).build()).hasMessageContaining("power");
        assertThatThrownBy(() -> Hpss.harmonicPercussive(new float[] {1f, Float.NaN}, ZERO))
                .hasMessageContaining("non-finite");
        assertThatThrownBy(() -> Hpss.harmonicPercussive(new float[0], ZERO)).hasMessageContaining("empty");
    }
}
