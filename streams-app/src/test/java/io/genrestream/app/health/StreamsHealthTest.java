package io.genrestream.app.health;

import io.genrestream.stack.ChildSettings;
import io.genrestream.stack.LocalKafkaBroker;
import io.genrestream.testing.StackEndpoints;
import io.genrestream.testing.WithKafkaStack;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health indicators on real Kafka Streams clients against a real broker (TopologyTestDriver has no threads): a
 * stream thread gone, a crash loop hidden by REPLACE_THREAD, input waiting on a stuck thread, and a broker outage.
 * The topology's processor fails on "poison" and blocks for a while on "slow".
 */
@WithKafkaStack
class StreamsHealthTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final long SLOW_MILLIS = 15_000;

    private final List<KafkaStreams> started = new ArrayList<>();

    @AfterEach
    void closeStreams() {
        started.forEach(s -> s.close(Duration.ofSeconds(30)));
    }

    @Test
    void notReadyWhileAStreamThreadIsGoneButAlive(StackEndpoints stack, @TempDir Path dir) throws Exception {
        KafkaStreams streams = start(stack.bootstrapServers(), newTopic(stack.bootstrapServers()), dir, 2,
                StreamThreadExceptionResponse.REPLACE_THREAD);
        StreamsReadiness readiness = new StreamsReadiness(streams, 2, 2, Duration.ofMinutes(5), Duration.ofMinutes(2));
        await(readiness, r -> r.getStatus() == HealthStatus.UP);

        assertThat(streams.removeStreamThread()).isPresent();

        HealthResult down = readiness.check();
        assertThat(down.getStatus()).isEqualTo(HealthStatus.DOWN);
        assertThat(problems(down)).contains("1 of 2 stream threads alive");
        assertThat(StreamsLiveness.check(streams).getStatus()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void notReadyInACrashLoopThatReplaceThreadHides(StackEndpoints stack, @TempDir Path dir) throws Exception {
        String topic = newTopic(stack.bootstrapServers());
        KafkaStreams streams = start(stack.bootstrapServers(), topic, dir, 1,
                StreamThreadExceptionResponse.REPLACE_THREAD);
        StreamsReadiness readiness = new StreamsReadiness(streams, 1, 1, Duration.ofMinutes(5), Duration.ofMinutes(2));
        await(readiness, r -> r.getStatus() == HealthStatus.UP);

        send(stack.bootstrapServers(), topic, List.of("poison"));

        HealthResult down = await(readiness, r -> r.getStatus() == HealthStatus.DOWN);
        assertThat(problems(down)).contains("crash loop");
        assertThat(streams.state().isRunningOrRebalancing()).as("the client itself still looks fine").isTrue();
        assertThat(StreamsLiveness.check(streams).getStatus()).as("a restart would not cure it")
                .isEqualTo(HealthStatus.UP);
    }

    @Test
    void notReadyWhileInputWaitsOnAStuckThreadThenReadyAgain(StackEndpoints stack, @TempDir Path dir)
            throws Exception {
        String topic = newTopic(stack.bootstrapServers());
        KafkaStreams streams = start(stack.bootstrapServers(), topic, dir, 1,
                StreamThreadExceptionResponse.REPLACE_THREAD);
        StreamsReadiness readiness = new StreamsReadiness(streams, 1, 2, Duration.ofMinutes(5), Duration.ofSeconds(3));
        await(readiness, r -> r.getStatus() == HealthStatus.UP);

        List<String> values = new ArrayList<>(List.of("slow"));
        for (int i = 0; i < 20; i++) {
            values.add("ok-" + i);
        }
        send(stack.bootstrapServers(), topic, values);

        HealthResult down = await(readiness, r -> r.getStatus() == HealthStatus.DOWN);
        assertThat(problems(down)).contains("no record processed for").contains("input records wait");
        // ready again as soon as records move; the backlog then drains (the first UP may still see part of it)
        HealthResult up = await(readiness, r -> r.getStatus() == HealthStatus.UP
                && Long.valueOf(0).equals(detail(r, "inputLag")));
        assertThat(detail(up, "inputLag")).isEqualTo(0L);
    }

    @Test
    void answersFromLocalStateDuringABrokerOutage(@TempDir Path dir) throws Exception {
        ChildSettings settings = new ChildSettings(0, 512, Duration.ofSeconds(120), Duration.ofSeconds(20));
        KafkaStreams streams;
        StreamsReadiness readiness;
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(dir.resolve("broker"), settings, false)) {
            streams = start(broker.bootstrapServers(), newTopic(broker.bootstrapServers()), dir, 1,
                    StreamThreadExceptionResponse.REPLACE_THREAD);
            readiness = new StreamsReadiness(streams, 1, 2, Duration.ofMinutes(5), Duration.ofMinutes(2));
            await(readiness, r -> r.getStatus() == HealthStatus.UP);
        }
        // the broker is gone: both indicators answer from the client's own state and metrics, no request is made
        HealthResult duringOutage = readiness.check();
        assertThat(duringOutage.getStatus()).as("nothing waits, so nothing is late").isEqualTo(HealthStatus.UP);
        assertThat(StreamsLiveness.check(streams).getStatus()).isEqualTo(HealthStatus.UP);
    }

    private KafkaStreams start(String bootstrap, String topic, Path dir, int threads,
                               StreamThreadExceptionResponse onFailure) {
        Topology topology = new Topology();
        topology.addSource("in", Serdes.String().deserializer(), Serdes.String().deserializer(), topic);
        topology.addProcessor("judge", PoisonOrSlow::new, "in");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, topic);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state-" + topic).toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 2000);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // one record per poll, so records behind a stuck one show as consumer lag
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 1);
        KafkaStreams streams = new KafkaStreams(topology, p);
        streams.setUncaughtExceptionHandler(e -> onFailure);
        started.add(streams);
        streams.start();
        return streams;
    }

    /** Fails on "poison", blocks on "slow". */
    private static final class PoisonOrSlow implements Processor<String, String, Void, Void> {
        @Override
        public void process(Record<String, String> record) {
            if ("poison".equals(record.value())) {
                throw new IllegalStateException("poison record");
            }
            if ("slow".equals(record.value())) {
                try {
                    Thread.sleep(SLOW_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static String newTopic(String bootstrap) throws Exception {
        String topic = "health-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return topic;
    }

    private static void send(String bootstrap, String topic, List<String> values) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            values.forEach(v -> producer.send(new ProducerRecord<>(topic, "key", v)));
        }
    }

    /** Checks every 250 ms until {@code until} holds; fails with the last answer after {@link #WAIT}. */
    private static HealthResult await(StreamsReadiness readiness, Predicate<HealthResult> until)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        HealthResult last = readiness.check();
        while (!until.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("readiness did not change as expected within " + WAIT + "; last: "
                        + last.getStatus() + " " + last.getDetails());
            }
            Thread.sleep(250);
            last = readiness.check();
        }
        return last;
    }

    private static String problems(HealthResult result) {
        return String.valueOf(detail(result, "problems"));
    }

    private static Object detail(HealthResult result, String name) {
        return ((Map<?, ?>) result.getDetails()).get(name);
    }
}
