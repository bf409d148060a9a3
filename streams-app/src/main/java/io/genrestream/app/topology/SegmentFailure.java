package io.genrestream.app.topology;

import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * The models failed on one segment. It names the input record that completed the segment, so that
 * {@link DeadLetterProcessingHandler} can dead-letter that record even when the failure surfaces while another
 * record is processed (a batch filled by another stream's segment) or in a wall-clock punctuation (a batch flushed
 * by its linger), where Kafka Streams' context names another record or none.
 */
final class SegmentFailure extends IllegalStateException {

    /** Where a record was read: the source topic, partition and offset of {@code ProcessorContext.recordMetadata()}. */
    record Source(String topic, int partition, long offset) {

        /** Whether Kafka Streams' error context is at this record (then it also has the record's bytes). */
        boolean isAt(ErrorHandlerContext context) {
            return offset == context.offset() && partition == context.partition() && topic.equals(context.topic());
        }
    }

    private final transient Source source;
    private final String streamId;

    /**
     * @param source the record that completed the segment, or null when unknown (a segment restored from the batch
     *               store after a restart)
     */
    SegmentFailure(String message, Throwable cause, String streamId, Source source) {
        super(message, cause);
        this.streamId = streamId;
        this.source = source;
    }

    Source source() {
        return source;
    }

    String streamId() {
        return streamId;
    }
}
