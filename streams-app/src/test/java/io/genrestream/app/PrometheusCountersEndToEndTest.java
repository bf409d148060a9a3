package io.genrestream.app;

import io.genrestream.audio.PcmCodec;
import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.FinishReason;
import io.genrestream.avro.SampleFormat;
import io.genrestream.avro.StreamKind;
import io.genrestream.avro.TrackGenre;
import io.genrestream.app.web.WebTestApp;
import io.genrestream.testing.StackEndpoints;
import io.genrestream.testing.WithKafkaStack;
import io.genrestream.topics.GenreTopics;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.genrestream.app.RealBrokerClients.consumer;
import static io.genrestream.app.RealBrokerClients.producer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topology's counters on the real app's /prometheus (Micronaut, real broker and registry): one track on each of
 * the three partitions (so three tasks count) gets a duplicate chunk, a gap skipped after the ordering grace, and the
 * inactivity timeout, whose final 1 s piece is too short to score. Each counter reads 3, the sum over the tasks.
 */
@WithKafkaStack
class PrometheusCountersEndToEndTest {

    private static final int RATE = 22050;
    private static final int PARTITIONS = 3;

    @Test
    void everyCounterOnPrometheusSumsTheEventsOfEveryTask(StackEndpoints stack) throws Exception {
        String run = WebTestApp.newRun("counters");
        Map<String, Object> props = WebTestApp.properties(stack, run);
        props.put("genre.topics.partitions", String.valueOf(PARTITIONS));
        props.put("genre.ordering.grace", "1s");
        props.put("genre.tracks.inactivity-timeout", "3s");
        props.put("genre.tracks.check-interval", "200ms");
        List<String> ids = onePerPartition();

        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props)) {
            GenreTopics topics = server.getApplicationContext().getBean(GenreTopics.class);
            String name = topics.audioChunks().name();
            try (KafkaProducer<String, AudioChunk> producer = producer(stack, topics.audioChunks())) {
                for (String id : ids) {
                    producer.send(new ProducerRecord<>(name, id, chunk(id, 0)));
                    producer.send(new ProducerRecord<>(name, id, chunk(id, 0)));
                    producer.send(new ProducerRecord<>(name, id, chunk(id, 2)));
                }
                producer.flush();
            }
            Map<String, List<TrackGenre>> verdicts = new TreeMap<>();
            try (KafkaConsumer<String, TrackGenre> consumer = consumer(stack, topics.trackGenres(), run)) {
                Instant deadline = Instant.now().plusSeconds(90);
                while (verdicts.size() < ids.size() && Instant.now().isBefore(deadline)) {
                    for (ConsumerRecord<String, TrackGenre> r : consumer.poll(Duration.ofMillis(250))) {
                        verdicts.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
                    }
                }
            }
            assertThat(verdicts).containsOnlyKeys(ids);
            verdicts.values().forEach(list -> assertThat(list).extracting(TrackGenre::getReason)
                    .containsExactly(FinishReason.INACTIVITY_TIMEOUT));

            String prometheus = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    server.getURI().resolve("/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(sample(prometheus, "genre_duplicate_chunks_total")).isEqualTo(3);
            assertThat(sample(prometheus, "genre_gaps_skipped_total")).isEqualTo(3);
            assertThat(sample(prometheus, "genre_streams_timed_out_total")).isEqualTo(3);
            assertThat(sample(prometheus, "genre_short_final_segments_dropped_total")).isEqualTo(3);
            assertThat(sample(prometheus, "genre_late_chunks_total")).isZero();
            assertThat(sample(prometheus, "genre_streams_evicted_total")).isZero();
            assertThat(sample(prometheus, "genre_sequence_restarts_total")).isZero();
        }
    }

    /** A track id for each partition, as Kafka's default partitioner places a UTF-8 key. */
    private static List<String> onePerPartition() {
        String[] byPartition = new String[PARTITIONS];
        for (int i = 0; Arrays.asList(byPartition).contains(null); i++) {
            String id = "counted-" + i;
            int partition = Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
            byPartition[partition] = byPartition[partition] == null ? id : byPartition[partition];
        }
        return List.of(byPartition);
    }

    /** One second of a 300 Hz tone. */
    private static AudioChunk chunk(String id, long seq) {
        float[] y = new float[RATE];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (0.5 * Math.sin(2 * Math.PI * 300 * i / RATE));
        }
        return AudioChunk.newBuilder().setStreamId(id).setSequence(seq).setSampleRate(RATE).setChannels(1)
                .setSampleFormat(SampleFormat.PCM_S16LE).setPcm(ByteBuffer.wrap(PcmCodec.encodeS16le(y)))
                .setEndOfTrack(false).setKind(StreamKind.TRACK).setProducedAtMs(Instant.now()).setSource(null).build();
    }

    /** The value of the Prometheus sample named {@code series} (no labels). */
    private static double sample(String prometheus, String series) {
        return prometheus.lines().filter(l -> l.startsWith(series + " "))
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError(series + " not on /prometheus"));
    }
}
