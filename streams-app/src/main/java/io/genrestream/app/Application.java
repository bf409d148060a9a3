package io.genrestream.app;

import io.micronaut.runtime.Micronaut;

/** Starts the Genre Stream app: the Kafka Streams topology, {@code /health} and metrics. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
