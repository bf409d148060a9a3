package io.genrestream.app;

import io.genrestream.audio.PcmCodec;
import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.SampleFormat;
import io.genrestream.avro.SegmentScore;
import io.genrestream.avro.StreamKind;
import io.genrestream.avro.TrackGenre;
import io.genrestream.testing.StackEndpoints;
import io.genrestream.testing.WithKafkaStack;
import io.genrestream.topics.GenreTopics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static io.genrestream.app.RealBrokerClients.consumer;
import static io.genrestream.app.RealBrokerClients.producer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once across a crash: the app runs in a child JVM, is killed with SIGKILL while it scores, and is started
 * again on the same state directory. A read_committed consumer then sees exactly one score per segment and one
 * verdict per track.
 */
@WithKafkaStack
class ExactlyOnceCrashTest {

    private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceCrashTest.class);
    private static final int TRACKS = 3;
    private static final int SEGMENTS_PER_TRACK = 8;
    private static final int RATE = 22050;

    @Test
    void aKilledAppRestartsWithoutLosingOrRepeatingAnyOutput(StackEndpoints stack, @TempDir Path dir)
            throws Exception {
        String run = "eos-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> props = new HashMap<>();
        props.put("kafka.bootstrap.servers", stack.bootstrapServers());
        props.put("kafka.streams.default.application.id", run);
        props.put("kafka.streams.default.schema.registry.url", stack.schemaRegistryUrl());
        props.put("kafka.streams.default.state.dir", dir.resolve("state").toString());
        props.put("kafka.streams.default.commit.interval.ms", "100");
        // a killed member's partitions move after this long (the broker's minimum is 6 s)
        props.put("kafka.streams.default.session.timeout.ms", "6000");
        props.put("micronaut.server.port", "-1");
        props.put("genre.bundle.path", TestBundle.write(dir.resolve("bundle")).toString());
        props.put("genre.scoring.batch-size", "4");
        props.put("genre.scoring.linger", "100ms");
        Map<String, Object> topicConfig = new HashMap<>();
        topicConfig.put("schema.registry.url", stack.schemaRegistryUrl());
        for (String topic : List.of(GenreTopics.AUDIO_CHUNKS, GenreTopics.SEGMENT_SCORES, GenreTopics.TRACK_GENRES,
                GenreTopics.STREAM_GENRES, GenreTopics.GENRE_CHANGES, GenreTopics.DEAD_LETTERS)) {
            props.put(GenreTopics.PREFIX + topic + ".name", run + "-" + topic);
            topicConfig.put(GenreTopics.PREFIX + topic + ".name", run + "-" + topic);
        }
        GenreTopics topics = new GenreTopics(topicConfig);

        Map<String, Integer> scores = new TreeMap<>();
        Map<String, List<TrackGenre>> verdicts = new TreeMap<>();
        try (KafkaConsumer<String, SegmentScore> scoreConsumer = consumer(stack, topics.segmentScores(), run);
             KafkaConsumer<String, TrackGenre> verdictConsumer = consumer(stack, topics.trackGenres(), run);
             KafkaProducer<String, AudioChunk> producer = producer(stack, topics.audioChunks())) {
            Process first = startApp(props, dir.resolve("app-1.log"));
            try {
                // all audio, no end markers yet: no verdict can exist before the crash
                for (int t = 0; t < TRACKS; t++) {
                    String id = "track-" + t;
                    float[] y = tone(200 + 700 * t, SEGMENTS_PER_TRACK * 3.0);
                    for (int s = 0; s * RATE < y.length; s++) {
                        float[] part = java.util.Arrays.copyOfRange(y, s * RATE, Math.min(y.length, (s + 1) * RATE));
                        producer.send(new ProducerRecord<>(topics.audioChunks().name(), id,
                                chunk(id, s, PcmCodec.encodeS16le(part), false)));
                    }
                }
                producer.flush();
                Instant deadline = Instant.now().plusSeconds(120);
                while (scores.isEmpty() && Instant.now().isBefore(deadline)) {
                    collect(scoreConsumer, scores);
                }
            } finally {
                first.destroyForcibly().waitFor();
            }
            int beforeCrash = scores.values().stream().mapToInt(Integer::intValue).sum();
            LOG.info("Killed the app after {} committed segment scores", beforeCrash);
            assertThat(beforeCrash).as("killed mid-stream").isBetween(1, TRACKS * SEGMENTS_PER_TRACK - 1);

            for (int t = 0; t < TRACKS; t++) {
                producer.send(new ProducerRecord<>(topics.audioChunks().name(), "track-" + t,
                        chunk("track-" + t, SEGMENTS_PER_TRACK * 3L, new byte[0], true)));
            }
            producer.flush();
            Process second = startApp(props, dir.resolve("app-2.log"));
            try {
                Instant deadline = Instant.now().plusSeconds(180);
                while (verdicts.size() < TRACKS && Instant.now().isBefore(deadline)) {
                    for (ConsumerRecord<String, TrackGenre> r : verdictConsumer.poll(Duration.ofMillis(500))) {
                        verdicts.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
                    }
                    collect(scoreConsumer, scores);
                }
                Instant quiet = Instant.now().plusSeconds(5);
                while (Instant.now().isBefore(quiet)) {
                    for (ConsumerRecord<String, TrackGenre> r : verdictConsumer.poll(Duration.ofMillis(250))) {
                        verdicts.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
                    }
                    collect(scoreConsumer, scores);
                }
            } finally {
                second.destroy();
                second.waitFor();
            }
        }
        LOG.info("Scores per track/segment after the restart: {}", scores);
        assertThat(verdicts).hasSize(TRACKS);
        verdicts.forEach((id, list) -> {
            assertThat(list).as("verdicts of " + id).hasSize(1);
            assertThat(list.get(0).getSegmentCount()).isEqualTo(SEGMENTS_PER_TRACK);
        });
        assertThat(scores).hasSize(TRACKS * SEGMENTS_PER_TRACK);
        assertThat(scores.values()).as("each segment scored exactly once").containsOnly(1);
    }

    private static void collect(KafkaConsumer<String, SegmentScore> consumer, Map<String, Integer> scores) {
        for (ConsumerRecord<String, SegmentScore> r : consumer.poll(Duration.ofMillis(250))) {
            scores.merge(r.key() + "#" + r.value().getSegmentIndex(), 1, Integer::sum);
        }
    }

    private static Process startApp(Map<String, String> props, Path log) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        command.add("-Dai.djl.offline=true");
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Application.class.getName());
        LOG.info("Starting the app in a child JVM, log {}", log);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static float[] tone(double hz, double seconds) {
        float[] y = new float[(int) Math.round(seconds * RATE)];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return y;
    }

    private static AudioChunk chunk(String id, long seq, byte[] pcm, boolean end) {
        return AudioChunk.newBuilder().setStreamId(id).setSequence(seq).setSampleRate(RATE).setChannels(1)
                .setSampleFormat(SampleFormat.PCM_S16LE).setPcm(ByteBuffer.wrap(pcm)).setEndOfTrack(end)
                .setKind(StreamKind.TRACK).setProducedAtMs(Instant.now()).setSource(null).build();
    }
}
