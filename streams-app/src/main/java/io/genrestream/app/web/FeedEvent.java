package io.genrestream.app.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One Server-Sent Event of {@code GET /events}; the SSE event name is {@link #type()} and exactly the matching
 * payload field is set.
 *
 * @param type   {@value #TRACK}, {@value #STREAM}, {@value #CHANGE} or {@value #HEARTBEAT}
 * @param atMs   when the server published the event (epoch ms)
 * @param track  a finished track's verdict ({@value #TRACK})
 * @param stream a live stream's new rolling verdict, with the point it adds to the timeline ({@value #STREAM})
 * @param point  the timeline point of a {@value #STREAM} event
 * @param change a genre change of a live stream ({@value #CHANGE})
 */
@Serdeable
public record FeedEvent(String type, long atMs, @Nullable TrackVerdict track, @Nullable StreamStatus stream,
                        @Nullable TimelinePoint point, @Nullable GenreChangeView change) {

    public static final String TRACK = "track";
    public static final String STREAM = "stream";
    public static final String CHANGE = "change";
    public static final String HEARTBEAT = "heartbeat";

    static FeedEvent track(TrackVerdict v, long nowMs) {
        return new FeedEvent(TRACK, nowMs, v, null, null, null);
    }

    static FeedEvent stream(StreamStatus s, TimelinePoint p, long nowMs) {
        return new FeedEvent(STREAM, nowMs, null, s, p, null);
    }

    static FeedEvent change(GenreChangeView c, long nowMs) {
        return new FeedEvent(CHANGE, nowMs, null, null, null, c);
    }

    static FeedEvent heartbeat(long nowMs) {
        return new FeedEvent(HEARTBEAT, nowMs, null, null, null, null);
    }
}
