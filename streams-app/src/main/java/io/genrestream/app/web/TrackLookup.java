package io.genrestream.app.web;

import io.micronaut.core.order.Ordered;

import java.util.Optional;

/**
 * One source of track verdicts for {@code GET /tracks/{id}}. {@link TracksController} asks every bean of this type
 * in {@link Ordered} order and answers with the first verdict found. {@link FeedTrackLookup} (finished verdicts read
 * by the feed) comes first; a lookup of the votes so far of open tracks (Kafka Streams interactive queries on the
 * topology's vote store) plugs in as another bean with a later order and answers with
 * {@link TrackVerdict#finished()} false.
 */
public interface TrackLookup extends Ordered {

    /** The verdict of {@code trackId}, if this source knows it. */
    Optional<TrackVerdict> find(String trackId);
}
