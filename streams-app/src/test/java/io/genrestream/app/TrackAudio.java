package io.genrestream.app;

import io.genrestream.audio.PcmCodec;
import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.SampleFormat;
import io.genrestream.avro.StreamKind;
import io.genrestream.topics.TopicDescriptor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;

/** Tone tracks as producers send them to the real broker: one-second 16-bit chunks at 22.05 kHz, then an end marker. */
public final class TrackAudio {

    public static final int RATE = 22050;

    private TrackAudio() {
    }

    /** Sends {@code seconds} of a sine at {@code hz} as chunks {@code 0 … seconds-1} of track {@code id}, no end. */
    public static void sendAudio(KafkaProducer<String, AudioChunk> producer, TopicDescriptor<String, AudioChunk> topic,
                                 String id, double hz, int seconds) {
        float[] y = tone(hz, seconds);
        for (int s = 0; s < seconds; s++) {
            float[] part = Arrays.copyOfRange(y, s * RATE, (s + 1) * RATE);
            producer.send(new ProducerRecord<>(topic.name(), id,
                    chunk(id, s, PcmCodec.encodeS16le(part), false, StreamKind.TRACK)));
        }
    }

    /** Sends the end marker of track {@code id} after {@code seconds} one-second chunks. */
    public static void sendEnd(KafkaProducer<String, AudioChunk> producer, TopicDescriptor<String, AudioChunk> topic,
                               String id, int seconds) {
        producer.send(new ProducerRecord<>(topic.name(), id, chunk(id, seconds, new byte[0], true, StreamKind.TRACK)));
    }

    /** A sine at {@code hz}, amplitude 0.5. */
    public static float[] tone(double hz, double seconds) {
        float[] y = new float[(int) Math.round(seconds * RATE)];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return y;
    }

    /** One mono 16-bit chunk produced now. */
    public static AudioChunk chunk(String id, long seq, byte[] pcm, boolean end, StreamKind kind) {
        return AudioChunk.newBuilder().setStreamId(id).setSequence(seq).setSampleRate(RATE).setChannels(1)
                .setSampleFormat(SampleFormat.PCM_S16LE).setPcm(ByteBuffer.wrap(pcm)).setEndOfTrack(end)
                .setKind(kind).setProducedAtMs(Instant.now()).setSource(null).build();
    }
}
