package io.genrestream.app.config;

import io.genrestream.app.topology.PipelineSettings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings come from application.yml and can be overridden by environment variables, resolved by Micronaut's
 * own environment-variable convention (the one its EnvironmentPropertySource applies to the process environment).
 */
class GenreSettingsFactoryTest {

    private static PipelineSettings settings(Map<String, Object> env) {
        try (ApplicationContext ctx = ApplicationContext.builder()
                .propertySources(PropertySource.of("test-env", env,
                        PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .build()) {
            Environment environment = ctx.getEnvironment().start();
            return new GenreSettingsFactory().pipelineSettings(environment);
        }
    }

    @Test
    void applicationYmlGivesTheDocumentedDefaults() {
        PipelineSettings s = settings(Map.of());
        assertThat(s.reorderGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.inactivityTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.hopSeconds()).isEqualTo(3.0);
        assertThat(s.batchLinger()).isEqualTo(Duration.ofMillis(200));
        assertThat(s).isEqualTo(PipelineSettings.builder().build());
    }

    @Test
    void streamsProducersBatchTheRawAudioChangelog() {
        // passed on to Kafka Streams with the rest of kafka.streams.default.*: 256 kB producer batches
        assertThat(streamsProperty(Map.of(), "batch.size")).contains(262_144);
        assertThat(streamsProperty(Map.of("KAFKA_STREAMS_DEFAULT_BATCH_SIZE", "1048576"), "batch.size"))
                .contains(1_048_576);
    }

    private static Optional<Integer> streamsProperty(Map<String, Object> env, String name) {
        try (ApplicationContext ctx = ApplicationContext.builder()
                .propertySources(PropertySource.of("test-env", env,
                        PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .build()) {
            return ctx.getEnvironment().start().getProperty("kafka.streams.default." + name, Integer.class);
        }
    }

    @Test
    void environmentVariablesOverrideEverySettingGroup() {
        PipelineSettings s = settings(Map.of(
                "GENRE_SEGMENT_HOP_SECONDS", "1.5",
                "GENRE_ORDERING_GRACE", "7s",
                "GENRE_TRACKS_MAX_OPEN", "12",
                "GENRE_INPUT_MAX_SAMPLE_RATE", "44100",
                "GENRE_SCORING_BATCH_SIZE", "8",
                "GENRE_VOTE_CHANGE_STREAK", "5"));
        assertThat(s.hopSeconds()).isEqualTo(1.5);
        assertThat(s.reorderGrace()).isEqualTo(Duration.ofSeconds(7));
        assertThat(s.maxOpenTracks()).isEqualTo(12);
        assertThat(s.maxSampleRate()).isEqualTo(44100);
        assertThat(s.batchSize()).isEqualTo(8);
        assertThat(s.changeStreak()).isEqualTo(5);
        assertThat(s.summaryStride()).isEqualTo(2);
    }
}
