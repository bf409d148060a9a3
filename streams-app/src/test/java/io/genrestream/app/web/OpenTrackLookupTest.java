package io.genrestream.app.web;

import io.genrestream.audio.PcmCodec;
import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.SampleFormat;
import io.genrestream.avro.StreamKind;
import io.genrestream.testing.StackEndpoints;
import io.genrestream.testing.WithKafkaStack;
import io.genrestream.topics.GenreTopics;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /tracks/{id}} of a track still open answers its votes so far from the topology's vote store (interactive
 * query, {@link VoteStoreTrackLookup}) with {@code finished=false}; after the end marker the feed's final verdict
 * ({@code finished=true}) takes over. Real app, broker, registry and a small real model bundle.
 */
@WithKafkaStack
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenTrackLookupTest implements TestPropertyProvider {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int RATE = 22050;
    private static final int SECONDS = 10;

    private final StackEndpoints stack;
    private final String run = WebTestApp.newRun("open-track");

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    GenreTopics topics;

    OpenTrackLookupTest(StackEndpoints stack) {
        this.stack = stack;
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>();
        WebTestApp.properties(stack, run).forEach((k, v) -> props.put(k, v.toString()));
        props.put("genre.scoring.linger", "100ms");
        // the track must stay open while the test polls it (no end by inactivity)
        props.put("genre.tracks.inactivity-timeout", "600s");
        return props;
    }

    @Test
    void openTrackAnswersVotesSoFarThenTheFinalVerdict() throws Exception {
        String id = run + "-track";
        try (KafkaProducer<String, AudioChunk> producer = producer()) {
            for (int s = 0; s < SECONDS; s++) {
                producer.send(record(id, s, PcmCodec.encodeS16le(tone(s)), false));
            }
            producer.flush();
            // 10 s of audio, no end marker: three 3 s segments scored and voted, the track still open
            Eventually.within(WAIT, () -> {
                TrackVerdict open = client.toBlocking().retrieve("/tracks/" + id, TrackVerdict.class);
                assertThat(open.finished()).isFalse();
                assertThat(open.segmentCount()).isEqualTo(3);
                assertThat(open.votes().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
                assertThat(open.durationSeconds()).isEqualTo(9.0);
                assertThat(open.reason()).isNull();
                assertThat(open.genre()).isIn(concatUnknown());
            });
            producer.send(record(id, SECONDS, new byte[0], true));
            producer.flush();
        }
        Eventually.within(WAIT, () -> {
            TrackVerdict done = client.toBlocking().retrieve("/tracks/" + id, TrackVerdict.class);
            assertThat(done.finished()).isTrue();
            assertThat(done.segmentCount()).isEqualTo(3);
            assertThat(done.reason()).isEqualTo("END_OF_TRACK");
        });
    }

    private static java.util.List<String> concatUnknown() {
        java.util.List<String> all = new java.util.ArrayList<>(io.genrestream.app.TestBundle.GTZAN_LABELS);
        all.add("unknown");
        return all;
    }

    /** One second of a 440 Hz tone with a little second harmonic, second {@code s} of the track. */
    private static float[] tone(int s) {
        float[] y = new float[RATE];
        for (int i = 0; i < y.length; i++) {
            double t = (s * RATE + i) / (double) RATE;
            y[i] = (float) (0.4 * Math.sin(2 * Math.PI * 440 * t) + 0.1 * Math.sin(2 * Math.PI * 880 * t));
        }
        return y;
    }

    private ProducerRecord<String, AudioChunk> record(String id, long seq, byte[] pcm, boolean end) {
        return new ProducerRecord<>(topics.audioChunks().name(), id, AudioChunk.newBuilder().setStreamId(id)
                .setSequence(seq).setSampleRate(RATE).setChannels(1).setSampleFormat(SampleFormat.PCM_S16LE)
                .setPcm(ByteBuffer.wrap(pcm)).setEndOfTrack(end).setKind(StreamKind.TRACK)
                .setProducedAtMs(Instant.now()).setSource(null).build());
    }

    private KafkaProducer<String, AudioChunk> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(p, topics.audioChunks().keySerde().serializer(),
                topics.audioChunks().valueSerde().serializer());
    }
}
