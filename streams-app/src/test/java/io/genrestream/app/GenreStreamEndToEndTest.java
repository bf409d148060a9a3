package io.genrestream.app;

import io.genrestream.audio.AudioFileDecoder;
import io.genrestream.audio.DecodedAudio;
import io.genrestream.audio.PcmCodec;
import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.FinishReason;
import io.genrestream.avro.SampleFormat;
import io.genrestream.avro.SegmentScore;
import io.genrestream.avro.StreamKind;
import io.genrestream.avro.TrackGenre;
import io.genrestream.topics.GenreTopics;
import io.genrestream.testing.SharedData;
import io.genrestream.testing.StackEndpoints;
import io.genrestream.testing.WithKafkaStack;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import static io.genrestream.app.RealBrokerClients.consumer;
import static io.genrestream.app.RealBrokerClients.producer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real app (Micronaut context, micronaut-kafka-streams, exactly-once) against a real broker and registry, with a
 * the committed default bundle (bundles/default, real PyTorch; verdicts are printed, their accuracy is measured in
 * docs/evaluation.md, not here): five GTZAN tracks streamed as
 * one-second chunks each get exactly one verdict on track-genres and one score per segment, read with a
 * read_committed consumer; /health answers UP.
 */
@WithKafkaStack
class GenreStreamEndToEndTest {

    private static final Logger LOG = LoggerFactory.getLogger(GenreStreamEndToEndTest.class);
    private static final Duration DEADLINE = Duration.ofMinutes(4);
    private static final Path DEFAULT_BUNDLE = Path.of("..", "bundles", "default");

    @Test
    void fiveGtzanTracksEachGetExactlyOneVerdict(StackEndpoints stack, @TempDir Path dir) throws Exception {
        Path parity = SharedData.require("gtzan/parity");
        List<Path> wavs;
        try (Stream<Path> files = Files.list(parity)) {
            wavs = files.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
        }
        assertThat(wavs).hasSize(5);
        String run = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> props = new HashMap<>();
        props.put("kafka.bootstrap.servers", stack.bootstrapServers());
        props.put("kafka.streams.default.application.id", run);
        props.put("kafka.streams.default.schema.registry.url", stack.schemaRegistryUrl());
        props.put("kafka.streams.default.state.dir", dir.resolve("state").toString());
        props.put("kafka.streams.default.commit.interval.ms", "100");
        props.put("micronaut.server.port", "-1");
        // the committed default bundle: the verdicts printed below are the product's real ones
        assertThat(DEFAULT_BUNDLE.resolve("bundle.json")).as("the committed default bundle").isRegularFile();
        List<String> labels = io.genrestream.model.ModelBundle.readManifest(DEFAULT_BUNDLE).labels();
        props.put("genre.bundle.path", DEFAULT_BUNDLE.toString());
        props.put("genre.scoring.linger", "100ms");
        for (String topic : List.of(GenreTopics.AUDIO_CHUNKS, GenreTopics.SEGMENT_SCORES, GenreTopics.TRACK_GENRES,
                GenreTopics.STREAM_GENRES, GenreTopics.GENRE_CHANGES, GenreTopics.DEAD_LETTERS)) {
            props.put(GenreTopics.PREFIX + topic + ".name", run + "-" + topic);
        }

        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props)) {
            ApplicationContext ctx = server.getApplicationContext();
            GenreTopics topics = ctx.getBean(GenreTopics.class);
            KafkaStreams streams = ctx.getBean(KafkaStreams.class);
            Map<String, Integer> expectedSegments = new TreeMap<>();
            try (KafkaProducer<String, AudioChunk> producer = producer(stack, topics.audioChunks())) {
                for (Path wav : wavs) {
                    String id = wav.getFileName().toString().replace(".wav", "");
                    expectedSegments.put(id, send(producer, topics.audioChunks().name(), id, AudioFileDecoder.standard().decode(wav).toMono()));
                }
                producer.flush();
            }
            // one undecodable record, so the dead-letter counter has something to count
            try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                raw.send(new ProducerRecord<>(topics.audioChunks().name(), "junk".getBytes(StandardCharsets.UTF_8),
                        "not avro".getBytes(StandardCharsets.UTF_8))).get();
            }

            Map<String, List<TrackGenre>> verdicts = new TreeMap<>();
            Map<String, Integer> scores = new TreeMap<>();
            try (KafkaConsumer<String, TrackGenre> verdictConsumer = consumer(stack, topics.trackGenres(), run);
                 KafkaConsumer<String, SegmentScore> scoreConsumer = consumer(stack, topics.segmentScores(), run)) {
                Instant deadline = Instant.now().plus(DEADLINE);
                while (verdicts.size() < wavs.size() && Instant.now().isBefore(deadline)) {
                    for (ConsumerRecord<String, TrackGenre> r : verdictConsumer.poll(Duration.ofMillis(500))) {
                        verdicts.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
                    }
                    assertThat(streams.state()).isNotIn(KafkaStreams.State.ERROR, KafkaStreams.State.NOT_RUNNING);
                }
                // keep reading a while: a second verdict for any track would show up here
                Instant quiet = Instant.now().plusSeconds(5);
                while (Instant.now().isBefore(quiet)) {
                    for (ConsumerRecord<String, TrackGenre> r : verdictConsumer.poll(Duration.ofMillis(500))) {
                        verdicts.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
                    }
                }
                Instant scoresDeadline = Instant.now().plusSeconds(10);
                while (Instant.now().isBefore(scoresDeadline)) {
                    for (ConsumerRecord<String, SegmentScore> r : scoreConsumer.poll(Duration.ofMillis(500))) {
                        scores.merge(r.key(), 1, Integer::sum);
                    }
                }
            }
            verdicts.forEach((id, list) -> list.forEach(v -> LOG.info(
                    "Verdict {}: genre={} confidence={} segments={} tieBreak={} reason={} votes={}", id, v.getGenre(),
                    String.format("%.2f", v.getConfidence()), v.getSegmentCount(), v.getTieBreak(), v.getReason(),
                    v.getVotes())));

            assertThat(verdicts.keySet()).isEqualTo(expectedSegments.keySet());
            verdicts.forEach((id, list) -> {
                assertThat(list).as("verdicts of " + id).hasSize(1);
                TrackGenre v = list.get(0);
                assertThat(v.getReason()).isEqualTo(FinishReason.END_OF_TRACK);
                assertThat(v.getSegmentCount()).as("segments of " + id).isEqualTo(expectedSegments.get(id));
                assertThat(v.getGenre()).isIn(concat(labels, "unknown"));
            });
            assertThat(scores).as("one score per segment").isEqualTo(expectedSegments);
            assertThat(health(server)).contains("\"status\":\"UP\"");
            String prometheus = get(server, "/prometheus");
            assertThat(prometheus).as("the topology's counters reach Prometheus").contains("duplicate_chunks");
            prometheus.lines().filter(l -> !l.startsWith("#") && (l.contains("duplicate_chunks")
                            || l.contains("gaps_skipped") || l.startsWith("genre_") || l.contains("lag")))
                    .forEach(l -> LOG.info("prometheus: {}", l));
            int segments = expectedSegments.values().stream().mapToInt(Integer::intValue).sum();
            assertThat(sample(prometheus, "genre_segments_scored_total")).isEqualTo(segments);
            assertThat(sample(prometheus, "genre_scoring_batch_size_count")).isPositive();
            assertThat(sample(prometheus, "genre_scoring_batch_size_sum")).isEqualTo(segments);
            assertThat(sample(prometheus, "genre_scoring_inference_seconds_count")).isPositive();
            assertThat(sample(prometheus, "genre_scoring_inference_seconds_sum")).isPositive();
            assertThat(sample(prometheus, "genre_segment_latency_seconds_count")).isEqualTo(segments);
            assertThat(sample(prometheus, "genre_segment_latency_seconds_sum")).isPositive();
            assertThat(sample(prometheus, "genre_dead_letters_total{cause=\"BAD_AVRO\"")).isEqualTo(1);
            assertThat(sample(prometheus, "genre_dead_letters_total{cause=\"ODD_BYTE_COUNT\"")).isZero();
            // all five tracks ended: none open
            assertThat(sample(prometheus, "genre_streams_open")).isZero();
            assertThat(prometheus).as("consumer lag reaches Prometheus").contains("records_lag_max");
        }
    }

    /** Value of the first Prometheus sample whose line starts with {@code series} (name, or name{first label). */
    private static double sample(String prometheus, String series) {
        return prometheus.lines().filter(l -> l.startsWith(series + " ") || l.startsWith(series + "{")
                        || (series.contains("{") && l.startsWith(series)))
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError(series + " not on /prometheus"));
    }

    private static List<String> concat(List<String> labels, String extra) {
        List<String> all = new ArrayList<>(labels);
        all.add(extra);
        return all;
    }

    /** Streams a track as one-second 16-bit chunks plus an end marker; returns the segments it should make. */
    private static int send(KafkaProducer<String, AudioChunk> producer, String topic, String id, DecodedAudio audio) {
        float[] y = audio.samples();
        int rate = audio.sampleRate();
        long seq = 0;
        for (int from = 0; from < y.length; from += rate) {
            float[] part = java.util.Arrays.copyOfRange(y, from, Math.min(y.length, from + rate));
            producer.send(new ProducerRecord<>(topic, id, chunk(id, seq++, rate, PcmCodec.encodeS16le(part), false)));
        }
        producer.send(new ProducerRecord<>(topic, id, chunk(id, seq, rate, new byte[0], true)));
        double seconds = y.length / (double) rate;
        int full = (int) Math.floor(seconds / 3.0);
        return full + (seconds - 3.0 * full >= 1.5 ? 1 : 0);
    }

    private static AudioChunk chunk(String id, long seq, int rate, byte[] pcm, boolean end) {
        return AudioChunk.newBuilder().setStreamId(id).setSequence(seq).setSampleRate(rate).setChannels(1)
                .setSampleFormat(SampleFormat.PCM_S16LE).setPcm(ByteBuffer.wrap(pcm)).setEndOfTrack(end)
                .setKind(StreamKind.TRACK).setProducedAtMs(Instant.now()).setSource(null).build();
    }

    private static String get(EmbeddedServer server, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(server.getURI().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private static String health(EmbeddedServer server) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(server.getURI().resolve("/health")).build();
        String body = "";
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            body = response.body();
            if (response.statusCode() == 200) {
                break;
            }
            Thread.sleep(500);
        }
        LOG.info("/health: {}", body);
        return body;
    }
}
