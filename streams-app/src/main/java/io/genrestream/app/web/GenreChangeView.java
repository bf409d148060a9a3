package io.genrestream.app.web;

import io.genrestream.avro.GenreChange;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A live stream's rolling verdict switched genre.
 *
 * @param streamId      id of the live stream
 * @param fromGenre     genre before
 * @param toGenre       genre after
 * @param atSeconds     stream position of the change, in seconds
 * @param atMs          when the change was detected (epoch ms)
 * @param confidence    confidence of the new verdict, 0 to 1
 * @param bundleVersion model bundle that scored the segments
 */
@Serdeable
public record GenreChangeView(String streamId, String fromGenre, String toGenre, double atSeconds, long atMs,
                              double confidence, String bundleVersion) {

    static GenreChangeView of(GenreChange c) {
        return new GenreChangeView(c.getStreamId(), c.getFromGenre(), c.getToGenre(), c.getAtSeconds(),
                c.getAtMs().toEpochMilli(), c.getConfidence(), c.getBundleVersion());
    }
}
