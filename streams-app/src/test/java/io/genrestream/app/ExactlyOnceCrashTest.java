package io.genrestream.app;

import io.genrestream.app.web.VoteStoreTrackLookup;
import io.genrestream.avro.AudioChunk;
import io.genrestream.stack.LocalStack;
import io.genrestream.testing.StackEndpoints;
import io.genrestream.testing.WithKafkaStack;
import io.genrestream.topics.GenreTopics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.genrestream.app.RealBrokerClients.producer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once across a crash: the app runs in child JVMs on the real broker and an instance is killed with SIGKILL
 * while it scores, either a single one started again on the same state directory, or one of two instances whose
 * partitions the other takes over; or the broker and registry are stopped mid-stream and started again on their data.
 * A read_committed consumer then sees exactly one score per segment and one verdict per track, and interactive queries
 * answer from either instance.
 */
@WithKafkaStack
class ExactlyOnceCrashTest {

    private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceCrashTest.class);
    private static final int TRACKS = 3;
    private static final int SEGMENTS_PER_TRACK = 8;
    private static final int SECONDS = SEGMENTS_PER_TRACK * 3;
    /** Enough tracks that each of the 3 partitions gets some. */
    private static final int TWO_INSTANCE_TRACKS = 6;

    @Test
    void aKilledAppRestartsWithoutLosingOrRepeatingAnyOutput(StackEndpoints stack, @TempDir Path dir)
            throws Exception {
        String run = "eos-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> props = AppProcess.runProperties(stack.bootstrapServers(), stack.schemaRegistryUrl(), run,
                TestBundle.write(dir.resolve("bundle")));
        GenreTopics topics = AppProcess.runTopics(stack.schemaRegistryUrl(), run);
        AppProcess app = AppProcess.instance("crash", props, dir);

        try (OutputTally output = new OutputTally(stack, topics, run);
             KafkaProducer<String, AudioChunk> producer = producer(stack, topics.audioChunks())) {
            app.start();
            try {
                // all audio, no end markers yet: no verdict can exist before the crash
                for (int t = 0; t < TRACKS; t++) {
                    TrackAudio.sendAudio(producer, topics.audioChunks(), "track-" + t, 200 + 700 * t, SECONDS);
                }
                producer.flush();
                output.awaitFirstScores(Duration.ofSeconds(120));
            } finally {
                app.kill();
            }
            int beforeCrash = output.scoreCount();
            LOG.info("Killed the app after {} committed segment scores", beforeCrash);
            assertThat(beforeCrash).as("killed mid-stream").isBetween(1, TRACKS * SEGMENTS_PER_TRACK - 1);

            for (int t = 0; t < TRACKS; t++) {
                TrackAudio.sendEnd(producer, topics.audioChunks(), "track-" + t, SECONDS);
            }
            producer.flush();
            app.start();
            try {
                output.awaitVerdicts(TRACKS, Duration.ofSeconds(180));
            } finally {
                app.stop();
            }
            output.assertExactlyOnce(TRACKS, SEGMENTS_PER_TRACK);
        }
    }

    @Test
    void whenOneOfTwoInstancesIsKilledTheOtherTakesOverWithoutLosingOrRepeatingOutput(StackEndpoints stack,
                                                                                     @TempDir Path dir)
            throws Exception {
        String run = "failover-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> props = AppProcess.runProperties(stack.bootstrapServers(), stack.schemaRegistryUrl(), run,
                TestBundle.write(dir.resolve("bundle")));
        GenreTopics topics = AppProcess.runTopics(stack.schemaRegistryUrl(), run);
        List<AppProcess> instances = List.of(AppProcess.instance("a", props, dir.resolve("a")),
                AppProcess.instance("b", props, dir.resolve("b")));
        List<String> tracks = IntStream.range(0, TWO_INSTANCE_TRACKS).mapToObj(t -> "track-" + t).toList();
        try (OutputTally output = new OutputTally(stack, topics, run);
             KafkaProducer<String, AudioChunk> producer = producer(stack, topics.audioChunks());
             AppProcess a = instances.get(0).start();
             AppProcess b = instances.get(1).start()) {
            for (int t = 0; t < tracks.size(); t++) {
                TrackAudio.sendAudio(producer, topics.audioChunks(), tracks.get(t), 200 + 300 * t, SECONDS);
            }
            producer.flush();
            output.awaitFirstScores(Duration.ofSeconds(180));
            // every open track answers from both instances: the owner from its store, the other by forwarding
            for (String track : tracks) {
                for (AppProcess instance : instances) {
                    awaitOpenVerdict(instance, track, Duration.ofSeconds(120));
                }
            }
            AppProcess victim = tracks.stream().filter(t -> owns(a, t)).count() >= tracks.size() / 2.0 ? a : b;
            AppProcess survivor = victim == a ? b : a;
            long victimTracks = tracks.stream().filter(t -> owns(victim, t)).count();
            assertThat(victimTracks).as("tracks owned by the instance to kill").isPositive();
            victim.kill();
            for (String track : tracks) {
                awaitOpenVerdict(survivor, track, Duration.ofSeconds(120));
            }
            LOG.info("Instance {} answers all {} tracks after {} ({} tracks) was killed", survivor.name(),
                    tracks.size(), victim.name(), victimTracks);
            for (String track : tracks) {
                TrackAudio.sendEnd(producer, topics.audioChunks(), track, SECONDS);
            }
            producer.flush();
            output.awaitVerdicts(tracks.size(), Duration.ofSeconds(180));
            output.assertExactlyOnce(tracks.size(), SEGMENTS_PER_TRACK);
        }
    }

    @Test
    void aBrokerRestartedOnItsDataMidStreamLosesAndRepeatsNothing(@TempDir Path dir) throws Exception {
        String run = "broker-restart-" + UUID.randomUUID().toString().substring(0, 8);
        LocalStack.Builder stackOnItsData = LocalStack.builder().optDataDirectory(dir.resolve("stack"))
                .optKeepData(true);
        LocalStack first = stackOnItsData.build().start();
        StackEndpoints stack = new StackEndpoints(first.bootstrapServers(), first.schemaRegistryUrl(),
                StackEndpoints.Mode.LOCAL);
        // the second start listens where the app, the producer and the checkers already connect
        stackOnItsData.optBrokerPort(Integer.parseInt(first.bootstrapServers().split(":")[1]))
                .optRegistryPort(URI.create(first.schemaRegistryUrl()).getPort());
        LocalStack second = null;
        Map<String, String> props = AppProcess.runProperties(stack.bootstrapServers(), stack.schemaRegistryUrl(), run,
                TestBundle.write(dir.resolve("bundle")));
        GenreTopics topics = AppProcess.runTopics(stack.schemaRegistryUrl(), run);
        try (OutputTally output = new OutputTally(stack, topics, run);
             KafkaProducer<String, AudioChunk> producer = producer(stack, topics.audioChunks());
             AppProcess app = AppProcess.instance("app", props, dir.resolve("app")).start()) {
            for (int t = 0; t < TRACKS; t++) {
                TrackAudio.sendAudio(producer, topics.audioChunks(), "track-" + t, 200 + 700 * t, SECONDS);
            }
            producer.flush();
            int beforeRestart = output.awaitFirstScores(Duration.ofSeconds(180));
            first.close();
            LOG.info("Broker and registry stopped after {} committed segment scores; starting them again on their"
                    + " data", beforeRestart);
            second = stackOnItsData.build().start();
            for (int t = 0; t < TRACKS; t++) {
                TrackAudio.sendEnd(producer, topics.audioChunks(), "track-" + t, SECONDS);
            }
            producer.flush();
            output.awaitVerdicts(TRACKS, Duration.ofSeconds(240));
            output.assertExactlyOnce(TRACKS, SEGMENTS_PER_TRACK);
        } finally {
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }

    /** Waits until {@code instance} answers GET /tracks/{track} with the open track's votes so far. */
    private static void awaitOpenVerdict(AppProcess instance, String track, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        HttpResponse<String> last = null;
        while (Instant.now().isBefore(deadline)) {
            last = instance.get("/tracks/" + track);
            if (last != null && last.statusCode() == 200) {
                assertThat(last.body()).contains("\"trackId\":\"" + track + "\"");
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("instance " + instance.name() + " did not answer GET /tracks/" + track + " within "
                + timeout + "; last answer " + (last == null ? "none" : last.statusCode() + " " + last.body()));
    }

    /** Whether {@code instance} answers the track from its own store (a forwarded request is never forwarded). */
    private static boolean owns(AppProcess instance, String track) {
        try {
            HttpResponse<String> response = instance.get("/tracks/" + track, VoteStoreTrackLookup.FORWARDED_HEADER,
                    "true");
            return response != null && response.statusCode() == 200;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
