package io.genrestream.app.web;

import io.micronaut.core.order.OrderUtil;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Genre verdicts of tracks. */
@Controller("/tracks")
@Tag(name = "tracks", description = "Genre verdicts of finished tracks")
public class TracksController {

    /** Number of verdicts {@code GET /tracks} returns without {@code limit}. */
    public static final int DEFAULT_LIMIT = 20;

    private final GenreFeed feed;
    private final FeedSettings settings;
    private final List<TrackLookup> lookups;

    public TracksController(GenreFeed feed, FeedSettings settings, List<TrackLookup> lookups) {
        this.feed = feed;
        this.settings = settings;
        this.lookups = new ArrayList<>(lookups);
        OrderUtil.sort(this.lookups);
    }

    /** The most recent verdicts, newest first. */
    @Get
    @Operation(summary = "Recent track verdicts, newest first")
    @ApiResponse(responseCode = "400", description = "limit is not between 1 and genre.web.feed.max-tracks")
    public List<TrackVerdict> recent(@Parameter(description = "how many verdicts (1 to genre.web.feed.max-tracks)")
                                     @QueryValue(defaultValue = "" + DEFAULT_LIMIT) int limit) {
        return feed.view().recentTracks(ListLimit.check(limit, settings.maxTracks()));
    }

    /** The verdict of one track. */
    @Get("/{id}")
    @Operation(summary = "The genre verdict of one track")
    @ApiResponse(responseCode = "404", description = "no verdict known for this track")
    public TrackVerdict track(@PathVariable String id) {
        for (TrackLookup lookup : lookups) {
            Optional<TrackVerdict> verdict = lookup.find(id);
            if (verdict.isPresent()) {
                return verdict.get();
            }
        }
        throw new HttpStatusException(HttpStatus.NOT_FOUND, "no verdict for track " + id);
    }
}
