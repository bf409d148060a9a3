package io.genrestream.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Quality of the band-limited resampler against analytically generated signals at the target rate. */
class AudioResamplerTest {

    @Test
    void sweepFrom44100To22050IsWithinMinus90Db() {
        float[] out = AudioResampler.resample(ResamplerQuality.logSweep(44100), 44100, 22050);
        float[] ref = ResamplerQuality.logSweep(22050);
        assertThat(out).hasSize(ref.length);
        double db = ResamplerQuality.errorDb(out, ref, 22050);
        System.out.printf("resampler sweep 44100->22050: %.1f dB%n", db);
        assertThat(db).isLessThan(-90);
    }

    @Test
    void sweepFrom48000To22050IsWithinMinus90Db() {
        float[] out = AudioResampler.resample(ResamplerQuality.logSweep(48000), 48000, 22050);
        float[] ref = ResamplerQuality.logSweep(22050);
        double db = ResamplerQuality.errorDb(out, ref, 22050);
        System.out.printf("resampler sweep 48000->22050: %.1f dB%n", db);
        assertThat(db).isLessThan(-90);
    }

    @Test
    void toneAboveTheNewNyquistIsRemoved() {
        int n = 44100;
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) (0.5 * Math.sin(2 * Math.PI * 15000 * i / 44100.0));
        }
        float[] out = AudioResampler.resample(y, 44100, 22050);
        double sum = 0;
        for (int i = 2205; i < out.length - 2205; i++) {
            sum += out[i] * (double) out[i];
        }
        double rmsDb = 10 * Math.log10(sum / (out.length - 4410) / 0.125);
        System.out.printf("resampler 15 kHz alias at 22050: %.1f dB%n", rmsDb);
        assertThat(rmsDb).isLessThan(-90);
    }

    @Test
    void upsamplingKeepsTheSweep() {
        float[] out = AudioResampler.resample(ResamplerQuality.logSweep(22050), 22050, 44100);
        assertThat(ResamplerQuality.errorDb(out, ResamplerQuality.logSweep(44100), 44100)).isLessThan(-80);
    }

    @Test
    void sameRateIsACopyAndBadRatesAreRejected() {
        float[] y = {0.1f, 0.2f};
        assertThat(AudioResampler.resample(y, 22050, 22050)).containsExactly(0.1f, 0.2f).isNotSameAs(y);
        assertThatThrownBy(() -> AudioResampler.resample(y, 0, 22050)).hasMessageContaining("positive");
    }

    @Test
    void besselI0MatchesKnownValues() {
        assertThat(AudioResampler.besselI0(0)).isEqualTo(1.0);
        assertThat(AudioResampler.besselI0(1)).isCloseTo(1.2660658777520082, org.assertj.core.data.Offset.offset(1e-14));
    }
}
