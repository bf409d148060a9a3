package io.genrestream.app.config;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Stops Kafka Streams before the model bundle closes. micronaut-kafka-streams closes its streams from its factory
 * bean, which Micronaut may destroy after the {@code ModelBundle} (the factory exists before the bundle is loaded),
 * so a stream thread could still be scoring on a closed PyTorch model. This bean depends on the streams, which depend
 * on the topology and so on the bundle: Micronaut destroys it first, and it closes the streams (closing twice is
 * harmless) and waits for their threads.
 *
 * <p>It also leaves the consumer group ({@code genre.shutdown.leave-group}, default true): Kafka Streams' plain
 * {@code close} stays in the group, so the partitions of a stopped instance stayed assigned to it until the session
 * timeout, and a restart or the other instances waited that long. With static membership
 * ({@code group.instance.id}) a rolling restart that comes back within the session timeout moves no partition when the
 * member stays: set it to false there.
 */
@Context
@Requires(beans = KafkaStreams.class)
public class StreamsStopBeforeModels {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsStopBeforeModels.class);

    private final KafkaStreams streams;
    private final GroupMembershipOperation membership;
    private final Duration closeTimeout;

    /**
     * @param streams      the {@code default} stream (the only one)
     * @param closeTimeout how long to wait for the stream threads ({@code genre.shutdown.streams-close-timeout})
     * @param leaveGroup   whether to leave the consumer group on close ({@code genre.shutdown.leave-group})
     */
    public StreamsStopBeforeModels(KafkaStreams streams,
                                   @Value("${genre.shutdown.streams-close-timeout}") Duration closeTimeout,
                                   @Value("${genre.shutdown.leave-group:true}") boolean leaveGroup) {
        this.streams = streams;
        this.closeTimeout = closeTimeout;
        this.membership = leaveGroup ? GroupMembershipOperation.LEAVE_GROUP : GroupMembershipOperation.REMAIN_IN_GROUP;
    }

    /** Closes the streams and waits up to the timeout for their threads to finish. */
    @PreDestroy
    public void stopStreams() {
        long started = System.nanoTime();
        boolean stopped = streams.close(CloseOptions.timeout(closeTimeout).withGroupMembershipOperation(membership));
        if (stopped) {
            LOG.info("Kafka Streams stopped in {} ms ({}), before the model bundle closes",
                    (System.nanoTime() - started) / 1_000_000, membership);
        } else {
            LOG.warn("Kafka Streams did not stop within {}; the model bundle closes anyway", closeTimeout);
        }
    }
}
