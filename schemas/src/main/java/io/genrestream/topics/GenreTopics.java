package io.genrestream.topics;

import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.DeadLetter;
import io.genrestream.avro.GenreChange;
import io.genrestream.avro.SegmentScore;
import io.genrestream.avro.StreamGenre;
import io.genrestream.avro.TrackGenre;
import io.genrestream.serde.AvroSerdeConfig;
import io.genrestream.serde.ConfluentAvroDeserializer;
import io.genrestream.serde.SerdeFactory;
import io.genrestream.serde.StreamIdDeserializer;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place declaring Genre Stream's topics. Keys are String stream/track ids; values are the Avro records of
 * {@code io.genrestream.avro}, with serdes made by {@link SerdeFactory} (so {@code genre.serde.class} and the
 * registry keys of the same configuration map apply).
 *
 * <p>Every topic is identified by its default name (e.g. {@value #AUDIO_CHUNKS}); settings can be overridden per
 * topic with {@code genre.topics.<id>.name}, {@code genre.topics.<id>.partitions},
 * {@code genre.topics.<id>.replication.factor} and {@code genre.topics.<id>.config.<topic-config>} (e.g.
 * {@code genre.topics.audio-chunks.config.retention.ms}), and for all topics with {@value #PARTITIONS} and
 * {@value #REPLICATION_FACTOR}.
 */
public final class GenreTopics {

    public static final String AUDIO_CHUNKS = "audio-chunks";
    public static final String SEGMENT_SCORES = "segment-scores";
    public static final String TRACK_GENRES = "track-genres";
    public static final String STREAM_GENRES = "stream-genres";
    public static final String GENRE_CHANGES = "genre-changes";
    public static final String DEAD_LETTERS = "audio-dead-letters";

    /** Prefix of every topic setting. */
    public static final String PREFIX = "genre.topics.";
    /** Partition count of every topic unless overridden per topic. */
    public static final String PARTITIONS = PREFIX + "partitions";
    /** Replication factor of every topic unless overridden per topic. */
    public static final String REPLICATION_FACTOR = PREFIX + "replication.factor";
    public static final int DEFAULT_PARTITIONS = 3;
    /** 1 suits a single local broker; production clusters set {@value #REPLICATION_FACTOR} to 3. */
    public static final short DEFAULT_REPLICATION_FACTOR = 1;

    /** Raw audio is only needed until it is scored. */
    public static final Duration AUDIO_RETENTION = Duration.ofDays(1);
    public static final Duration SCORE_RETENTION = Duration.ofDays(7);
    public static final Duration CHANGE_RETENTION = Duration.ofDays(30);
    /** Rejected input is kept long enough to investigate and replay it. */
    public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);

    private final TopicDescriptor<String, AudioChunk> audioChunks;
    private final TopicDescriptor<String, SegmentScore> segmentScores;
    private final TopicDescriptor<String, TrackGenre> trackGenres;
    private final TopicDescriptor<String, StreamGenre> streamGenres;
    private final TopicDescriptor<String, GenreChange> genreChanges;
    private final TopicDescriptor<String, DeadLetter> deadLetters;
    private final StreamIdDeserializer streamIds;

    /**
     * Builds the descriptors from {@code config}: topic overrides plus the serde settings
     * ({@code schema.registry.url}, {@code genre.serde.class}, ...).
     */
    public GenreTopics(Map<String, ?> config) {
        List<TopicSpec> specs = specs(config);
        SerdeFactory serdes = new SerdeFactory(config);
        audioChunks = descriptor(specs.get(0), serdes);
        segmentScores = descriptor(specs.get(1), serdes);
        trackGenres = descriptor(specs.get(2), serdes);
        streamGenres = descriptor(specs.get(3), serdes);
        genreChanges = descriptor(specs.get(4), serdes);
        deadLetters = descriptor(specs.get(5), serdes);
        // framed keys are read as generic Avro (an Avro string), whatever genre.serde.class reads values into
        Map<String, Object> generic = new HashMap<>(config);
        generic.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, false);
        ConfluentAvroDeserializer<Object> framedKeys = new ConfluentAvroDeserializer<>();
        framedKeys.configure(generic, true);
        streamIds = new StreamIdDeserializer(framedKeys);
    }

    /**
     * The reader of {@code audio-chunks} record keys: a stream id as plain UTF-8 or as a Confluent-framed Avro
     * string ({@link StreamIdDeserializer}).
     */
    public StreamIdDeserializer streamIds() {
        return streamIds;
    }

    /**
     * The topic specs alone, in a fixed order (audio chunks, segment scores, track genres, stream genres, genre
     * changes, dead letters); needs no registry settings, e.g. for creating topics.
     */
    public static List<TopicSpec> specs(Map<String, ?> config) {
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        return List.of(
                spec(config, AUDIO_CHUNKS, retention(AUDIO_RETENTION)),
                spec(config, SEGMENT_SCORES, retention(SCORE_RETENTION)),
                spec(config, TRACK_GENRES, compacted),
                spec(config, STREAM_GENRES, compacted),
                spec(config, GENRE_CHANGES, retention(CHANGE_RETENTION)),
                spec(config, DEAD_LETTERS, retention(DEAD_LETTER_RETENTION)));
    }

    /** PCM chunks from producers, keyed by stream id. */
    public TopicDescriptor<String, AudioChunk> audioChunks() {
        return audioChunks;
    }

    /** Per-segment model scores, keyed by track id. */
    public TopicDescriptor<String, SegmentScore> segmentScores() {
        return segmentScores;
    }

    /** Final verdicts of finished tracks, compacted by track id. */
    public TopicDescriptor<String, TrackGenre> trackGenres() {
        return trackGenres;
    }

    /** Rolling verdicts of live streams, compacted by stream id. */
    public TopicDescriptor<String, StreamGenre> streamGenres() {
        return streamGenres;
    }

    /** Genre change events of live streams, keyed by stream id. */
    public TopicDescriptor<String, GenreChange> genreChanges() {
        return genreChanges;
    }

    /** Rejected audio chunks with the reason, keyed by the original key. */
    public TopicDescriptor<String, DeadLetter> deadLetters() {
        return deadLetters;
    }

    /** Specs of all topics, in the order of {@link #specs(Map)}. */
    public List<TopicSpec> specs() {
        return List.of(audioChunks.spec(), segmentScores.spec(), trackGenres.spec(), streamGenres.spec(), genreChanges.spec(),
                deadLetters.spec());
    }

    private static <V> TopicDescriptor<String, V> descriptor(TopicSpec spec, SerdeFactory serdes) {
        Serde<V> valueSerde = serdes.create(false);
        return new TopicDescriptor<>(spec, Serdes.String(), valueSerde);
    }

    private static Map<String, String> retention(Duration retention) {
        return Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
    }

    private static TopicSpec spec(Map<String, ?> config, String id, Map<String, String> defaultConfigs) {
        String prefix = PREFIX + id + ".";
        String name = text(config, prefix + "name", id);
        int partitions = positive(config, prefix + "partitions", positive(config, PARTITIONS, DEFAULT_PARTITIONS));
        int replication = positive(config, prefix + "replication.factor", positive(config, REPLICATION_FACTOR, DEFAULT_REPLICATION_FACTOR));
        if (replication > Short.MAX_VALUE) {
            throw new ConfigException(prefix + "replication.factor", replication, "too large");
        }
        Map<String, String> topicConfigs = new HashMap<>(defaultConfigs);
        String configPrefix = prefix + "config.";
        config.forEach((key, value) -> {
            if (key.startsWith(configPrefix) && value != null) {
                topicConfigs.put(key.substring(configPrefix.length()), value.toString());
            }
        });
        return new TopicSpec(name, partitions, (short) replication, topicConfigs);
    }

    private static String text(Map<String, ?> config, String key, String defaultValue) {
        Object value = config.get(key);
        return value == null || value.toString().isBlank() ? defaultValue : value.toString().trim();
    }

    private static int positive(Map<String, ?> config, String key, int defaultValue) {
        Object value = config.get(key);
        if (value == null || value.toString().isBlank()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.toString().trim());
            if (parsed < 1) {
                throw new ConfigException(key, value, "must be at least 1");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "not an integer");
        }
    }
}
