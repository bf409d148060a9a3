package io.genrestream.app.config;

import io.genrestream.app.scoring.SegmentModels;
import io.genrestream.app.topology.GenreTopology;
import io.genrestream.app.topology.PipelineMeters;
import io.genrestream.app.topology.PipelineSettings;
import io.genrestream.features.FeatureExtractor;
import io.genrestream.topics.GenreTopics;
import io.genrestream.topics.TopicCreator;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.kstream.KStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * Thin wiring of {@link GenreTopology} onto micronaut-kafka-streams' {@code default} stream (configured under
 * {@code kafka.streams.default.*}). The topic catalog ({@link GenreTopics}) is built from the stream's configuration
 * (registry settings) plus {@code genre.topics.*} and {@code genre.serde.class}; the topics are created by
 * {@link TopicCreator} before the topology is built, so Kafka Streams never starts against a missing source topic.
 */
@Factory
public class GenreStreamFactory {

    /** Name of micronaut-kafka-streams' always-present stream. */
    public static final String STREAM = "default";
    public static final String CREATE_TOPICS = "genre.topics.create";

    private static final Logger LOG = LoggerFactory.getLogger(GenreStreamFactory.class);

    /** Topic names and serdes. */
    @Singleton
    public GenreTopics genreTopics(@Named(STREAM) ConfiguredStreamBuilder builder, Environment env) {
        return new GenreTopics(catalogConfig(builder, env));
    }

    /** Creates the topics (unless {@code genre.topics.create=false}) and builds the topology. */
    @Singleton
    @Named("genre-topology")
    public KStream<byte[], byte[]> genreStream(@Named(STREAM) ConfiguredStreamBuilder builder, GenreTopics topics,
                                               PipelineSettings settings, SegmentModels models,
                                               FeatureExtractor extractor, MeterRegistry registry,
                                               @Value("${" + CREATE_TOPICS + ":true}") boolean createTopics) {
        if (createTopics) {
            Map<String, Object> adminConfig = new HashMap<>();
            builder.getConfiguration().forEach((k, v) -> {
                if (AdminClientConfig.configNames().contains(k.toString())) {
                    adminConfig.put(k.toString(), v);
                }
            });
            try (Admin admin = Admin.create(adminConfig)) {
                TopicCreator.Outcome outcome = new TopicCreator(admin).ensure(topics.specs());
                LOG.info("Topics created {}, already present {}", outcome.created(), outcome.existing());
            }
        }
        LOG.info("Building the Genre Stream topology with {}", settings);
        GenreTopology topology = new GenreTopology(settings, topics, models, extractor, new PipelineMeters(registry));
        builder.getConfiguration().putAll(topology.handlerConfig());
        return topology.build(builder);
    }

    private static Map<String, Object> catalogConfig(ConfiguredStreamBuilder builder, Environment env) {
        Map<String, Object> config = new HashMap<>();
        builder.getConfiguration().forEach((k, v) -> config.put(k.toString(), v));
        env.getProperties("genre.topics").forEach((k, v) -> config.put(GenreTopics.PREFIX + k, v));
        env.getProperty("genre.serde.class", String.class).ifPresent(c -> config.put("genre.serde.class", c));
        return config;
    }
}
