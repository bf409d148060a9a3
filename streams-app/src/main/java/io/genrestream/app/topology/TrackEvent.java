package io.genrestream.app.topology;

import io.genrestream.app.state.BatchedSegment;
import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.FinishReason;
import io.genrestream.avro.SegmentScore;
import io.genrestream.avro.SourceMetadata;
import io.genrestream.vote.SegmentVote;

/**
 * What the processors of {@link GenreTopology} hand each other, keyed by stream id. These values never leave the
 * sub-topology (no repartition), so they need no serde.
 */
public sealed interface TrackEvent {

    /** A chunk in sequence order (sequencer to segmenter). */
    record OrderedChunk(AudioChunk chunk) implements TrackEvent {
    }

    /**
     * The sequencer gave up waiting for missing chunks and skipped them (rule documented in {@link ChunkSequencer}):
     * the segmenter drops its unfinished tail and advances the stream position by {@code skippedFrames}.
     */
    record GapSkipped(long missingChunks, long skippedFrames) implements TrackEvent {
    }

    /**
     * The stream ended: the end marker was reached in order, or it was inactive too long (or evicted by the cap on
     * open streams). Travels through every processor, which each flush and drop the stream's state.
     *
     * @param kind            TRACK or LIVE
     * @param durationSeconds audio received, set by the segmenter (0 before)
     */
    record StreamEnd(String kind, FinishReason reason, long firstChunkAtMs, SourceMetadata source,
                     double durationSeconds) implements TrackEvent {

        /** Same end with the duration the segmenter measured. */
        public StreamEnd withDuration(double seconds) {
            return new StreamEnd(kind, reason, firstChunkAtMs, source, seconds);
        }
    }

    /** A cut segment at the model sample rate, positions in model-rate samples (segmenter to feature extractor). */
    record Segment(String kind, int index, long startSample, long endSample, float[] samples,
                   long lastChunkProducedAtMs) implements TrackEvent {
    }

    /** A segment with its model inputs (feature extractor to scorer). */
    record Featured(BatchedSegment segment) implements TrackEvent {
    }

    /** A scored segment and its vote (scorer to voter, and to topic segment-scores). */
    record Scored(String kind, SegmentScore score, SegmentVote vote) implements TrackEvent {
    }
}
