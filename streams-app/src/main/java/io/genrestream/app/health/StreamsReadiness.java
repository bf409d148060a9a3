package io.genrestream.app.health;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code /health/readiness}: whether this instance is doing its work ({@link StreamsProgress}'s rules, thresholds under
 * {@code genre.health.*}). Reads only Kafka Streams' local state and metrics, so it answers at once during a broker
 * outage; micronaut-kafka's own indicators are switched off in application.yml (its broker check waits for an admin
 * request and logs a stack trace on every probe while the broker is away; its streams check looks at the state only).
 */
@Singleton
@Readiness
@Requires(beans = KafkaStreams.class)
public class StreamsReadiness implements HealthIndicator {

    public static final String NAME = "streams";

    private final KafkaStreams streams;
    private final StreamsProgress progress;

    public StreamsReadiness(KafkaStreams streams,
                            @Value("${kafka.streams.default.num.stream.threads:1}") int threads,
                            @Value("${genre.health.max-thread-failures}") int maxThreadFailures,
                            @Value("${genre.health.thread-failure-window}") Duration failureWindow,
                            @Value("${genre.health.stall-timeout}") Duration stallTimeout) {
        this.streams = streams;
        this.progress = new StreamsProgress(threads, maxThreadFailures, failureWindow, stallTimeout);
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.fromCallable(this::check);
    }

    /** Samples the metrics and judges them. */
    public HealthResult check() {
        StreamsSample sample = StreamsSample.of(streams);
        StreamsProgress.Verdict verdict = progress.judge(sample, System.nanoTime());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", sample.state().name());
        details.put("aliveThreads", sample.aliveThreads());
        details.put("threadFailuresInWindow", verdict.threadFailuresInWindow());
        details.put("inputLag", (long) sample.inputLag());
        details.put("secondsSinceProgress", verdict.sinceProgress().toSeconds());
        details.put("activeTasks", activeTasks());
        if (!verdict.ready()) {
            details.put("problems", verdict.problems());
        }
        return HealthResult.builder(NAME, verdict.ready() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(details).build();
    }

    private TreeSet<String> activeTasks() {
        TreeSet<String> tasks = new TreeSet<>();
        if (streams.state().isRunningOrRebalancing()) {
            for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
                thread.activeTasks().forEach(t -> tasks.add(t.taskId().toString()));
            }
        }
        return tasks;
    }
}
