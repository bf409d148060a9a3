package io.genrestream.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class InverseStftTest {

    private static float[] noise(int n, long seed) {
        Random random = new Random(seed);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) (0.5 * (2 * random.nextDouble() - 1));
        }
        return y;
    }

    @ParameterizedTest
    @ValueSource(strings = {"zero", "reflect"})
    void roundTripReconstructsTheSignal(String padding) {
        FeatureConfig cfg = OnsetTestSignals.config(padding);
        // a length that is not a multiple of the hop, so the tail is covered by partial frames
        float[] y = noise(3 * OnsetTestSignals.SR + 123, 11);
        float[] back = new InverseStft(cfg).inverse(new Stft(cfg).forward(y), y.length);
        assertThat(back).hasSize(y.length);
        assertThat(OnsetTestSignals.maxAbsDiff(y, back)).isLessThan(1e-5);
    }

    @Test
    void roundTripOfAShortSignalStillReconstructs() {
        FeatureConfig cfg = OnsetTestSignals.config("zero");
        float[] y = noise(700, 3);
        float[] back = new InverseStft(cfg).inverse(new Stft(cfg).forward(y), y.length);
        assertThat(OnsetTestSignals.maxAbsDiff(y, back)).isLessThan(1e-5);
    }

    @Test
    void trimmedInverseCoversWholeHopsOnly() {
        FeatureConfig cfg = OnsetTestSignals.config("reflect");
        float[] y = noise(10 * 512 + 300, 5);
        ComplexSpectrogram spec = new Stft(cfg).forward(y);
        float[] trimmed = new InverseStft(cfg).inverseTrimmed(spec);
        assertThat(trimmed).hasSize(10 * 512);
        for (int i = 0; i < trimmed.length; i++) {
            assertThat((double) trimmed[i]).isCloseTo(y[i], org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void longerTargetIsZeroPaddedAndWrongBinsAreRejected() {
        FeatureConfig cfg = OnsetTestSignals.config("zero");
        float[] y = noise(4096, 9);
        ComplexSpectrogram spec = new Stft(cfg).forward(y);
        float[] longer = new InverseStft(cfg).inverse(spec, 4096 + 5000);
        for (int i = 4096 + 2048; i < longer.length; i++) {
            assertThat(longer[i]).isZero();
        }
        assertThatThrownBy(() -> new InverseStft(1024, 256).inverse(spec, 4096)).hasMessageContaining("bins");
        assertThatThrownBy(() -> new InverseStft(cfg).inverse(spec, -1)).hasMessageContaining("negative");
    }
}
