package io.genrestream.app.web;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.exceptions.HttpStatusException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/** Live streams and their genre over time. */
@Controller("/streams")
@Tag(name = "streams", description = "Rolling genre verdicts of live streams")
public class StreamsController {

    private final GenreFeed feed;

    public StreamsController(GenreFeed feed) {
        this.feed = feed;
    }

    /** Live streams with their current genre and confidence, most recently updated first. */
    @Get
    @Operation(summary = "Live streams with their current genre and confidence")
    public List<StreamStatus> streams() {
        return feed.view().streams();
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
