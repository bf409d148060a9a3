package io.genrestream.app.topology;

import io.genrestream.audio.PcmCodec;
import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.SampleFormat;
import io.genrestream.avro.StreamKind;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

    /** A mono signal as one-second 16-bit chunks of track {@code id}, then its end marker. */
    static List<AudioChunk> track(String id, float[] mono, int rate) {
        List<AudioChunk> chunks = new ArrayList<>();
        long seq = 0;
        for (int from = 0; from < mono.length; from += rate) {
            chunks.add(of(id, seq++, StreamKind.TRACK, PcmCodec.encodeS16le(Arrays.copyOfRange(mono, from,
                    Math.min(mono.length, from + rate))), rate, 1, SampleFormat.PCM_S16LE, false));
        }
        chunks.add(of(id, seq, StreamKind.TRACK, new byte[0], rate, 1, SampleFormat.PCM_S16LE, true));
        return chunks;
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
