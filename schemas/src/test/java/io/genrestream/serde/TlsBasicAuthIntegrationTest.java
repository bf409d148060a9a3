package io.genrestream.serde;

import io.genrestream.avro.AudioChunk;
import io.genrestream.testing.StackEndpoints;
import io.genrestream.testing.WithKafkaStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The serde's TLS and basic-auth settings, against the real registry behind an HTTPS front that demands credentials. */
@WithKafkaStack
class TlsBasicAuthIntegrationTest {

    @Test
    void serdeTalksTlsWithBasicAuthToTheRegistry(StackEndpoints stack, @TempDir Path dir) throws Exception {
        TlsBasicAuthProxy.createStores(dir);
        URI upstream = URI.create(stack.schemaRegistryUrl());
        try (TlsBasicAuthProxy proxy = new TlsBasicAuthProxy(dir.resolve("server.p12"),
                upstream.getScheme() + "://" + upstream.getAuthority(), "genre", "s3cret")) {
            Map<String, Object> config = new HashMap<>();
            config.put(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, proxy.url(upstream.getPath()));
            config.put(SchemaRegistryClientConfig.SSL_TRUSTSTORE_LOCATION, dir.resolve("truststore.p12").toString());
            config.put(SchemaRegistryClientConfig.SSL_TRUSTSTORE_PASSWORD, TlsBasicAuthProxy.PASSWORD);
            config.put(SchemaRegistryClientConfig.SSL_TRUSTSTORE_TYPE, "PKCS12");
            config.put(SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
            config.put(SchemaRegistryClientConfig.BASIC_AUTH_USER_INFO, "genre:s3cret");
            String topic = "tls-" + UUID.randomUUID();
            AudioChunk chunk = TestRecords.audioChunk("tls-1", 0);

            ConfluentAvroSerde<AudioChunk> writer = new ConfluentAvroSerde<>();
            writer.configure(config, false);
            byte[] bytes = writer.serializer().serialize(topic, chunk);
            ConfluentAvroSerde<AudioChunk> reader = new ConfluentAvroSerde<>();
            reader.configure(config, false);

            assertThat(reader.deserializer().deserialize(topic, bytes)).isEqualTo(chunk);
            assertThat(proxy.requestLines()).anyMatch(line -> line.startsWith("POST " + upstream.getPath() + "/subjects/" + topic))
                    .anyMatch(line -> line.startsWith("GET " + upstream.getPath() + "/schemas/ids/"));

            Map<String, Object> wrongPassword = new HashMap<>(config);
            wrongPassword.put(SchemaRegistryClientConfig.BASIC_AUTH_USER_INFO, "genre:wrong");
            assertThatThrownBy(() -> RestSchemaRegistryClient.fromConfig(wrongPassword).getLatest(topic + "-value"))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(401))
                    .hasMessageContaining("HTTP 401").hasMessageContaining("Unauthorized");

            Map<String, Object> untrusted = new HashMap<>(config);
            untrusted.remove(SchemaRegistryClientConfig.SSL_TRUSTSTORE_LOCATION);
            assertThatThrownBy(() -> RestSchemaRegistryClient.fromConfig(untrusted).getLatest(topic + "-value"))
                    .isInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("No schema registry answered");
        }
    }
}
