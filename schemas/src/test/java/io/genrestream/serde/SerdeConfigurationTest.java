package io.genrestream.serde;

import io.genrestream.avro.AudioChunk;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configuration parsing of the registry client, the serdes and the serde factory. */
class SerdeConfigurationTest {

    private static final String URL = SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL;

    @Test
    void missingRegistryUrlIsNamed() {
        assertThatThrownBy(() -> new ConfluentAvroSerde<AudioChunk>().configure(Map.of(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void urlListIsParsedInOrder() {
        SchemaRegistryClientConfig config = SchemaRegistryClientConfig.from(Map.of(URL, " http://a:8081/ , https://b:8443/apis/ccompat/v7"));
        assertThat(config.urls()).containsExactly(URI.create("http://a:8081"), URI.create("https://b:8443/apis/ccompat/v7"));
        assertThat(config.authorization()).isEmpty();
        assertThat(config.tls()).isEmpty();
    }

    @Test
    void nonHttpUrlIsRefused() {
        assertThatThrownBy(() -> SchemaRegistryClientConfig.from(Map.of(URL, "localhost:8081")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http://");
    }

    @Test
    void userInfoBecomesABasicAuthorizationHeader() {
        SchemaRegistryClientConfig config = SchemaRegistryClientConfig.from(Map.of(URL, "http://r:8081",
                SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                SchemaRegistryClientConfig.BASIC_AUTH_USER_INFO, "alice:s3cret"));
        assertThat(config.authorization()).contains("Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes()));
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void credentialsInTheUrlMoveToTheHeader() {
        SchemaRegistryClientConfig config = SchemaRegistryClientConfig.from(Map.of(URL, "http://bob:pw@r:8081/base",
                SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "URL"));
        assertThat(config.authorization()).contains("Basic " + Base64.getEncoder().encodeToString("bob:pw".getBytes()));
        assertThat(config.urls()).containsExactly(URI.create("http://r:8081/base"));
    }

    @Test
    void basicAuthErrorsAreNamed() {
        assertThatThrownBy(() -> SchemaRegistryClientConfig.from(Map.of(URL, "http://r",
                SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("basic.auth.user.info");
        assertThatThrownBy(() -> SchemaRegistryClientConfig.from(Map.of(URL, "http://r",
                SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "SASL_INHERIT")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("USER_INFO and URL");
    }

    @Test
    void unreadableTruststoreIsNamed() {
        assertThatThrownBy(() -> RestSchemaRegistryClient.fromConfig(Map.of(URL, "https://r:8443",
                SchemaRegistryClientConfig.SSL_TRUSTSTORE_LOCATION, "/no/such/truststore.jks",
                SchemaRegistryClientConfig.SSL_TRUSTSTORE_PASSWORD, "changeit")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.ssl.truststore.location")
                .hasMessageContaining("/no/such/truststore.jks");
    }

    @Test
    void onlyTopicNameStrategyIsAccepted() {
        Map<String, Object> config = Map.of(URL, "http://r",
                AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "io.confluent.kafka.serializers.subject.RecordNameStrategy");
        assertThatThrownBy(() -> new ConfluentAvroSerde<AudioChunk>().configure(config, false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("value.subject.name.strategy")
                .hasMessageContaining("TopicNameStrategy");
        // the key strategy does not matter for a value serde, and TopicNameStrategy itself is fine
        assertThat(AvroSerdeConfig.from(Map.of(AvroSerdeConfig.KEY_SUBJECT_NAME_STRATEGY, "x.Other",
                AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "io.confluent.kafka.serializers.subject.TopicNameStrategy"), false))
                .isEqualTo(new AvroSerdeConfig(true, false, false));
    }

    @Test
    void booleansMustBeBooleans() {
        assertThatThrownBy(() -> AvroSerdeConfig.from(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "yes"), false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auto.register.schemas");
        assertThat(AvroSerdeConfig.from(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false, AvroSerdeConfig.USE_LATEST_VERSION, "TRUE",
                AvroSerdeConfig.SPECIFIC_AVRO_READER, "true"), false)).isEqualTo(new AvroSerdeConfig(false, true, true));
    }

    @Test
    void factoryCreatesTheDefaultSerdeConfigured() {
        Serde<AudioChunk> serde = new SerdeFactory(Map.of(URL, "http://r:8081")).valueSerde();
        assertThat(serde).isInstanceOf(ConfluentAvroSerde.class);
    }

    @Test
    void factoryInstantiatesTheConfiguredClassAndConfiguresIt() {
        Map<String, Object> config = new HashMap<>();
        config.put(SerdeFactory.SERDE_CLASS, RecordingSerde.class.getName());
        config.put("some.setting", "value");
        Serde<Object> serde = new SerdeFactory(config).create(true);
        assertThat(serde).isInstanceOf(RecordingSerde.class);
        assertThat(((RecordingSerde) serde).configuredWith).containsEntry("some.setting", "value");
        assertThat(((RecordingSerde) serde).isKey).isTrue();
    }

    @Test
    void factoryErrorsNameTheClass() {
        assertThatThrownBy(() -> new SerdeFactory(Map.of(SerdeFactory.SERDE_CLASS, "io.confluent.kafka.streams.serdes.avro.SpecificAvroSerde")).valueSerde())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("genre.serde.class")
                .hasMessageContaining("SpecificAvroSerde")
                .hasMessageContaining("not found");
        assertThatThrownBy(() -> new SerdeFactory(Map.of(SerdeFactory.SERDE_CLASS, StringSerializer.class.getName())).valueSerde())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not implement org.apache.kafka.common.serialization.Serde");
        assertThatThrownBy(() -> new SerdeFactory(Map.of(SerdeFactory.SERDE_CLASS, List.class.getName())).valueSerde())
                .isInstanceOf(ConfigException.class);
    }

    /** A Serde that only records how it was configured, to show the factory passes the map through. */
    public static final class RecordingSerde implements Serde<Object> {
        Map<String, Object> configuredWith;
        boolean isKey;

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            this.configuredWith = new HashMap<>(configs);
            this.isKey = isKey;
        }

        @Override
        public org.apache.kafka.common.serialization.Serializer<Object> serializer() {
            return (topic, data) -> null;
        }

        @Override
        public org.apache.kafka.common.serialization.Deserializer<Object> deserializer() {
            return (topic, data) -> null;
        }
    }
}
