package io.genrestream.app.topology;

import io.genrestream.app.state.OrderState;
import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.DeadLetter;
import io.genrestream.avro.DeadLetterCause;
import io.genrestream.serde.SchemaRegistryException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * First processor: decodes the raw {@code audio-chunks} record (key: the stream id as UTF-8 or as a Confluent-framed
 * Avro string; value: the topic's serde) and checks it
 * ({@link ChunkRules}); forwards either the {@link AudioChunk} keyed by stream id, or a {@link DeadLetter} with the
 * source coordinates, the reason and the original bytes. Bad input never stops the app; only a registry that cannot be
 * reached (not an unknown id) is rethrown, because dead-lettering good records during an outage would lose them.
 *
 * <p>Reads (never writes) the sequencer's store to reject a chunk whose format differs from its stream's.
 */
final class ChunkValidator extends ContextualProcessor<byte[], byte[], String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkValidator.class);

    private final Deserializer<String> keys;
    private final Deserializer<AudioChunk> deserializer;
    private final ChunkRules rules;
    private KeyValueStore<String, OrderState> orderStore;

    private final PipelineMeters meters;

    /**
     * @param keys         reads the record key (the stream id): plain UTF-8 or a Confluent-framed Avro string
     * @param deserializer reads the record value
     */
    ChunkValidator(Deserializer<String> keys, Deserializer<AudioChunk> deserializer, PipelineSettings settings,
                   PipelineMeters meters) {
        this.keys = keys;
        this.deserializer = deserializer;
        this.meters = meters;
        this.rules = new ChunkRules(settings);
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        super.init(context);
        orderStore = context.getStateStore(GenreTopology.ORDER_STORE);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        // the raw key as text, for the log and the dead letter, until the key is read
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        String topic = context().recordMetadata().map(RecordMetadata::topic).orElse(GenreTopology.SOURCE);
        if (record.value() == null || record.value().length == 0) {
            reject(record, key, DeadLetterCause.EMPTY_CHUNK, "record has no value", null);
            return;
        }
        AudioChunk chunk;
        try {
            key = keys.deserialize(topic, record.key());
            chunk = deserializer.deserialize(topic, record.value());
        } catch (SerializationException e) {
            if (isRegistryOutage(e)) {
                throw e;
            }
            DeadLetterCause cause = isUnknownSchemaId(e) ? DeadLetterCause.UNKNOWN_SCHEMA_ID : DeadLetterCause.BAD_AVRO;
            reject(record, key, cause, e.getMessage(), e);
            return;
        } catch (RuntimeException e) {
            reject(record, key, DeadLetterCause.BAD_AVRO, "cannot decode the Avro record: " + e, e);
            return;
        }
        OrderState locked = chunk.getStreamId() == null ? null : orderStore.get(chunk.getStreamId());
        Optional<ChunkRules.Violation> violation = rules.check(key, chunk, locked);
        if (violation.isPresent()) {
            reject(record, key, violation.get().cause(), violation.get().reason(), null);
            return;
        }
        context().forward(record.withKey(chunk.getStreamId()).withValue(chunk));
    }

    private void reject(Record<byte[], byte[]> record, String key, DeadLetterCause cause, String reason,
                        Exception error) {
        Optional<RecordMetadata> meta = context().recordMetadata();
        DeadLetter letter = DeadLetters.of(meta.map(RecordMetadata::topic).orElse(GenreTopology.SOURCE),
                meta.map(RecordMetadata::partition).orElse(-1), meta.map(RecordMetadata::offset).orElse(-1L),
                record.key(), cause, reason, error, record.value(), context().currentSystemTimeMs());
        LOG.warn("Dead-lettering record {}-{}@{} (key {}): {} {}", letter.getSourceTopic(), letter.getPartition(),
                letter.getOffset(), key, cause, letter.getReason());
        meters.deadLetter(cause);
        context().forward(record.withKey(key).withValue(letter));
    }

    private static boolean isUnknownSchemaId(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryException r && r.isNotFound()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRegistryOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryException r) {
                return !r.isNotFound();
            }
        }
        return false;
    }
}
