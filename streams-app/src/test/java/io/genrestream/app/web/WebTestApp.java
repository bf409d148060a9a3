package io.genrestream.app.web;

import io.genrestream.app.TestBundle;
import io.genrestream.testing.StackEndpoints;
import io.genrestream.topics.GenreTopics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Properties that run the whole app (Kafka Streams topology with a small real model bundle, feed, HTTP server on a
 * random port) against the test's broker and registry, on topics and an application id of its own.
 */
public final class WebTestApp {

    private WebTestApp() {
    }

    /** A fresh run id, used as prefix of the topics and the application id. */
    public static String newRun(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Map<String, Object> properties(StackEndpoints stack, String run) {
        Path dir;
        try {
            dir = Files.createTempDirectory(run);
            TestBundle.write(dir.resolve("bundle"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> props = new HashMap<>();
        props.put("kafka.bootstrap.servers", stack.bootstrapServers());
        props.put("kafka.streams.default.application.id", run);
        props.put("kafka.streams.default.schema.registry.url", stack.schemaRegistryUrl());
        props.put("kafka.streams.default.state.dir", dir.resolve("state").toString());
        props.put("micronaut.server.port", "-1");
        props.put("genre.bundle.path", dir.resolve("bundle").toString());
        props.put(FeedSettings.PREFIX + ".topic-retry", "500ms");
        props.put(FeedSettings.PREFIX + ".heartbeat", "1s");
        for (String topic : List.of(GenreTopics.AUDIO_CHUNKS, GenreTopics.SEGMENT_SCORES, GenreTopics.TRACK_GENRES,
                GenreTopics.STREAM_GENRES, GenreTopics.GENRE_CHANGES, GenreTopics.DEAD_LETTERS)) {
            props.put(GenreTopics.PREFIX + topic + ".name", run + "-" + topic);
        }
        return props;
    }
}
