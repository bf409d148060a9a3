package io.genrestream.app.topology;

import io.genrestream.app.state.OrderState;
import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.DeadLetterCause;
import io.genrestream.avro.SampleFormat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The checks a decoded chunk must pass before it enters a stream; pure. A failed check names the dead-letter cause
 * and a message saying what is wrong.
 */
public final class ChunkRules {

    /** Most interleaved channels accepted (7.1 surround). */
    public static final int MAX_CHANNELS = 8;

    /** A failed check. */
    public record Violation(DeadLetterCause cause, String reason) {
    }

    private final PipelineSettings settings;

    public ChunkRules(PipelineSettings settings) {
        this.settings = settings;
    }

    /** Bytes of one sample of {@code format}. */
    public static int bytesPerSample(SampleFormat format) {
        return format == SampleFormat.PCM_F32LE ? Float.BYTES : Short.BYTES;
    }

    /**
     * Checks {@code chunk}; {@code key} is the record key as a string (null when absent: rejected), {@code locked} the stream's
     * sequencer state (null for a new stream) whose format later chunks must keep.
     */
    public Optional<Violation> check(String key, AudioChunk chunk, OrderState locked) {
        String id = chunk.getStreamId();
        if (id == null || id.isBlank()) {
            return violation(DeadLetterCause.OTHER, "chunk has an empty streamId");
        }
        if (key == null) {
            return violation(DeadLetterCause.OTHER, "record has no key: chunks must be keyed by streamId '" + id
                    + "' to be ordered on one partition");
        }
        if (!key.equals(id)) {
            return violation(DeadLetterCause.OTHER, "record key '" + key + "' differs from streamId '" + id
                    + "': chunks of one stream must share a key to be ordered on one partition");
        }
        if (chunk.getSequence() < 0) {
            return violation(DeadLetterCause.OTHER, "negative sequence number " + chunk.getSequence());
        }
        if (chunk.getEndOfTrack() && !chunk.getPcm().hasRemaining()) {
            // an end marker without audio: its format fields describe nothing, so they are not checked (against the
            // stream's or at all) and the track gets its end whatever they say
            return Optional.empty();
        }
        int rate = chunk.getSampleRate();
        if (rate < settings.minSampleRate() || rate > settings.maxSampleRate()) {
            return violation(DeadLetterCause.UNSUPPORTED_SAMPLE_RATE, "sample rate " + rate + " Hz outside the accepted "
                    + settings.minSampleRate() + ".." + settings.maxSampleRate() + " Hz");
        }
        if (chunk.getChannels() < 1 || chunk.getChannels() > MAX_CHANNELS) {
            return violation(DeadLetterCause.UNSUPPORTED_FORMAT, chunk.getChannels() + " channels; 1.." + MAX_CHANNELS
                    + " are accepted");
        }
        if (locked != null && !locked.getFinished() && (locked.getSampleRate() != rate
                || locked.getChannels() != chunk.getChannels()
                || !locked.getSampleFormat().equals(chunk.getSampleFormat().name()))) {
            return violation(DeadLetterCause.UNSUPPORTED_FORMAT, "format changed mid-stream: stream started as "
                    + locked.getSampleRate() + " Hz/" + locked.getChannels() + " ch/" + locked.getSampleFormat()
                    + ", chunk " + chunk.getSequence() + " is " + rate + " Hz/" + chunk.getChannels() + " ch/"
                    + chunk.getSampleFormat());
        }
        ByteBuffer pcm = chunk.getPcm();
        int bytes = pcm.remaining();
        if (bytes > settings.maxChunkBytes()) {
            return violation(DeadLetterCause.OVERSIZED_CHUNK, bytes + " PCM bytes, more than the "
                    + settings.maxChunkBytes() + " accepted per chunk");
        }
        if (bytes == 0 && !chunk.getEndOfTrack()) {
            return violation(DeadLetterCause.EMPTY_CHUNK, "no PCM bytes and not an end-of-track marker");
        }
        int frameBytes = bytesPerSample(chunk.getSampleFormat()) * chunk.getChannels();
        if (bytes % frameBytes != 0) {
            return violation(DeadLetterCause.ODD_BYTE_COUNT, bytes + " PCM bytes are not a whole number of "
                    + frameBytes + "-byte frames (" + chunk.getSampleFormat() + ", " + chunk.getChannels() + " ch)");
        }
        if (chunk.getSampleFormat() == SampleFormat.PCM_F32LE) {
            ByteBuffer floats = pcm.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; floats.remaining() >= Float.BYTES; i++) {
                float x = floats.getFloat();
                if (!Float.isFinite(x)) {
                    return violation(DeadLetterCause.NON_FINITE_SAMPLES, "sample " + i + " is " + x);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Violation> violation(DeadLetterCause cause, String reason) {
        return Optional.of(new Violation(cause, reason));
    }
}
