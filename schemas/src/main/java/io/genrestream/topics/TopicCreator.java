package io.genrestream.topics;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates topics at startup, idempotently: missing topics are created, existing ones are accepted when their
 * partition count and replication factor match the spec, and anything else fails with a message naming the topic and
 * both values. Waits until the broker has confirmed every topic.
 */
public final class TopicCreator {

    /** How long to wait for the broker when no timeout is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);

    private final Admin admin;
    private final Duration timeout;

    /** Creator using {@code admin} (not closed by this class) and waiting at most {@code timeout} per step. */
    public TopicCreator(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** Creator using {@code admin} with {@link #DEFAULT_TIMEOUT}. */
    public TopicCreator(Admin admin) {
        this(admin, DEFAULT_TIMEOUT);
    }

    /**
     * What {@link #ensure} did.
     *
     * @param created  names of topics created now
     * @param existing names of topics that already existed with the expected layout
     */
    public record Outcome(List<String> created, List<String> existing) {
        public Outcome {
            created = List.copyOf(created);
            existing = List.copyOf(existing);
        }
    }

    /**
     * Makes sure every topic in {@code specs} exists with its partition count and replication factor.
     *
     * @throws TopicSetupException when a topic cannot be created, the broker does not answer in time, or an existing
     *                             topic has a different partition count or replication factor
     */
    public Outcome ensure(Collection<TopicSpec> specs) {
        List<NewTopic> newTopics = specs.stream()
                .map(spec -> new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor()).configs(spec.configs()))
                .toList();
        Map<String, KafkaFuture<Void>> results = admin.createTopics(newTopics).values();
        List<String> created = new ArrayList<>();
        List<TopicSpec> existing = new ArrayList<>();
        for (TopicSpec spec : specs) {
            try {
                await(results.get(spec.name()), "create topic " + spec.name());
                created.add(spec.name());
                LOG.info("Created topic {} ({} partitions, replication factor {}, configs {})", spec.name(), spec.partitions(),
                        spec.replicationFactor(), spec.configs());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new TopicSetupException("Cannot create topic " + spec.name() + ": " + e.getCause().getMessage(), e.getCause());
                }
                existing.add(spec);
            }
        }
        checkExisting(existing);
        return new Outcome(created, existing.stream().map(TopicSpec::name).toList());
    }

    private void checkExisting(List<TopicSpec> existing) {
        if (existing.isEmpty()) {
            return;
        }
        Map<String, TopicDescription> descriptions;
        try {
            descriptions = await(admin.describeTopics(existing.stream().map(TopicSpec::name).toList()).allTopicNames(),
                    "describe existing topics");
        } catch (ExecutionException e) {
            throw new TopicSetupException("Cannot describe existing topics: " + e.getCause().getMessage(), e.getCause());
        }
        List<String> mismatches = new ArrayList<>();
        for (TopicSpec spec : existing) {
            TopicDescription description = descriptions.get(spec.name());
            int partitions = description.partitions().size();
            int replication = description.partitions().get(0).replicas().size();
            if (partitions != spec.partitions()) {
                mismatches.add(spec.name() + " has " + partitions + " partitions, expected " + spec.partitions());
            } else if (replication != spec.replicationFactor()) {
                mismatches.add(spec.name() + " has replication factor " + replication + ", expected " + spec.replicationFactor());
            } else {
                LOG.info("Topic {} already exists ({} partitions, replication factor {})", spec.name(), partitions, replication);
            }
        }
        if (!mismatches.isEmpty()) {
            throw new TopicSetupException("Existing topics do not match the topic catalog: " + String.join("; ", mismatches)
                    + ". Delete and recreate them, or configure the catalog to match.", null);
        }
    }

    private <T> T await(KafkaFuture<T> future, String what) throws ExecutionException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicSetupException("Interrupted while waiting to " + what, e);
        } catch (TimeoutException e) {
            throw new TopicSetupException("The broker did not " + what + " within " + timeout, e);
        }
    }
}
