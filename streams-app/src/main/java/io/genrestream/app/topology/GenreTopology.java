package io.genrestream.app.topology;

import io.genrestream.app.scoring.SegmentModels;
import io.genrestream.app.state.AudioBlock;
import io.genrestream.app.state.AvroStateSerde;
import io.genrestream.app.state.BatchedSegment;
import io.genrestream.app.state.OrderState;
import io.genrestream.app.state.SegmenterState;
import io.genrestream.app.state.StatisticsRing;
import io.genrestream.app.state.StoredVote;
import io.genrestream.app.state.VoteState;
import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.DeadLetter;
import io.genrestream.avro.GenreChange;
import io.genrestream.avro.StreamGenre;
import io.genrestream.avro.TrackGenre;
import io.genrestream.features.FeatureExtractor;
import io.genrestream.topics.GenreTopics;
import io.genrestream.topics.TopicDescriptor;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.Map;
import java.util.Objects;

/**
 * The whole Genre Stream topology, one sub-topology keyed by stream id (no repartition):
 * <pre>
 * audio-chunks (bytes) ─ validate-chunks ─┬─ dead letters ──────────────────────────────────▶ audio-dead-letters
 *   [reads chunk-order]                   └─ chunks ─ order-chunks ─ cut-segments ─ extract-features ─ score-segments ─┬─▶ segment-scores
 *                      [chunk-order, held-chunks] [segment-tails,  [segment-statistics] [scoring-batch]                   └─ vote ─┬─▶ track-genres
 *                                                  segment-audio]                                     [track-votes, segment-votes]    ├─▶ stream-genres
 *                                                                                                                                └─▶ genre-changes
 * </pre>
 * Every processor, store and branch name is a constant here, shared with the tests. An exception past validation
 * dead-letters its record through {@link DeadLetterProcessingHandler} (see {@link #handlerConfig()}). All stores are persistent
 * (RocksDB) and changelogged. What each processor stores per stream, and its size, is documented on the processor.
 */
public final class GenreTopology {

    public static final String SOURCE = "audio-chunks-source";
    public static final String VALIDATE = "validate-chunks";
    public static final String VALIDATED = "validated-";
    public static final String DEAD_LETTER_BRANCH = "dead-letters";
    public static final String CHUNK_BRANCH = "chunks";
    public static final String AS_DEAD_LETTER = "as-dead-letter";
    public static final String AS_CHUNK = "as-chunk";
    public static final String DEAD_LETTER_SINK = "audio-dead-letters-sink";
    public static final String SEQUENCE = "order-chunks";
    public static final String CUT = "cut-segments";
    public static final String FEATURES = "extract-features";
    public static final String SCORE = "score-segments";
    public static final String ONLY_SCORES = "only-scores";
    public static final String AS_SCORE = "as-segment-score";
    public static final String SCORE_SINK = "segment-scores-sink";
    public static final String VOTE = "vote";
    public static final String VERDICTS = "verdicts-";
    public static final String TRACK_BRANCH = "track";
    public static final String STREAM_BRANCH = "stream";
    public static final String CHANGE_BRANCH = "change";
    public static final String TRACK_SINK = "track-genres-sink";
    public static final String STREAM_SINK = "stream-genres-sink";
    public static final String CHANGE_SINK = "genre-changes-sink";

    /** {@link ChunkSequencer}: per-stream {@link OrderState}; also read by the validator. */
    public static final String ORDER_STORE = "chunk-order";
    /** {@link ChunkSequencer}: out-of-order chunks, key stream id + sequence. */
    public static final String HELD_STORE = "held-chunks";
    /** {@link SegmentCutter}: per-stream {@link SegmenterState} (positions). */
    public static final String SEGMENT_STORE = "segment-tails";
    /** {@link SegmentCutter}: audio not yet cut, one {@link AudioBlock} per chunk, key stream id + position. */
    public static final String AUDIO_STORE = "segment-audio";
    /** {@link FeatureStage}: per-stream {@link StatisticsRing}. */
    public static final String STATISTICS_STORE = "segment-statistics";
    /** {@link SegmentScoring}: segments waiting for their micro-batch. */
    public static final String BATCH_STORE = "scoring-batch";
    /** {@link TrackVoting}: per-stream {@link VoteState}. */
    public static final String VOTE_STATE_STORE = "track-votes";
    /** {@link TrackVoting}: segment votes, key stream id + segment index. */
    public static final String VOTES_STORE = "segment-votes";

    private final PipelineSettings settings;
    private final GenreTopics topics;
    private final SegmentModels models;
    private final FeatureExtractor extractor;
    private final FeatureExtractor withoutHpss;
    private final PipelineMeters meters;

    /**
     * @param settings  tunables
     * @param topics    topic names and serdes
     * @param models    the scoring models (labels, priors, voter, per-thread predictors)
     * @param extractor the feature extractor; its configuration fixes the model sample rate and segment length
     * @param meters    the Micrometer meters the processors record into
     */
    public GenreTopology(PipelineSettings settings, GenreTopics topics, SegmentModels models,
                         FeatureExtractor extractor, PipelineMeters meters) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.models = Objects.requireNonNull(models, "models");
        this.extractor = Objects.requireNonNull(extractor, "extractor");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.withoutHpss = extractor.toBuilder().optHarmonicPercussive(false).build();
        if (Math.abs(extractor.config().segmentSeconds() - settings.segmentSeconds()) > 1e-9) {
            throw new IllegalArgumentException("segment length " + settings.segmentSeconds() + " s differs from the"
                    + " feature configuration's " + extractor.config().segmentSeconds() + " s the models expect");
        }
    }

    /** Adds the topology to {@code builder}; returns the source stream. */
    public KStream<byte[], byte[]> build(StreamsBuilder builder) {
        addStores(builder);
        KStream<byte[], byte[]> raw = builder.stream(topics.audioChunks().name(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(SOURCE));

        Map<String, KStream<String, SpecificRecord>> checked = raw
                .process(() -> new ChunkValidator(topics.streamIds(), topics.audioChunks().valueSerde().deserializer(),
                        settings, meters), Named.as(VALIDATE), ORDER_STORE)
                .split(Named.as(VALIDATED))
                .branch((k, v) -> v instanceof DeadLetter, Branched.as(DEAD_LETTER_BRANCH))
                .defaultBranch(Branched.as(CHUNK_BRANCH));
        to(checked.get(VALIDATED + DEAD_LETTER_BRANCH).mapValues(v -> (DeadLetter) v, Named.as(AS_DEAD_LETTER)),
                topics.deadLetters(), DEAD_LETTER_SINK);

        KStream<String, TrackEvent> scored = checked.get(VALIDATED + CHUNK_BRANCH)
                .mapValues(v -> (AudioChunk) v, Named.as(AS_CHUNK))
                .process(() -> new ChunkSequencer(settings, meters), Named.as(SEQUENCE), ORDER_STORE, HELD_STORE)
                .process(() -> new SegmentCutter(settings, extractor.config(), meters), Named.as(CUT), SEGMENT_STORE,
                        AUDIO_STORE)
                .process(() -> new FeatureStage(settings, extractor, withoutHpss), Named.as(FEATURES), STATISTICS_STORE)
                .process(() -> new SegmentScoring(settings, models, extractor.config().sampleRate(), meters),
                        Named.as(SCORE), BATCH_STORE);
        to(scored.filter((k, v) -> v instanceof TrackEvent.Scored, Named.as(ONLY_SCORES))
                        .mapValues(v -> ((TrackEvent.Scored) v).score(), Named.as(AS_SCORE)),
                topics.segmentScores(), SCORE_SINK);

        Map<String, KStream<String, SpecificRecord>> verdicts = scored
                .process(() -> new TrackVoting(settings, models), Named.as(VOTE), VOTE_STATE_STORE, VOTES_STORE)
                .split(Named.as(VERDICTS))
                .branch((k, v) -> v instanceof TrackGenre, Branched.as(TRACK_BRANCH))
                .branch((k, v) -> v instanceof StreamGenre, Branched.as(STREAM_BRANCH))
                .branch((k, v) -> v instanceof GenreChange, Branched.as(CHANGE_BRANCH))
                .noDefaultBranch();
        to(verdicts.get(VERDICTS + TRACK_BRANCH).mapValues(v -> (TrackGenre) v, Named.as("as-track-genre")),
                topics.trackGenres(), TRACK_SINK);
        to(verdicts.get(VERDICTS + STREAM_BRANCH).mapValues(v -> (StreamGenre) v, Named.as("as-stream-genre")),
                topics.streamGenres(), STREAM_SINK);
        to(verdicts.get(VERDICTS + CHANGE_BRANCH).mapValues(v -> (GenreChange) v, Named.as("as-genre-change")),
                topics.genreChanges(), CHANGE_SINK);
        return raw;
    }

    /**
     * Entries the streams configuration needs besides application.yml's: the collaborators of
     * {@link DeadLetterProcessingHandler}, which Kafka Streams creates from its class name.
     */
    public Map<String, Object> handlerConfig() {
        return Map.of(DeadLetterProcessingHandler.TARGET_CONFIG,
                new DeadLetterProcessingHandler.Target(topics.audioChunks().name(), topics.deadLetters(), meters));
    }

    private static <V> void to(KStream<String, V> stream, TopicDescriptor<String, V> topic, String sinkName) {
        stream.to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde()).withName(sinkName));
    }

    private static void addStores(StreamsBuilder builder) {
        builder.addStateStore(store(ORDER_STORE, AvroStateSerde.of(OrderState.class)));
        builder.addStateStore(store(HELD_STORE, AvroStateSerde.of(AudioChunk.class)));
        builder.addStateStore(store(SEGMENT_STORE, AvroStateSerde.of(SegmenterState.class)));
        builder.addStateStore(store(AUDIO_STORE, AvroStateSerde.of(AudioBlock.class)));
        builder.addStateStore(store(STATISTICS_STORE, AvroStateSerde.of(StatisticsRing.class)));
        builder.addStateStore(store(BATCH_STORE, AvroStateSerde.of(BatchedSegment.class)));
        builder.addStateStore(store(VOTE_STATE_STORE, AvroStateSerde.of(VoteState.class)));
        builder.addStateStore(store(VOTES_STORE, AvroStateSerde.of(StoredVote.class)));
    }

    /** A persistent, changelogged key-value store with String keys (logging is on by default). */
    private static <V> StoreBuilder<?> store(String name, Serde<V> valueSerde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde);
    }
}
