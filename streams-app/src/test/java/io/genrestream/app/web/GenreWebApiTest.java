package io.genrestream.app.web;

import io.genrestream.avro.StreamGenre;
import io.genrestream.testing.StackEndpoints;
import io.genrestream.testing.WithKafkaStack;
import io.genrestream.topics.GenreTopics;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.sse.SseClient;
import io.micronaut.http.sse.Event;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The REST, SSE, metrics, OpenAPI and dashboard endpoints of the running app (real Kafka Streams app, real broker and
 * registry): verdict records written onto the output topics with the schemas module's serde come back through
 * {@code /streams}, {@code /streams/{id}/timeline}, {@code /tracks/{id}}, {@code /tracks} and {@code /events}.
 */
@WithKafkaStack
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GenreWebApiTest implements TestPropertyProvider {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final StackEndpoints stack;
    private final String run = WebTestApp.newRun("web-api");
    private final String stream = run + "-radio";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    @Client("/")
    SseClient sse;

    @Inject
    GenreTopics topics;

    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    private VerdictRecords records;

    GenreWebApiTest(StackEndpoints stack) {
        this.stack = stack;
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new java.util.HashMap<>();
        WebTestApp.properties(stack, run).forEach((k, v) -> props.put(k, v.toString()));
        return props;
    }

    @BeforeAll
    void produce() {
        records = new VerdictRecords(stack, topics, run);
        StreamGenre jazz = VerdictRecords.stream(stream, "jazz", 0.8, 36.0);
        jazz.setNovelty(4.5);
        records.send(VerdictRecords.stream(stream, "rock", 0.6, 30.0), VerdictRecords.stream(stream, "rock", 0.7, 33.0),
                jazz);
        records.send(VerdictRecords.change(stream, "rock", "jazz", 36.0, 0.8));
        records.send(VerdictRecords.track(run + "-t1", "blues", 0.75, Map.of("blues", 6, "jazz", 2), "Crossroad", "RJ"));
        records.send(VerdictRecords.track(run + "-t2", "metal", 1.0, Map.of("metal", 9), "Heavy", null));
    }

    @AfterAll
    void close() {
        records.close();
    }

    @Test
    void streamsListTheLiveStreamWithItsCurrentGenre() throws Exception {
        Eventually.within(WAIT, () -> {
            List<StreamStatus> streams = client.toBlocking().retrieve(HttpRequest.GET("/streams"),
                    Argument.listOf(StreamStatus.class));
            assertThat(streams).extracting(StreamStatus::streamId).contains(stream);
            StreamStatus s = streams.stream().filter(x -> x.streamId().equals(stream)).findFirst().orElseThrow();
            assertThat(s.genre()).isEqualTo("jazz");
            assertThat(s.confidence()).isEqualTo(0.8);
            assertThat(s.novelty()).isEqualTo(4.5);
            assertThat(s.windowEndSeconds()).isEqualTo(36.0);
            assertThat(s.changes()).isEqualTo(1);
            assertThat(s.lastChange()).isNotNull();
            assertThat(s.lastChange().fromGenre()).isEqualTo("rock");
        });
    }

    @Test
    void timelineHoldsTheRollingVerdictsOldestFirst() throws Exception {
        Eventually.within(WAIT, () -> {
            StreamTimeline timeline = client.toBlocking().retrieve("/streams/" + stream + "/timeline",
                    StreamTimeline.class);
            assertThat(timeline.streamId()).isEqualTo(stream);
            assertThat(timeline.points()).extracting(TimelinePoint::genre).containsExactly("rock", "rock", "jazz");
            assertThat(timeline.points()).extracting(TimelinePoint::windowEndSeconds).containsExactly(30.0, 33.0, 36.0);
        });
        assertThatThrownBy(() -> client.toBlocking().retrieve("/streams/no-such-stream/timeline"))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode()));
    }

    @Test
    void tracksAnswerWithFinishedVerdicts() throws Exception {
        Eventually.within(WAIT, () -> {
            TrackVerdict t1 = client.toBlocking().retrieve("/tracks/" + run + "-t1", TrackVerdict.class);
            assertThat(t1.finished()).isTrue();
            assertThat(t1.genre()).isEqualTo("blues");
            assertThat(t1.confidence()).isEqualTo(0.75);
            assertThat(t1.votes()).containsExactlyInAnyOrderEntriesOf(Map.of("blues", 6, "jazz", 2));
            assertThat(t1.segmentCount()).isEqualTo(8);
            assertThat(t1.title()).isEqualTo("Crossroad");
            assertThat(t1.reason()).isEqualTo("END_OF_TRACK");
            // other tests of this class add verdicts too: check the order of this test's two, and the limit
            List<TrackVerdict> recent = client.toBlocking().retrieve(HttpRequest.GET("/tracks?limit=10"),
                    Argument.listOf(TrackVerdict.class));
            assertThat(recent).extracting(TrackVerdict::trackId).filteredOn(id -> id.matches(".*-t[12]"))
                    .containsExactly(run + "-t2", run + "-t1");
            List<TrackVerdict> newest = client.toBlocking().retrieve(HttpRequest.GET("/tracks?limit=1"),
                    Argument.listOf(TrackVerdict.class));
            assertThat(newest).containsExactly(recent.get(0));
        });
        // an unknown track is 404 once the vote store can be queried (503 while Kafka Streams is still starting)
        String never = "/tracks/" + run + "-never";
        Eventually.within(WAIT, () -> assertThatThrownBy(() -> client.toBlocking().retrieve(never))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
                    String body = e.getResponse().getBody(String.class).orElse("");
                    assertThat(body).contains("no verdict for track");
                }));
        assertThatThrownBy(() -> client.toBlocking().retrieve("/tracks?limit=0"))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode()));
    }

    @Test
    void eventsStreamANewVerdict() throws Exception {
        String id = run + "-live-" + System.nanoTime();
        double before = meters.get("genre.feed.subscribers").gauge().value();
        CompletableFuture<Event<FeedEvent>> received = Flux.from(sse.eventStream("/events", FeedEvent.class))
                .filter(e -> FeedEvent.TRACK.equals(e.getName()) && id.equals(e.getData().track().trackId()))
                .next().toFuture();
        Eventually.within(WAIT, () -> assertThat(meters.get("genre.feed.subscribers").gauge().value())
                .isGreaterThan(before));
        records.send(VerdictRecords.track(id, "reggae", 0.5, Map.of("reggae", 2, "pop", 2), "Sun", "Band"));
        Event<FeedEvent> event = received.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(event.getData().type()).isEqualTo(FeedEvent.TRACK);
        assertThat(event.getData().track().genre()).isEqualTo("reggae");
        assertThat(event.getData().track().votes()).containsEntry("pop", 2);
    }

    @Test
    void prometheusExposesTheFeedMetrics() throws Exception {
        Eventually.within(WAIT, () -> {
            String body = client.toBlocking().retrieve("/prometheus");
            assertThat(body).contains("genre_feed_records_total{").contains("topic=\"" + run + "-track-genres\"")
                    .contains("genre_feed_events_total{").contains("genre_feed_subscribers ")
                    .contains("genre_feed_streams ");
        });
    }

    @Test
    void servesTheOpenApiDescriptionAndTheDashboard() {
        String api = client.toBlocking().retrieve("/swagger/genre-stream-" + OpenApiDescription.VERSION + ".yml");
        assertThat(api).contains("/streams/{id}/timeline").contains("/tracks/{id}").contains("/events")
                .contains("TrackVerdict");
        String page = client.toBlocking().retrieve("/");
        assertThat(page).contains("<title>Genre Stream</title>").contains("dashboard.js");
        String script = client.toBlocking().retrieve("/dashboard.js");
        assertThat(script).contains("EventSource");
    }

    @Test
    void limitsAreCheckedAlikeAndOversizedRequestsGetTheirOwnStatus() {
        String rangeMessage = "limit must be between 1 and";
        for (String path : List.of("/streams?limit=-5", "/streams?limit=0", "/tracks?limit=-5",
                "/tracks?limit=100000")) {
            assertThatThrownBy(() -> client.toBlocking().retrieve(path)).as(path)
                    .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
                        assertThat(e.getResponse().getBody(String.class).orElse("")).contains(rangeMessage);
                    });
        }
        assertThat(client.toBlocking().retrieve(HttpRequest.GET("/streams?limit=1"),
                Argument.listOf(StreamStatus.class))).hasSizeLessThanOrEqualTo(1);
        String longId = "x".repeat(100_000);
        assertThatThrownBy(() -> client.toBlocking().retrieve("/tracks/" + longId))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.REQUEST_URI_TOO_LONG.getCode()));
        assertThatThrownBy(() -> client.toBlocking().retrieve(HttpRequest.GET("/tracks").header("X-Big", longId)))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode())
                        .isEqualTo(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.getCode()));
        assertThat(client.toBlocking().retrieve("/tracks?limit=1")).as("the server still answers").startsWith("[");
    }

    @Test
    void onlyHealthAndPrometheusOfTheManagementEndpointsAreServed() throws Exception {
        for (String path : List.of("/health", "/health/liveness", "/health/readiness", "/prometheus")) {
            Eventually.within(WAIT, () -> assertThat(client.toBlocking().exchange(path, String.class).getStatus()
                    .getCode()).as(path).isEqualTo(200));
        }
        for (String path : List.of("/metrics", "/beans", "/env", "/loggers", "/routes", "/info")) {
            assertThatThrownBy(() -> client.toBlocking().retrieve(path)).as(path)
                    .isInstanceOfSatisfying(HttpClientResponseException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode()));
        }
    }
}
