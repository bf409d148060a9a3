package io.genrestream.app.web;

import io.genrestream.avro.SourceMetadata;
import io.genrestream.avro.TrackGenre;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;
import java.util.TreeMap;

/**
 * The genre verdict of one track as the REST API and the dashboard show it.
 *
 * @param trackId         id of the track
 * @param finished        true for the final verdict of a finished track; a lookup that reads votes so far (e.g. the
 *                        topology's vote store) answers false
 * @param genre           winning genre (or {@code unknown})
 * @param confidence      calibrated confidence of the genre, 0 to 1 (below the bundle's threshold: {@code unknown})
 * @param votes           segment votes per genre
 * @param segmentCount    segments that voted
 * @param durationSeconds audio received, in seconds
 * @param tieBreak        how a tie was broken (NONE, GRU_SOFTMAX, PRIOR)
 * @param reason          why the track finished (END_OF_TRACK, INACTIVITY_TIMEOUT); null while not finished
 * @param title           track title from the producer, when known
 * @param artist          artist from the producer, when known
 * @param bundleVersion   model bundle that scored the segments
 * @param atMs            when the verdict was made (epoch ms)
 * @param novelty         the segments' mean distance to the bundle's training data (beyond its threshold the genre is
 *                        {@code unknown}); null when the bundle has no novelty check
 */
@Serdeable
public record TrackVerdict(String trackId, boolean finished, String genre, double confidence,
                           Map<String, Integer> votes, int segmentCount, double durationSeconds, String tieBreak,
                           @Nullable String reason, @Nullable String title, @Nullable String artist,
                           String bundleVersion, long atMs, @Nullable Double novelty) {

    /** The final verdict of a finished track. */
    public static TrackVerdict of(TrackGenre g) {
        SourceMetadata source = g.getSource();
        return new TrackVerdict(g.getTrackId(), true, g.getGenre(), g.getConfidence(), new TreeMap<>(g.getVotes()),
                g.getSegmentCount(), g.getDurationSeconds(), g.getTieBreak().name(), g.getReason().name(),
                source == null ? null : source.getTitle(), source == null ? null : source.getArtist(),
                g.getBundleVersion(), g.getFinishedAtMs().toEpochMilli(), g.getNovelty());
    }
}
