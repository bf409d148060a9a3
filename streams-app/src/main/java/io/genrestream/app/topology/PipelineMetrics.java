package io.genrestream.app.topology;

import io.genrestream.avro.DeadLetterCause;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.api.ProcessingContext;

import java.util.EnumMap;
import java.util.Map;

/**
 * Counters of what the topology dropped, skipped or rejected, as Kafka Streams task-level sensors: each shows up
 * in {@code KafkaStreams#metrics()} as {@code <name>-total} and {@code <name>-rate} in group
 * {@code stream-genre-metrics}, tagged with the task id, and through micronaut-kafka-streams' Micrometer binder on
 * {@code /prometheus} as {@code kafka_streams_<name>}.
 */
final class PipelineMetrics {

    /** Scope of every sensor: metric group {@code stream-genre-metrics}. */
    static final String SCOPE = "genre";
    static final String DUPLICATE_CHUNKS = "duplicate-chunks";
    static final String LATE_CHUNKS = "late-chunks";
    static final String GAPS_SKIPPED = "gaps-skipped";
    static final String SEQUENCE_RESTARTS = "sequence-restarts";
    static final String STREAMS_EVICTED = "streams-evicted";
    static final String STREAMS_TIMED_OUT = "streams-timed-out";
    static final String SEGMENTS_DROPPED = "short-final-segments-dropped";
    static final String DEAD_LETTERS = "dead-letters";

    private final StreamsMetrics metrics;
    private final String entity;
    private final Map<DeadLetterCause, Sensor> deadLetters = new EnumMap<>(DeadLetterCause.class);

    PipelineMetrics(ProcessingContext context) {
        this.metrics = context.metrics();
        this.entity = context.taskId().toString();
    }

    void deadLetter(DeadLetterCause cause) {
        deadLetters.computeIfAbsent(cause, c -> sensor(deadLetterSensorName(c))).record();
    }

    /** Sensor name counting dead letters of {@code cause}, e.g. {@code dead-letters-odd-byte-count}. */
    static String deadLetterSensorName(DeadLetterCause cause) {
        return DEAD_LETTERS + "-" + cause.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    Sensor sensor(String name) {
        return metrics.addRateTotalSensor(SCOPE, entity, name, Sensor.RecordingLevel.INFO);
    }
}
