package io.genrestream.app.topology;

import io.genrestream.avro.DeadLetter;
import io.genrestream.avro.DeadLetterCause;
import io.genrestream.topics.TopicDescriptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Kafka Streams' processing exception handler (KIP-1033, config {@code processing.exception.handler}): an exception
 * thrown while a record is processed past validation (features, scoring, voting, or a punctuation of those) sends the
 * source record to {@code audio-dead-letters} as a {@link DeadLetter} with cause
 * {@link DeadLetterCause#PROCESSING_ERROR}, the exception and the original bytes, and processing resumes with the next
 * record. The dead letter goes out through Kafka Streams' own dead-letter records (KIP-1034,
 * {@link Response#resume(List)}), so under exactly-once it commits with the task's other outputs. Kafka Streams'
 * built-in dead-letter format (raw bytes plus headers, {@code errors.dead.letter.queue.topic.name}) is not used: every
 * dead letter of this topic, the validator's too, is one Avro {@link DeadLetter}.
 *
 * <p>Kafka Streams catches the exception at the processor that threw it, so the processors upstream keep what they
 * did with the record: the failed segment is missing from its track, which goes on with the rest (see README, "Dead
 * letters"). A segment the models fail on ({@link SegmentFailure}) may surface while another record is processed (a
 * batch filled by another stream's segment) or in a wall-clock punctuation (a batch flushed by its linger), where
 * Kafka Streams' context names another record or none: the dead letter then names the record that completed the
 * segment (topic, partition, offset, the stream id as key) without its bytes, which Kafka Streams hands the handler
 * only for the record being processed (they stay in {@code audio-chunks} for its retention). Only a segment restored
 * from the batch store after a restart has no known record: offset -1.
 *
 * <p>Kafka Streams creates the handler from its class name, so its collaborators arrive through the streams
 * configuration under {@link #TARGET_CONFIG} ({@link GenreTopology#handlerConfig()}).
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    /** Streams-config key of the {@link Target} (an object, not a string). */
    public static final String TARGET_CONFIG = "genre.dead-letters.target";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    /** Where dead letters go and what counts them. */
    record Target(String sourceTopic, TopicDescriptor<String, DeadLetter> topic, PipelineMeters meters) {
    }

    private Target target;

    @Override
    public void configure(Map<String, ?> configs) {
        if (!(configs.get(TARGET_CONFIG) instanceof Target t)) {
            throw new ConfigException(TARGET_CONFIG, configs.get(TARGET_CONFIG), getClass().getSimpleName()
                    + " needs the dead-letter target the topology puts in the streams configuration"
                    + " (GenreTopology.handlerConfig())");
        }
        target = t;
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        String streamId = record == null || record.key() == null ? null : record.key().toString();
        String what = record == null ? "a wall-clock punctuation"
                : (record.value() == null ? "a null value" : record.value().getClass().getSimpleName())
                + " of stream " + streamId;
        StringBuilder reason = new StringBuilder("processing failed in ").append(context.processorNodeId())
                .append(" on ").append(what).append(": ").append(exception);
        for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
            reason.append("; caused by ").append(cause);
        }
        DeadLetter letter;
        byte[] key;
        if (exception instanceof SegmentFailure f && f.source() != null && !f.source().isAt(context)) {
            streamId = f.streamId();
            key = serializedKey(streamId);
            letter = DeadLetters.of(f.source().topic(), f.source().partition(), f.source().offset(), key,
                    DeadLetterCause.PROCESSING_ERROR, reason.toString(), exception, null, System.currentTimeMillis());
        } else {
            key = context.sourceRawKey() != null ? context.sourceRawKey() : serializedKey(streamId);
            letter = DeadLetters.of(context.topic() == null ? target.sourceTopic() : context.topic(),
                    context.partition(), context.offset(), key, DeadLetterCause.PROCESSING_ERROR, reason.toString(),
                    exception, context.sourceRawValue(), System.currentTimeMillis());
        }
        LOG.warn("Dead-lettering record {}-{}@{} (stream {}): {}", letter.getSourceTopic(), letter.getPartition(),
                letter.getOffset(), streamId, reason, exception);
        // a registry that cannot be reached throws here: the handler fails, the thread is replaced and the record
        // retried, rather than lost
        byte[] value = target.topic().valueSerde().serializer().serialize(target.topic().name(), letter);
        target.meters().deadLetter(DeadLetterCause.PROCESSING_ERROR);
        Long timestamp = context.timestamp() >= 0 ? context.timestamp() : null;
        return Response.resume(List.of(new ProducerRecord<>(target.topic().name(), null, timestamp, key, value)));
    }

    private byte[] serializedKey(String streamId) {
        return streamId == null ? null : target.topic().keySerde().serializer().serialize(target.topic().name(),
                streamId);
    }
}
