package io.genrestream.app.config;

import io.genrestream.app.scoring.BundleLoad;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Waits, while the app starts, for the model bundle that loads in the background ({@link BundleLoad}), so that a
 * model file that cannot be read fails the start, as it did when the bundle loaded before everything else, instead of
 * failing each stream thread later. It depends on the streams, so Micronaut creates it once Kafka Streams has
 * started: the load overlaps the topic check and that start.
 */
@Context
@Requires(beans = KafkaStreams.class)
public class BundleLoadedAtStart {

    /**
     * @param streams the started {@code default} stream (a dependency for the order of creation only)
     * @param bundle  the bundle being loaded
     */
    public BundleLoadedAtStart(KafkaStreams streams, BundleLoad bundle) {
        bundle.get();
    }
}
