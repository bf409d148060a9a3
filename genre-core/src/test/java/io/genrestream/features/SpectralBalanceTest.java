package io.genrestream.features;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SpectralBalanceTest {

    private static final int BINS = 1025;
    /** Bin width at 22050 Hz and n_fft 2048: 10.77 Hz. */
    private static final double HZ_PER_BIN = 22050.0 / 2048;
    private final SpectralBalance balance = new SpectralBalance(22050, 2048);

    private static int bin(double hz) {
        return (int) Math.round(hz / HZ_PER_BIN);
    }

    @Test
    void aToneHoldsAllThePowerOfItsOctaveBand() {
        float[][] mag = new float[BINS][1];
        mag[bin(1000)][0] = 1f; // 800–1600 Hz: the fourth band
        SpectralBalance.Frames f = balance.of(mag, 1);
        for (int k = 0; k < SpectralBalance.BANDS; k++) {
            assertThat(f.logShares()[k][0]).as("band %d", k)
                    .isCloseTo(k == 3 ? 0f : (float) Math.log(1e-10), within(1e-4f));
        }
        assertThat(f.loudnessDb()[0]).isCloseTo(0f, within(1e-6f));
    }

    @Test
    void twoBandsOfEqualPowerShareItInHalves() {
        float[][] mag = new float[BINS][2];
        mag[bin(100)][0] = 2f;          // below 200 Hz
        mag[bin(9000)][0] = 2f;         // 6.4 kHz and above
        mag[bin(300)][1] = (float) Math.sqrt(8); // 200–400 Hz, and the same total power
        mag[bin(5000)][1] = (float) Math.sqrt(8); // 3.2–6.4 kHz
        SpectralBalance.Frames f = balance.of(mag, 2);
        assertThat(f.logShares()[0][0]).isCloseTo((float) Math.log(0.5), within(1e-5f));
        assertThat(f.logShares()[6][0]).isCloseTo((float) Math.log(0.5), within(1e-5f));
        assertThat(f.logShares()[1][1]).isCloseTo((float) Math.log(0.5), within(1e-5f));
        assertThat(f.logShares()[5][1]).isCloseTo((float) Math.log(0.5), within(1e-5f));
        assertThat(f.loudnessDb()[0]).isCloseTo((float) (10 * Math.log10(8)), within(1e-5f));
        assertThat(f.loudnessDb()[1]).isCloseTo((float) (10 * Math.log10(16)), within(1e-5f));
    }

    @Test
    void bandEdgesFallBetweenTheBinsAround200HzAnd6400Hz() {
        float[][] mag = new float[BINS][4];
        mag[18][0] = 1f;  // 193.8 Hz
        mag[19][1] = 1f;  // 204.6 Hz
        mag[594][2] = 1f; // 6395.5 Hz
        mag[595][3] = 1f; // 6406.3 Hz
        SpectralBalance.Frames f = balance.of(mag, 4);
        int[] expected = {0, 1, 5, 6};
        for (int t = 0; t < 4; t++) {
            assertThat(f.logShares()[expected[t]][t]).as("frame %d", t).isCloseTo(0f, within(1e-4f));
        }
    }

    @Test
    void silenceGetsEqualSharesAndTheFloorLoudness() {
        SpectralBalance.Frames f = balance.of(new float[BINS][1], 1);
        for (float[] band : f.logShares()) {
            assertThat(band[0]).isCloseTo((float) Math.log(1.0 / 7), within(1e-6f));
        }
        assertThat(f.loudnessDb()[0]).isEqualTo(-100f);
    }

    @Test
    void loudnessChangeIsTheAbsoluteStepBetweenFrames() {
        SpectralBalance.Frames f = new SpectralBalance.Frames(new float[7][3], new float[] {0f, 3f, 1f});
        assertThat(f.loudnessChange()).containsExactly(3f, 2f);
        assertThat(new SpectralBalance.Frames(new float[7][1], new float[] {-20f}).loudnessChange()).containsExactly(0f);
    }
}
