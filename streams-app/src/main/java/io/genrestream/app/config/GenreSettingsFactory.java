package io.genrestream.app.config;

import io.genrestream.app.topology.PipelineSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the topology's settings from {@code genre.*} (application.yml, system properties, or environment variables:
 * {@code GENRE_SEGMENT_HOP_SECONDS=1.5} sets {@code genre.segment.hop-seconds}). Unset values keep
 * {@link PipelineSettings.Builder}'s defaults, which application.yml repeats for documentation.
 */
@Factory
public class GenreSettingsFactory {

    public static final String MIN_SAMPLE_RATE = "genre.input.min-sample-rate";
    public static final String MAX_SAMPLE_RATE = "genre.input.max-sample-rate";
    public static final String MAX_CHUNK_BYTES = "genre.input.max-chunk-bytes";
    public static final String REORDER_GRACE = "genre.ordering.grace";
    public static final String MAX_HELD_CHUNKS = "genre.ordering.max-held-chunks";
    public static final String MAX_HELD_BYTES = "genre.ordering.max-held-bytes";
    public static final String INACTIVITY_TIMEOUT = "genre.tracks.inactivity-timeout";
    public static final String MAX_OPEN_TRACKS = "genre.tracks.max-open";
    public static final String FINISHED_RETENTION = "genre.tracks.finished-retention";
    public static final String PUNCTUATE_INTERVAL = "genre.tracks.check-interval";
    public static final String SEGMENT_SECONDS = "genre.segment.seconds";
    public static final String HOP_SECONDS = "genre.segment.hop-seconds";
    public static final String MIN_FINAL_SECONDS = "genre.segment.min-final-seconds";
    public static final String SUMMARY_WINDOW = "genre.segment.summary-window-seconds";
    public static final String HPSS_EVERY = "genre.features.hpss-every-segments";
    public static final String TEMPO_EVERY = "genre.features.tempo-every-segments";
    public static final String BATCH_SIZE = "genre.scoring.batch-size";
    public static final String BATCH_LINGER = "genre.scoring.linger";
    public static final String UNKNOWN_THRESHOLD = "genre.vote.unknown-threshold";
    public static final String LIVE_WINDOW = "genre.vote.live-window-seconds";
    public static final String CHANGE_STREAK = "genre.vote.change-streak";
    public static final String CHANGE_MIN_CONFIDENCE = "genre.vote.change-min-confidence";

    /** The settings of the topology. */
    @Singleton
    public PipelineSettings pipelineSettings(Environment env) {
        PipelineSettings.Builder b = PipelineSettings.builder();
        PipelineSettings defaults = b.build();
        b.optSampleRateRange(env.getProperty(MIN_SAMPLE_RATE, Integer.class).orElse(defaults.minSampleRate()),
                env.getProperty(MAX_SAMPLE_RATE, Integer.class).orElse(defaults.maxSampleRate()));
        set(env, MAX_CHUNK_BYTES, Integer.class, b::optMaxChunkBytes);
        set(env, REORDER_GRACE, Duration.class, b::optReorderGrace);
        set(env, MAX_HELD_CHUNKS, Integer.class, b::optMaxHeldChunks);
        set(env, MAX_HELD_BYTES, Long.class, b::optMaxHeldBytes);
        set(env, INACTIVITY_TIMEOUT, Duration.class, b::optInactivityTimeout);
        set(env, MAX_OPEN_TRACKS, Integer.class, b::optMaxOpenTracks);
        set(env, FINISHED_RETENTION, Duration.class, b::optFinishedRetention);
        set(env, PUNCTUATE_INTERVAL, Duration.class, b::optPunctuateInterval);
        set(env, SEGMENT_SECONDS, Double.class, b::optSegmentSeconds);
        set(env, HOP_SECONDS, Double.class, b::optHopSeconds);
        set(env, MIN_FINAL_SECONDS, Double.class, b::optMinFinalSegmentSeconds);
        set(env, SUMMARY_WINDOW, Double.class, b::optSummaryWindowSeconds);
        set(env, HPSS_EVERY, Integer.class, b::optHpssEverySegments);
        set(env, TEMPO_EVERY, Integer.class, b::optTempoEverySegments);
        set(env, BATCH_SIZE, Integer.class, b::optBatchSize);
        set(env, BATCH_LINGER, Duration.class, b::optBatchLinger);
        set(env, UNKNOWN_THRESHOLD, Double.class, b::optUnknownThreshold);
        set(env, LIVE_WINDOW, Double.class, b::optLiveWindowSeconds);
        set(env, CHANGE_STREAK, Integer.class, b::optChangeStreak);
        set(env, CHANGE_MIN_CONFIDENCE, Double.class, b::optChangeMinConfidence);
        return b.build();
    }

    private static <T> void set(Environment env, String name, Class<T> type, Consumer<T> setter) {
        Optional<T> value = env.getProperty(name, type);
        value.ifPresent(setter);
    }
}
