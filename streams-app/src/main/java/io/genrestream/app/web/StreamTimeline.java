package io.genrestream.app.web;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The most recent rolling verdicts of a live stream, oldest first (at most {@code genre.web.feed.timeline-length}).
 *
 * @param streamId id of the live stream
 * @param points   verdicts, oldest first
 */
@Serdeable
public record StreamTimeline(String streamId, List<TimelinePoint> points) {
}
