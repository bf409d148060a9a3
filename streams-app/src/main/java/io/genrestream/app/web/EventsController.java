package io.genrestream.app.web;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.sse.Event;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.reactivestreams.Publisher;

/** The live feed as Server-Sent Events. */
@Controller("/events")
@Tag(name = "events", description = "Live feed of verdicts, stream updates and genre changes")
public class EventsController {

    private final GenreFeed feed;

    public EventsController(GenreFeed feed) {
        this.feed = feed;
    }

    /**
     * Server-Sent Events named {@code track}, {@code stream}, {@code change} and {@code heartbeat}, each carrying a
     * {@link FeedEvent} as JSON.
     */
    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    @Operation(summary = "Server-Sent Events: track, stream, change and heartbeat, each a FeedEvent in JSON")
    public Publisher<Event<FeedEvent>> events() {
        return feed.events().map(e -> Event.of(e).name(e.type()));
    }
}
