package io.genrestream.app.topology;

import io.genrestream.audio.PcmCodec;
import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.SampleFormat;
import io.genrestream.avro.StreamKind;

import java.nio.ByteBuffer;
import java.time.Instant;

/** Test audio chunks: sine tones as PCM. */
final class Chunks {

    static final int RATE = 22050;

    private Chunks() {
    }

    /** {@code seconds} of a sine at {@code hz}, amplitude 0.5, mono, at {@code rate}. */
    static float[] tone(double hz, double seconds, int rate) {
        float[] y = new float[(int) Math.round(seconds * rate)];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return y;
    }

    /** A mono 16-bit track chunk of one second of {@code hz} at 22050 Hz. */
    static AudioChunk second(String id, long seq, double hz) {
        return of(id, seq, StreamKind.TRACK, PcmCodec.encodeS16le(tone(hz, 1.0, RATE)), RATE, 1,
                SampleFormat.PCM_S16LE, false);
    }

    /** The end marker of a track: empty PCM. */
    static AudioChunk end(String id, long seq) {
        return of(id, seq, StreamKind.TRACK, new byte[0], RATE, 1, SampleFormat.PCM_S16LE, true);
    }

    static AudioChunk of(String id, long seq, StreamKind kind, byte[] pcm, int rate, int channels,
                         SampleFormat format, boolean end) {
        return AudioChunk.newBuilder()
                .setStreamId(id)
                .setSequence(seq)
                .setSampleRate(rate)
                .setChannels(channels)
                .setSampleFormat(format)
                .setPcm(ByteBuffer.wrap(pcm))
                .setEndOfTrack(end)
                .setKind(kind)
                .setProducedAtMs(Instant.ofEpochMilli(1_000_000 + seq))
                .setSource(null)
                .build();
    }
}
