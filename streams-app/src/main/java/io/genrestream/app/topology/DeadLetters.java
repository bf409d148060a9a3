package io.genrestream.app.topology;

import io.genrestream.avro.DeadLetter;
import io.genrestream.avro.DeadLetterCause;

import java.nio.ByteBuffer;
import java.time.Instant;

/** Builds the {@link DeadLetter} record of {@code audio-dead-letters}, for the validator and the error handler. */
final class DeadLetters {

    private DeadLetters() {
    }

    /**
     * @param key      the rejected record's key exactly as received, or null
     * @param original the rejected record's value exactly as received (empty when there is none)
     * @param error    the exception that rejected it, or null
     */
    static DeadLetter of(String sourceTopic, int partition, long offset, byte[] key, DeadLetterCause cause,
                         String reason, Throwable error, byte[] original, long atMs) {
        return DeadLetter.newBuilder()
                .setSourceTopic(sourceTopic)
                .setPartition(partition)
                .setOffset(offset)
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setReason(reason == null ? cause.name() : reason)
                .setCause(cause)
                .setErrorClass(error == null ? null : error.getClass().getName())
                .setOriginal(ByteBuffer.wrap(original == null ? new byte[0] : original))
                .setAtMs(Instant.ofEpochMilli(atMs))
                .build();
    }
}
