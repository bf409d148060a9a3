package io.genrestream.app.web;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bounds and answers of the in-memory view, without Kafka. */
class GenreViewTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2025-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    private static FeedSettings settings(int maxStreams, int timelineLength, int maxTracks) {
        return new FeedSettings(maxStreams, timelineLength, maxTracks, Duration.ofMinutes(2), Duration.ZERO,
                Duration.ofMillis(100), Duration.ofSeconds(1), 8, Duration.ofSeconds(15));
    }

    @Test
    void keepsOnlyTheMostRecentTracksNewestFirst() {
        GenreView view = new GenreView(settings(10, 10, 3), new ManualClock());
        for (int i = 1; i <= 5; i++) {
            view.accept(VerdictRecords.track("t" + i, "rock", 0.5, Map.of("rock", 2, "pop", 2), "T" + i, null));
        }
        assertThat(view.trackCount()).isEqualTo(3);
        assertThat(view.recentTracks(10)).extracting(TrackVerdict::trackId).containsExactly("t5", "t4", "t3");
        assertThat(view.recentTracks(2)).extracting(TrackVerdict::trackId).containsExactly("t5", "t4");
        assertThat(view.track("t1")).isEmpty();
        assertThat(view.track("t4")).get().extracting(TrackVerdict::title).isEqualTo("T4");
        // a repeated verdict replaces the old one and becomes the newest
        view.accept(VerdictRecords.track("t3", "pop", 0.75, Map.of("pop", 3, "rock", 1), "T3", null));
        assertThat(view.recentTracks(10)).extracting(TrackVerdict::trackId).containsExactly("t3", "t5", "t4");
        assertThat(view.track("t3")).get().extracting(TrackVerdict::genre).isEqualTo("pop");
    }

    @Test
    void boundsTheTimelineAndTheNumberOfStreams() {
        ManualClock clock = new ManualClock();
        GenreView view = new GenreView(settings(2, 3, 10), clock);
        for (int i = 0; i < 5; i++) {
            view.accept(VerdictRecords.stream("a", i < 3 ? "rock" : "jazz", 0.6, 30.0 + 3 * i));
        }
        assertThat(view.timeline("a")).get().extracting(StreamTimeline::points).asList()
                .extracting("windowEndSeconds").containsExactly(36.0, 39.0, 42.0);
        view.accept(VerdictRecords.stream("b", "pop", 0.9, 30.0));
        view.accept(VerdictRecords.stream("a", "jazz", 0.7, 45.0)); // a is now the most recently updated
        view.accept(VerdictRecords.stream("c", "metal", 0.8, 30.0)); // evicts b, the least recently updated
        assertThat(view.streamCount()).isEqualTo(2);
        assertThat(view.timeline("b")).isEmpty();
        assertThat(view.streams()).extracting(StreamStatus::streamId).containsExactlyInAnyOrder("a", "c");
    }

    @Test
    void changesSetTheGenreUnlessANewerVerdictIsKnown() {
        GenreView view = new GenreView(settings(10, 10, 10), new ManualClock());
        view.accept(VerdictRecords.stream("s", "rock", 0.6, 30.0));
        GenreChangeView change = view.accept(VerdictRecords.change("s", "rock", "jazz", 33.0, 0.7));
        StreamStatus s = view.streams().get(0);
        assertThat(s.genre()).isEqualTo("jazz");
        assertThat(s.changes()).isEqualTo(1);
        assertThat(s.lastChange()).isEqualTo(change);
        // a change of a stream not seen yet makes it live
        view.accept(VerdictRecords.change("new", "pop", "disco", 60.0, 0.8));
        assertThat(view.streams()).extracting(StreamStatus::streamId).contains("new");
        assertThat(view.timeline("new")).get().extracting(StreamTimeline::points).asList().isEmpty();
    }

    @Test
    void idleStreamsAreNoLongerLiveAndAreExpired() {
        ManualClock clock = new ManualClock();
        GenreView view = new GenreView(settings(10, 10, 10), clock);
        view.accept(VerdictRecords.stream("old", "rock", 0.6, 30.0));
        clock.advance(Duration.ofSeconds(90));
        view.accept(VerdictRecords.stream("fresh", "pop", 0.6, 30.0));
        clock.advance(Duration.ofSeconds(40));
        assertThat(view.streams()).extracting(StreamStatus::streamId).containsExactly("fresh");
        assertThat(view.expireStreams()).isEqualTo(1);
        assertThat(view.streamCount()).isEqualTo(1);
        assertThat(view.timeline("old")).isEmpty();
    }

    @Test
    void settingsRejectNonPositiveBounds() {
        assertThatThrownBy(() -> settings(0, 10, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("genre.web.feed.max-streams");
        assertThatThrownBy(() -> new FeedSettings(1, 1, 1, Duration.ofMinutes(1), Duration.ofSeconds(-1),
                Duration.ofMillis(1), Duration.ofSeconds(1), 1, Duration.ofSeconds(1)))
                .hasMessageContaining("genre.web.feed.look-back");
    }
}
