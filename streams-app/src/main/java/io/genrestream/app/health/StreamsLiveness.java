package io.genrestream.app.health;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * {@code /health/liveness}: DOWN only when Kafka Streams has failed for good (ERROR, or on its way there): a restart
 * is then the cure. A broker outage, a rebalance or a crash loop that REPLACE_THREAD keeps retrying is not cured by a
 * restart and only makes this instance not ready ({@link StreamsReadiness}).
 */
@Factory
public class StreamsLiveness {

    public static final String NAME = "streamsAlive";

    /** The liveness indicator of the app's Kafka Streams. */
    @Singleton
    @Liveness
    @Requires(beans = KafkaStreams.class)
    HealthIndicator streamsLiveness(KafkaStreams streams) {
        return () -> Mono.fromCallable(() -> check(streams));
    }

    /** The client's state judged. */
    public static HealthResult check(KafkaStreams streams) {
        KafkaStreams.State state = streams.state();
        boolean failed = state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR;
        return HealthResult.builder(NAME, failed ? HealthStatus.DOWN : HealthStatus.UP)
                .details(Map.of("state", state.name())).build();
    }
}
