package io.genrestream.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class PcmCodecTest {

    @Test
    void int16IsScaledBy32768AsLibrosaDoes() {
        byte[] bytes = {0x00, (byte) 0x80, (byte) 0xff, 0x7f, 0x00, 0x40, (byte) 0xff, (byte) 0xff};
        assertThat(PcmCodec.decodeS16le(bytes)).containsExactly(-1f, 32767f / 32768f, 0.5f, -1f / 32768f);
        assertThat(PcmCodec.decodeS16(new byte[] {0x40, 0x00}, ByteOrder.BIG_ENDIAN)).containsExactly(0.5f);
    }

    @Test
    void int16RoundTripsAndClips() {
        float[] y = {-1f, -0.25f, 0f, 0.5f, 32767f / 32768f};
        assertThat(PcmCodec.decodeS16le(PcmCodec.encodeS16le(y))).containsExactly(y);
        assertThat(PcmCodec.decodeS16le(PcmCodec.encodeS16le(new float[] {1.5f, -2f})))
                .containsExactly(32767f / 32768f, -1f);
        assertThatThrownBy(() -> PcmCodec.encodeS16le(new float[] {Float.NaN}))
                .isInstanceOf(AudioFormatException.class).hasMessageContaining("non-finite");
    }

    @Test
    void float32RoundTrips() {
        float[] y = {-0.75f, 1e-7f, 0.3f};
        assertThat(PcmCodec.decodeF32le(PcmCodec.encodeF32le(y))).containsExactly(y);
    }

    @Test
    void floatBeyondFullScaleIsClippedAndCounted() {
        float[] y = {Float.MAX_VALUE, -Float.MAX_VALUE, 1.02f, -1f, 0.5f, 1f};
        assertThat(PcmCodec.clipToFullScale(y)).isEqualTo(3);
        assertThat(y).containsExactly(1f, -1f, 1f, -1f, 0.5f, 1f);
    }

    @Test
    void badByteCountsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> PcmCodec.decodeS16le(new byte[3])).isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("even byte count").hasMessageContaining("3 bytes");
        assertThatThrownBy(() -> PcmCodec.decodeF32le(new byte[6])).isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("divisible by 4");
    }

    @Test
    void downmixIsTheMeanOfTheChannels() {
        assertThat(PcmCodec.downmix(new float[] {0.5f, -0.5f, 1f, 0f}, 2)).containsExactly(0f, 0.5f);
        assertThatThrownBy(() -> PcmCodec.downmix(new float[3], 2)).isInstanceOf(AudioFormatException.class);
        assertThatThrownBy(() -> PcmCodec.downmix(new float[3], 0)).isInstanceOf(AudioFormatException.class);
    }
}
