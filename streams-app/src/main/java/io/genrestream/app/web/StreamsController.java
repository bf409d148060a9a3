package io.genrestream.app.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/** Live streams and their genre over time. */
@Controller("/streams")
@Tag(name = "streams", description = "Rolling genre verdicts of live streams")
public class StreamsController {

    private final GenreFeed feed;
    private final FeedSettings settings;

    public StreamsController(GenreFeed feed, FeedSettings settings) {
        this.feed = feed;
        this.settings = settings;
    }

    /** Live streams with their current genre and confidence, most recently updated first. */
    @Get
    @Operation(summary = "Live streams with their current genre and confidence, most recently updated first")
    @ApiResponse(responseCode = "400", description = "limit is not between 1 and genre.web.feed.max-streams")
    public List<StreamStatus> streams(@Parameter(description = "at most this many streams (1 to "
            + "genre.web.feed.max-streams; default all)") @Nullable @QueryValue Integer limit) {
        List<StreamStatus> streams = feed.view().streams();
        if (limit == null) {
            return streams;
        }
        return streams.subList(0, Math.min(streams.size(), ListLimit.check(limit, settings.maxStreams())));
    }

    /** The recent rolling verdicts of one live stream, oldest first. */
    @Get("/{id}/timeline")
    @Operation(summary = "Recent rolling verdicts of one live stream, oldest first")
    @ApiResponse(responseCode = "404", description = "the stream is not live (or was never seen)")
    public StreamTimeline timeline(@PathVariable String id) {
        return feed.view().timeline(id).orElseThrow(
                () -> new HttpStatusException(HttpStatus.NOT_FOUND, "no live stream " + id));
    }
}
