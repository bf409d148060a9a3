package io.genrestream.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SegmentAugmentationTest {

    private static final int RATE = 1000;

    private static float[] tone(int n) {
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) (0.5 * Math.sin(2 * Math.PI * 50 * i / RATE));
        }
        return y;
    }

    @Test
    void addsNoiseAtTheRequestedSignalToNoiseRatio() {
        float[] y = tone(20_000);
        float[] out = new SegmentAugmentation(10, 0, 0).crop(y, 5_000, 10_000, RATE, new Random(1));
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < out.length; i++) {
            signal += y[5_000 + i] * y[5_000 + i];
            noise += (out[i] - y[5_000 + i]) * (out[i] - y[5_000 + i]);
        }
        assertThat(10 * Math.log10(signal / noise)).isCloseTo(10, within(0.2));
    }

    @Test
    void gainStaysWithinItsRangeAndShiftWithinTheTrack() {
        float[] y = tone(3_000);
        SegmentAugmentation gainOnly = new SegmentAugmentation(Double.POSITIVE_INFINITY, 6, 0);
        for (long seed = 0; seed < 20; seed++) {
            float[] out = gainOnly.crop(y, 1_000, 1_000, RATE, new Random(seed));
            double ratio = out[5] / y[1_005];
            assertThat(20 * Math.log10(ratio)).isBetween(-6.0, 6.0);
            for (int i = 0; i < out.length; i++) {
                assertThat((double) out[i]).isCloseTo(ratio * y[1_000 + i], within(1e-5));
            }
        }
        SegmentAugmentation shiftOnly = new SegmentAugmentation(Double.POSITIVE_INFINITY, 0, 0.5);
        float[] ramp = new float[3_000];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = i;
        }
        for (long seed = 0; seed < 20; seed++) {
            float[] out = shiftOnly.crop(ramp, 2_000, 1_000, RATE, new Random(seed));
            // the crop is 1000 consecutive samples, moved by at most 500, and (at the end of the track) clamped
            assertThat(out[999] - out[0]).isEqualTo(999f);
            assertThat(out[0]).isBetween(1_500f, 2_000f);
        }
    }

    @Test
    void withoutNoiseGainOrShiftTheCropIsTheSegment() {
        float[] y = tone(2_000);
        float[] out = new SegmentAugmentation(Double.POSITIVE_INFINITY, 0, 0).crop(y, 300, 500, RATE, new Random(3));
        assertThat(out).containsExactly(java.util.Arrays.copyOfRange(y, 300, 800));
    }
}
