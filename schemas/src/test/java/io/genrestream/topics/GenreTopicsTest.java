package io.genrestream.topics;

import io.genrestream.serde.ConfluentAvroSerde;
import io.genrestream.serde.SchemaRegistryClientConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The topic catalog's defaults and overrides. */
class GenreTopicsTest {

    @Test
    void defaultsNameEveryTopicWithItsRetentionOrCompaction() {
        List<TopicSpec> specs = GenreTopics.specs(Map.of());

        assertThat(specs).extracting(TopicSpec::name).containsExactly(
                "audio-chunks", "segment-scores", "track-genres", "stream-genres", "genre-changes", "audio-dead-letters");
        assertThat(specs).allSatisfy(spec -> {
            assertThat(spec.partitions()).isEqualTo(GenreTopics.DEFAULT_PARTITIONS);
            assertThat(spec.replicationFactor()).isEqualTo(GenreTopics.DEFAULT_REPLICATION_FACTOR);
        });
        assertThat(specs.get(0).configs()).containsEntry("retention.ms", "86400000");
        assertThat(specs.get(2).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(specs.get(3).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(specs.get(5).configs()).containsEntry("retention.ms", Long.toString(30L * 24 * 3600 * 1000));
    }

    @Test
    void namesPartitionsReplicationAndConfigsAreOverridable() {
        List<TopicSpec> specs = GenreTopics.specs(Map.of(
                GenreTopics.PARTITIONS, "6",
                GenreTopics.REPLICATION_FACTOR, 3,
                "genre.topics.audio-chunks.name", "prod.audio",
                "genre.topics.audio-chunks.partitions", "12",
                "genre.topics.audio-chunks.config.retention.ms", "3600000",
                "genre.topics.track-genres.config.min.compaction.lag.ms", "60000"));

        TopicSpec audio = specs.get(0);
        assertThat(audio.name()).isEqualTo("prod.audio");
        assertThat(audio.partitions()).isEqualTo(12);
        assertThat(audio.replicationFactor()).isEqualTo((short) 3);
        assertThat(audio.configs()).containsExactlyEntriesOf(Map.of("retention.ms", "3600000"));
        assertThat(specs.get(1).partitions()).isEqualTo(6);
        assertThat(specs.get(2).configs()).containsEntry("cleanup.policy", "compact").containsEntry("min.compaction.lag.ms", "60000");
    }

    @Test
    void badNumbersAreNamed() {
        assertThatThrownBy(() -> GenreTopics.specs(Map.of("genre.topics.segment-scores.partitions", "many")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("genre.topics.segment-scores.partitions");
        assertThatThrownBy(() -> GenreTopics.specs(Map.of(GenreTopics.REPLICATION_FACTOR, "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("genre.topics.replication.factor");
    }

    @Test
    void descriptorsCarryStringKeysAndTheConfiguredValueSerde() {
        GenreTopics topics = new GenreTopics(Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, "http://registry:8081",
                "genre.topics.genre-changes.name", "changes"));

        assertThat(topics.genreChanges().name()).isEqualTo("changes");
        assertThat(topics.audioChunks().keySerde()).isInstanceOf(Serdes.StringSerde.class);
        assertThat(List.of(topics.audioChunks(), topics.segmentScores(), topics.trackGenres(), topics.streamGenres(),
                topics.genreChanges(), topics.deadLetters()))
                .allSatisfy(d -> assertThat(d.valueSerde()).isInstanceOf(ConfluentAvroSerde.class));
        assertThat(topics.specs()).isEqualTo(GenreTopics.specs(Map.of("genre.topics.genre-changes.name", "changes")));
    }

    @Test
    void specsAreImmutable() {
        TopicSpec spec = GenreTopics.specs(Map.of()).get(0);
        assertThatThrownBy(() -> spec.configs().put("retention.ms", "1")).isInstanceOf(UnsupportedOperationException.class);
    }
}
