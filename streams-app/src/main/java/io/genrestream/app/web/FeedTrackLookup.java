package io.genrestream.app.web;

import jakarta.inject.Singleton;

import java.util.Optional;

/** Finished-track verdicts held by the {@link GenreFeed} (the last {@code genre.web.feed.max-tracks}). */
@Singleton
public class FeedTrackLookup implements TrackLookup {

    private final GenreFeed feed;

    public FeedTrackLookup(GenreFeed feed) {
        this.feed = feed;
    }

    @Override
    public Optional<TrackVerdict> find(String trackId) {
        return feed.view().track(trackId);
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
