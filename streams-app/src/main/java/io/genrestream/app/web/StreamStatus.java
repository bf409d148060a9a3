package io.genrestream.app.web;

import io.genrestream.avro.StreamGenre;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;
import java.util.TreeMap;

/**
 * The current rolling verdict of one live stream.
 *
 * @param streamId           id of the live stream
 * @param genre              genre winning the current window (or {@code unknown})
 * @param confidence         calibrated confidence of the genre over the window, 0 to 1
 * @param votes              segment votes per genre in the window
 * @param segmentCount       segments in the window
 * @param windowStartSeconds stream position where the window starts
 * @param windowEndSeconds   stream position where the window ends
 * @param bundleVersion      model bundle that scored the segments
 * @param updatedAtMs        when this verdict was made (epoch ms)
 * @param changes            genre changes seen by this server for the stream
 * @param lastChange         the latest genre change seen, if any
 * @param novelty            the window's mean distance to the bundle's training data (beyond its threshold the genre
 *                           is {@code unknown}, e.g. speech or noise); null when not measured
 */
@Serdeable
public record StreamStatus(String streamId, String genre, double confidence, Map<String, Integer> votes,
                           int segmentCount, double windowStartSeconds, double windowEndSeconds,
                           String bundleVersion, long updatedAtMs, int changes, @Nullable GenreChangeView lastChange,
                           @Nullable Double novelty) {

    /** The status after rolling verdict {@code g}, keeping what is known of the stream's changes. */
    static StreamStatus of(StreamGenre g, int changes, @Nullable GenreChangeView lastChange) {
        return new StreamStatus(g.getStreamId(), g.getGenre(), g.getConfidence(), new TreeMap<>(g.getVotes()),
                g.getSegmentCount(), g.getWindowStartSeconds(), g.getWindowEndSeconds(), g.getBundleVersion(),
                g.getAtMs().toEpochMilli(), changes, lastChange, g.getNovelty());
    }

    /**
     * The status after genre change {@code c}: counted and kept as the last change; it also sets the current genre
     * unless a newer rolling verdict was already read (changes and verdicts come from different topics, so their
     * relative order is not guaranteed).
     */
    StreamStatus withChange(GenreChangeView c) {
        if (c.atMs() < updatedAtMs) {
            return new StreamStatus(streamId, genre, confidence, votes, segmentCount, windowStartSeconds,
                    windowEndSeconds, bundleVersion, updatedAtMs, changes + 1, c, novelty);
        }
        return new StreamStatus(streamId, c.toGenre(), c.confidence(), votes, segmentCount, windowStartSeconds,
                Math.max(windowEndSeconds, c.atSeconds()), bundleVersion, c.atMs(), changes + 1, c, novelty);
    }

    /** A stream first seen through a genre change (its rolling verdict not read yet). */
    static StreamStatus fromChange(GenreChangeView c) {
        return new StreamStatus(c.streamId(), c.toGenre(), c.confidence(), Map.of(), 0, c.atSeconds(),
                c.atSeconds(), c.bundleVersion(), c.atMs(), 1, c, null);
    }
}
