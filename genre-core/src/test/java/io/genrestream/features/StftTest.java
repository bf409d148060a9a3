package io.genrestream.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StftTest {

    @Test
    void matchesNaiveDftOfWindowedCentredFrames() {
        int nFft = 64;
        int hop = 16;
        float[] y = new float[200];
        Random rnd = new Random(7);
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) rnd.nextGaussian();
        }
        for (String pad : new String[] {Stft.PAD_ZERO, Stft.PAD_REFLECT}) {
            ComplexSpectrogram s = new Stft(nFft, hop, pad).forward(y);
            assertThat(s.frames()).isEqualTo(1 + 200 / 16);
            assertThat(s.bins()).isEqualTo(33);
            float[] w = Stft.periodicHann(nFft);
            for (int t = 0; t < s.frames(); t++) {
                double[] frame = new double[nFft];
                for (int n = 0; n < nFft; n++) {
                    int idx = t * hop - nFft / 2 + n;
                    double v;
                    if (idx >= 0 && idx < y.length) {
                        v = y[idx];
                    } else if (pad.equals(Stft.PAD_ZERO)) {
                        v = 0;
                    } else {
                        v = y[idx < 0 ? -idx : 2 * (y.length - 1) - idx];
                    }
                    frame[n] = v * w[n];
                }
                float[] re = s.re(t);
                float[] im = s.im(t);
                for (int k = 0; k <= nFft / 2; k++) {
                    double sr = 0;
                    double si = 0;
                    for (int n = 0; n < nFft; n++) {
                        sr += frame[n] * Math.cos(2 * Math.PI * k * n / nFft);
                        si -= frame[n] * Math.sin(2 * Math.PI * k * n / nFft);
                    }
                    assertThat((double) re[k]).as("re t=%d k=%d %s", t, k, pad).isCloseTo(sr, within(1e-4));
                    assertThat((double) im[k]).as("im t=%d k=%d %s", t, k, pad).isCloseTo(si, within(1e-4));
                }
            }
        }
    }

    @Test
    void periodicHannMatchesScipy() {
        float[] w = Stft.periodicHann(4);
        assertThat(w).containsExactly(0f, 0.5f, 1f, 0.5f);
    }

    @Test
    void reflectIndexFollowsNumpyForLongPads() {
        // np.pad([0,1,2], 5, mode="reflect") -> [1,0,1,2,1, 0,1,2, 1,0,1,2,1]
        int[] expected = {1, 0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 2, 1};
        for (int i = 0; i < expected.length; i++) {
            assertThat(Stft.reflectIndex(i - 5, 3)).isEqualTo(expected[i]);
        }
    }

    @Test
    void rejectsEmptyAndNonFiniteInputAndUnknownPadding() {
        Stft stft = new Stft(64, 16, Stft.PAD_ZERO);
        assertThatThrownBy(() -> stft.forward(new float[0])).hasMessageContaining("empty");
        assertThatThrownBy(() -> stft.forward(new float[] {0f, Float.NaN})).hasMessageContaining("index 1");
        assertThatThrownBy(() -> new Stft(64, 16, "edge")).hasMessageContaining("centerPadding");
    }

    @Test
    void shortInputGivesOneFrame() {
        ComplexSpectrogram s = new Stft(2048, 512, Stft.PAD_ZERO).forward(new float[] {1f});
        assertThat(s.frames()).isEqualTo(1);
        assertThat(s.re(0)[0]).isCloseTo(1f, within(1e-6f)); // centre sample of the window is 1
    }
}
