package io.genrestream.app.web;

import io.genrestream.avro.StreamGenre;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One rolling verdict of a live stream on its timeline.
 *
 * @param atMs             when the verdict was made (epoch ms)
 * @param windowEndSeconds stream position the verdict's window ends at, in seconds
 * @param genre            winning genre of the window
 * @param confidence       share of the window's votes, 0 to 1
 */
@Serdeable
public record TimelinePoint(long atMs, double windowEndSeconds, String genre, double confidence) {

    static TimelinePoint of(StreamGenre g) {
        return new TimelinePoint(g.getAtMs().toEpochMilli(), g.getWindowEndSeconds(), g.getGenre(), g.getConfidence());
    }
}
