package io.genrestream.app.topology;

import io.genrestream.avro.DeadLetterCause;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The pipeline's Micrometer meters, registered once and shared by every processor of every task (meters are
 * thread-safe). Production gets Micronaut's registry (so they show on {@code /prometheus}); a topology built without
 * Micronaut (TopologyTestDriver tests) passes a {@code SimpleMeterRegistry}. Names (Prometheus form in brackets):
 * <ul>
 *   <li>{@value #SEGMENTS_SCORED} counter [{@code genre_segments_scored_total}]: segments scored; its rate is
 *       segments/s</li>
 *   <li>{@value #BATCH_SIZE} summary [{@code genre_scoring_batch_size_*}]: segments per model call</li>
 *   <li>{@value #INFERENCE} timer [{@code genre_scoring_inference_seconds_*}]: GRU + summary model time per batch</li>
 *   <li>{@value #SEGMENT_LATENCY} timer [{@code genre_segment_latency_seconds_*}]: from the producer's timestamp of a
 *       segment's last chunk ({@code AudioChunk.producedAtMs}) to the segment scored</li>
 *   <li>{@value #BATCH_WAIT} timer [{@code genre_scoring_batch_wait_seconds_*}]: the part of that latency a segment
 *       spent waiting for its micro-batch (features done to scored)</li>
 *   <li>{@value #DEAD_LETTERS} counter tagged {@code cause} [{@code genre_dead_letters_total}]: records rejected to
 *       the dead-letter topic</li>
 *   <li>{@value #SAMPLES_CLIPPED} counter [{@code genre_samples_clipped_total}]: float PCM samples beyond full scale
 *       clipped to [-1, 1]</li>
 *   <li>one counter per {@link Event} [{@code genre_duplicate_chunks_total} etc.]: what the sequencer and cutter
 *       dropped or skipped</li>
 *   <li>{@value #OPEN_STREAMS} gauge [{@code genre_streams_open}]: streams (tracks and live) open in the sequencers
 *       of this instance's tasks</li>
 * </ul>
 */
public final class PipelineMeters {

    /**
     * What the topology drops or skips, one counter each, summed over every task and thread of the instance. (They
     * were Kafka Streams task-level sensors until the Micrometer binder, which keeps only the client-id, topic and
     * node-id tags, showed one task's sensor of each, so most events read 0 on /prometheus.)
     */
    public enum Event {
        DUPLICATE_CHUNKS("Chunks dropped as duplicates"),
        LATE_CHUNKS("Chunks dropped because their stream had ended"),
        GAPS_SKIPPED("Sequence gaps skipped after the ordering grace or the held-chunk cap"),
        SEQUENCE_RESTARTS("Live streams whose producer restarted its numbering"),
        STREAMS_EVICTED("Streams ended to stay within the open-stream cap"),
        STREAMS_TIMED_OUT("Streams ended by the inactivity timeout"),
        SHORT_FINAL_SEGMENTS_DROPPED("Final pieces of tracks shorter than min-final-seconds, dropped");

        private final String description;

        Event(String description) {
            this.description = description;
        }

        /** The Micrometer name, e.g. {@code genre.duplicate.chunks} ({@code genre_duplicate_chunks_total}). */
        public String meterName() {
            return "genre." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '.');
        }
    }

    public static final String SEGMENTS_SCORED = "genre.segments.scored";
    public static final String BATCH_SIZE = "genre.scoring.batch.size";
    public static final String INFERENCE = "genre.scoring.inference";
    public static final String SEGMENT_LATENCY = "genre.segment.latency";
    public static final String BATCH_WAIT = "genre.scoring.batch.wait";
    public static final String DEAD_LETTERS = "genre.dead.letters";
    public static final String OPEN_STREAMS = "genre.streams.open";
    public static final String SAMPLES_CLIPPED = "genre.samples.clipped";
    public static final String CAUSE_TAG = "cause";

    private final Counter segmentsScored;
    private final Counter samplesClipped;
    private final DistributionSummary batchSize;
    private final Timer inference;
    private final Timer segmentLatency;
    private final Timer batchWait;
    private final Map<DeadLetterCause, Counter> deadLetters = new EnumMap<>(DeadLetterCause.class);
    private final Map<Event, Counter> events = new EnumMap<>(Event.class);
    /** Open streams per task id; tasks come and go with rebalances, so the gauge sums what the live ones report. */
    private final ConcurrentMap<String, Integer> openByTask = new ConcurrentHashMap<>();

    public PipelineMeters(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        segmentsScored = Counter.builder(SEGMENTS_SCORED).description("Segments scored by the models")
                .register(registry);
        samplesClipped = Counter.builder(SAMPLES_CLIPPED).description("Float PCM samples clipped to full scale")
                .register(registry);
        batchSize = DistributionSummary.builder(BATCH_SIZE).description("Segments per model call")
                .register(registry);
        inference = Timer.builder(INFERENCE).description("GRU and summary model time per batch")
                .register(registry);
        segmentLatency = Timer.builder(SEGMENT_LATENCY)
                .description("Time from a segment's last chunk produced to the segment scored").register(registry);
        batchWait = Timer.builder(BATCH_WAIT).description("Time a segment waited for its micro-batch")
                .register(registry);
        // every cause registered up front, so each series exists (at 0) before its first dead letter
        for (DeadLetterCause cause : DeadLetterCause.values()) {
            deadLetters.put(cause, Counter.builder(DEAD_LETTERS).description("Records sent to the dead-letter topic")
                    .tag(CAUSE_TAG, cause.name()).register(registry));
        }
        for (Event event : Event.values()) {
            events.put(event, Counter.builder(event.meterName()).description(event.description).register(registry));
        }
        Gauge.builder(OPEN_STREAMS, openByTask, m -> m.values().stream().mapToInt(Integer::intValue).sum())
                .description("Streams open in this instance's sequencers").register(registry);
    }

    /** A batch of {@code segments} went through the models in {@code nanos}. */
    void batchScored(int segments, long nanos) {
        batchSize.record(segments);
        inference.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        segmentsScored.increment(segments);
    }

    /**
     * A segment whose last chunk was produced at {@code producedAtMs} and that joined its batch at
     * {@code enqueuedAtMs} was scored at {@code scoredAtMs}.
     */
    void segmentScored(long producedAtMs, long enqueuedAtMs, long scoredAtMs) {
        // producer clocks may run ahead of ours: a negative latency is recorded as 0, not dropped
        segmentLatency.record(Math.max(0, scoredAtMs - producedAtMs), java.util.concurrent.TimeUnit.MILLISECONDS);
        batchWait.record(Math.max(0, scoredAtMs - enqueuedAtMs), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    void samplesClipped(int samples) {
        samplesClipped.increment(samples);
    }

    void count(Event event) {
        events.get(event).increment();
    }

    void deadLetter(DeadLetterCause cause) {
        deadLetters.get(cause).increment();
    }

    /** The sequencer of {@code taskId} has {@code open} streams open. */
    void openStreams(String taskId, int open) {
        openByTask.put(taskId, open);
    }

    /** The sequencer of {@code taskId} closed (task revoked or app stopping). */
    void taskClosed(String taskId) {
        openByTask.remove(taskId);
    }
}
