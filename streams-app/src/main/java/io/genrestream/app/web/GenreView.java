package io.genrestream.app.web;

import io.genrestream.avro.GenreChange;
import io.genrestream.avro.StreamGenre;
import io.genrestream.avro.TrackGenre;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bounded in-memory picture the web layer serves: the last {@code maxTracks} finished-track verdicts, the
 * current verdict of at most {@code maxStreams} live streams, and per stream its last {@code timelineLength} rolling
 * verdicts. No Kafka in here: {@link GenreFeed} feeds it records, the controllers read it. Thread-safe (one lock:
 * one writer, few readers).
 *
 * <p>Bounds: beyond {@code maxTracks} the oldest verdict is dropped; beyond {@code maxStreams} the least recently
 * updated stream is dropped; {@link #expireStreams} drops streams idle for longer than the idle timeout (the topology
 * emits no end record for a live stream, it just stops updating).
 */
final class GenreView {

    private final int maxStreams;
    private final int timelineLength;
    private final int maxTracks;
    private final Duration idleTimeout;

    /** Insertion order = verdict order: the eldest entry is the oldest verdict. */
    private final LinkedHashMap<String, TrackVerdict> tracks = new LinkedHashMap<>();
    /** Moved to the end on every update: the eldest entry is the least recently updated stream. */
    private final LinkedHashMap<String, LiveStream> streams = new LinkedHashMap<>();
    private final Clock clock;

    /** A view bounded by {@code settings}, telling idle streams by {@code clock}. */
    GenreView(FeedSettings settings, Clock clock) {
        this.clock = clock;
        this.maxStreams = settings.maxStreams();
        this.timelineLength = settings.timelineLength();
        this.maxTracks = settings.maxTracks();
        this.idleTimeout = settings.streamIdleTimeout();
    }

    /** Records a finished track's verdict (a repeated verdict for the same id replaces and moves it to the front). */
    synchronized TrackVerdict accept(TrackGenre g) {
        TrackVerdict v = TrackVerdict.of(g);
        tracks.remove(v.trackId());
        tracks.put(v.trackId(), v);
        if (tracks.size() > maxTracks) {
            Iterator<String> eldest = tracks.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return v;
    }

    /** Records a live stream's rolling verdict; returns its new status and the timeline point it added. */
    synchronized Map.Entry<StreamStatus, TimelinePoint> accept(StreamGenre g) {
        LiveStream s = stream(g.getStreamId());
        TimelinePoint point = TimelinePoint.of(g);
        s.status = StreamStatus.of(g, s.status == null ? 0 : s.status.changes(),
                s.status == null ? null : s.status.lastChange());
        s.timeline.addLast(point);
        if (s.timeline.size() > timelineLength) {
            s.timeline.removeFirst();
        }
        return Map.entry(s.status, point);
    }

    /** Records a live stream's genre change; returns the view of the change. */
    synchronized GenreChangeView accept(GenreChange c) {
        GenreChangeView change = GenreChangeView.of(c);
        LiveStream s = stream(c.getStreamId());
        s.status = s.status == null ? StreamStatus.fromChange(change) : s.status.withChange(change);
        return change;
    }

    /** Live streams, most recently updated first, without those idle for longer than the timeout. */
    synchronized List<StreamStatus> streams() {
        long nowMs = clock.millis();
        List<StreamStatus> live = new ArrayList<>();
        for (LiveStream s : streams.values()) {
            if (!idle(s, nowMs)) {
                live.add(s.status);
            }
        }
        live.sort(Comparator.comparingLong(StreamStatus::updatedAtMs).reversed()
                .thenComparing(StreamStatus::streamId));
        return live;
    }

    /** The timeline of a stream still tracked, oldest point first. */
    synchronized Optional<StreamTimeline> timeline(String streamId) {
        LiveStream s = streams.get(streamId);
        return s == null ? Optional.empty() : Optional.of(new StreamTimeline(streamId, List.copyOf(s.timeline)));
    }

    /** The verdict of a track among the last {@code maxTracks}. */
    synchronized Optional<TrackVerdict> track(String trackId) {
        return Optional.ofNullable(tracks.get(trackId));
    }

    /** The {@code limit} most recent verdicts, newest first. */
    synchronized List<TrackVerdict> recentTracks(int limit) {
        List<TrackVerdict> all = new ArrayList<>(tracks.values());
        List<TrackVerdict> recent = new ArrayList<>(Math.min(limit, all.size()));
        for (int i = all.size() - 1; i >= 0 && recent.size() < limit; i--) {
            recent.add(all.get(i));
        }
        return recent;
    }

    /** Drops the streams idle for longer than the timeout; returns how many. */
    synchronized int expireStreams() {
        long nowMs = clock.millis();
        int before = streams.size();
        streams.values().removeIf(s -> idle(s, nowMs));
        return before - streams.size();
    }

    synchronized int streamCount() {
        return streams.size();
    }

    synchronized int trackCount() {
        return tracks.size();
    }

    private boolean idle(LiveStream s, long nowMs) {
        return nowMs - s.lastSeenMs > idleTimeout.toMillis();
    }

    /**
     * The stream's entry, moved to the most recently updated end (created if new, evicting the least recently
     * updated stream beyond the cap) and marked seen now.
     */
    private LiveStream stream(String id) {
        LiveStream s = streams.remove(id);
        if (s == null) {
            s = new LiveStream();
        }
        streams.put(id, s);
        if (streams.size() > maxStreams) {
            Iterator<LiveStream> eldest = streams.values().iterator();
            eldest.next();
            eldest.remove();
        }
        s.lastSeenMs = clock.millis();
        return s;
    }

    /** Mutable per-stream state, only touched under the view's lock. */
    private static final class LiveStream {
        private StreamStatus status;
        private long lastSeenMs;
        private final Deque<TimelinePoint> timeline = new ArrayDeque<>();
    }
}
