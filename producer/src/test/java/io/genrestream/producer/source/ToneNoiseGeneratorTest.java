package io.genrestream.producer.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ToneNoiseGeneratorTest {

    @Test
    void sameSeedSameAudioOtherSeedOtherAudio() {
        byte[] a = new byte[44100];
        byte[] b = new byte[44100];
        byte[] c = new byte[44100];
        new ToneNoiseGenerator(22050, 0.5, 7).fill(a);
        new ToneNoiseGenerator(22050, 0.5, 7).fill(b);
        new ToneNoiseGenerator(22050, 0.5, 8).fill(c);
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void loudButNotClipped() {
        byte[] pcm = new byte[2 * 22050 * 3];
        new ToneNoiseGenerator(22050, 1.0, 1).fill(pcm);
        double sum = 0;
        int peak = 0;
        for (int i = 0; i < pcm.length; i += 2) {
            int v = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8));
            sum += (double) v * v;
            peak = Math.max(peak, Math.abs(v));
        }
        double rms = Math.sqrt(sum / (pcm.length / 2.0)) / 32768.0;
        assertThat(rms).isBetween(0.1, 0.5);
        assertThat(peak).isLessThan(32767);
    }
}
