package io.genrestream.app.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Bounds and timing of the {@link GenreFeed}, from {@code genre.web.feed.*} (application.yml documents each one).
 * Every in-memory structure of the web layer is bounded by one of these values.
 *
 * @param maxStreams        live streams kept; the least recently updated one is dropped beyond this
 * @param timelineLength    rolling-verdict points kept per live stream (the oldest are dropped)
 * @param maxTracks         finished-track verdicts kept (the oldest are dropped); also the largest {@code /tracks} limit
 * @param streamIdleTimeout a live stream without any update for this long is no longer live and is dropped
 * @param lookBack          on start the feed reads the output topics from this far back ({@code 0s}: only new records)
 * @param pollTimeout       longest wait of one consumer poll (also how quickly the feed notices it should stop)
 * @param topicRetry        how often the feed looks again for output topics that did not exist yet
 * @param subscriberBuffer  events buffered per SSE subscriber; a slow subscriber loses its oldest events beyond this
 * @param heartbeat         interval of the SSE heartbeat event, which keeps idle connections and proxies open
 */
@ConfigurationProperties(FeedSettings.PREFIX)
public record FeedSettings(
        @Bindable(defaultValue = "1000") int maxStreams,
        @Bindable(defaultValue = "500") int timelineLength,
        @Bindable(defaultValue = "1000") int maxTracks,
        @Bindable(defaultValue = "2m") Duration streamIdleTimeout,
        @Bindable(defaultValue = "15m") Duration lookBack,
        @Bindable(defaultValue = "500ms") Duration pollTimeout,
        @Bindable(defaultValue = "5s") Duration topicRetry,
        @Bindable(defaultValue = "256") int subscriberBuffer,
        @Bindable(defaultValue = "15s") Duration heartbeat) {

    /** Configuration prefix of the feed. */
    public static final String PREFIX = "genre.web.feed";

    /** Rejects non-positive bounds and negative durations, naming the setting. */
    public FeedSettings {
        positive("max-streams", maxStreams);
        positive("timeline-length", timelineLength);
        positive("max-tracks", maxTracks);
        positive("subscriber-buffer", subscriberBuffer);
        positive("stream-idle-timeout", streamIdleTimeout);
        positive("poll-timeout", pollTimeout);
        positive("topic-retry", topicRetry);
        positive("heartbeat", heartbeat);
        if (lookBack == null || lookBack.isNegative()) {
            throw new IllegalArgumentException(PREFIX + ".look-back must be zero or positive, got " + lookBack);
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(PREFIX + "." + name + " must be at least 1, got " + value);
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(PREFIX + "." + name + " must be a positive duration, got " + value);
        }
    }
}
