package io.genrestream.serde;

import org.apache.kafka.common.config.ConfigException;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.nio.charset.StandardCharsets;

/**
 * Connection settings of a {@link RestSchemaRegistryClient}, read from the configuration keys Confluent's clients
 * use, so one configuration map works for our serdes and Confluent's.
 *
 * @param urls          registry base URLs, tried in order until one answers
 * @param authorization value of the HTTP {@code Authorization} header, if basic auth is configured
 * @param tls           TLS material, if any truststore or keystore is configured
 * @param timeout       connect and request timeout
 */
public record SchemaRegistryClientConfig(List<URI> urls, Optional<String> authorization, Optional<TlsSettings> tls, Duration timeout) {

    /** Comma-separated registry base URLs. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** Where basic-auth credentials come from: USER_INFO (from {@link #BASIC_AUTH_USER_INFO}) or URL (user info of the URL). */
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    /** {@code user:password} for basic auth when the source is USER_INFO. */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** Alternative spelling of {@link #BASIC_AUTH_USER_INFO} that Confluent's clients also accept. */
    public static final String SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO = "schema.registry.basic.auth.user.info";
    /** Registry request timeout in milliseconds (default {@value #DEFAULT_TIMEOUT_MS}). */
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
    public static final int DEFAULT_TIMEOUT_MS = 30_000;

    public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String SSL_KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
    public static final String SSL_KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
    public static final String SSL_KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
    public static final String SSL_KEY_PASSWORD = "schema.registry.ssl.key.password";
    /** Store type when none is configured; Confluent's default as well. */
    public static final String DEFAULT_STORE_TYPE = "JKS";

    public SchemaRegistryClientConfig {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, "", "at least one schema registry URL is needed");
        }
    }

    /** Reads the settings from a Kafka-style configuration map (the serde's or the whole application's). */
    public static SchemaRegistryClientConfig from(Map<String, ?> config) {
        ConfigValues values = new ConfigValues(config);
        List<URI> urls = parseUrls(values.requiredString(SCHEMA_REGISTRY_URL));
        Optional<String> authorization = basicAuth(values, urls);
        Optional<TlsSettings> tls = values.string(SSL_TRUSTSTORE_LOCATION).isPresent() || values.string(SSL_KEYSTORE_LOCATION).isPresent()
                ? Optional.of(new TlsSettings(
                values.string(SSL_TRUSTSTORE_LOCATION), values.string(SSL_TRUSTSTORE_PASSWORD),
                values.string(SSL_TRUSTSTORE_TYPE).orElse(DEFAULT_STORE_TYPE),
                values.string(SSL_KEYSTORE_LOCATION), values.string(SSL_KEYSTORE_PASSWORD),
                values.string(SSL_KEYSTORE_TYPE).orElse(DEFAULT_STORE_TYPE), values.string(SSL_KEY_PASSWORD)))
                : Optional.empty();
        Duration timeout = Duration.ofMillis(values.positiveInt(REQUEST_TIMEOUT_MS, DEFAULT_TIMEOUT_MS));
        return new SchemaRegistryClientConfig(urls.stream().map(SchemaRegistryClientConfig::withoutUserInfo).toList(), authorization, tls, timeout);
    }

    /** Credentials in a URL go into the Authorization header, never into the request line. */
    private static URI withoutUserInfo(URI uri) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
        } catch (URISyntaxException e) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, uri.toString(), e.getMessage());
        }
    }

    private static List<URI> parseUrls(String commaList) {
        List<URI> urls = new ArrayList<>();
        for (String part : commaList.split(",")) {
            String text = part.trim();
            if (text.isEmpty()) {
                continue;
            }
            try {
                URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                    throw new ConfigException(SCHEMA_REGISTRY_URL, commaList, "URL \"" + text + "\" must start with http:// or https://");
                }
                urls.add(uri);
            } catch (URISyntaxException e) {
                throw new ConfigException(SCHEMA_REGISTRY_URL, commaList, "not a URL: " + e.getMessage());
            }
        }
        if (urls.isEmpty()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, commaList, "no URL given");
        }
        return urls;
    }

    private static Optional<String> basicAuth(ConfigValues values, List<URI> urls) {
        Optional<String> source = values.string(BASIC_AUTH_CREDENTIALS_SOURCE);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        String userInfo = switch (source.get()) {
            case "USER_INFO" -> values.string(BASIC_AUTH_USER_INFO).or(() -> values.string(SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO))
                    .orElseThrow(() -> new ConfigException(BASIC_AUTH_USER_INFO + " must be set (user:password) when "
                            + BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO"));
            case "URL" -> Optional.ofNullable(urls.get(0).getRawUserInfo())
                    .orElseThrow(() -> new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE + "=URL but " + SCHEMA_REGISTRY_URL
                            + " has no user:password@ part"));
            default -> throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE, source.get(),
                    "supported sources are USER_INFO and URL");
        };
        if (!userInfo.contains(":")) {
            throw new ConfigException("basic auth user info must have the form user:password");
        }
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * TLS material for HTTPS registries.
     *
     * @param truststoreLocation file of the truststore holding the registry's CA; JDK default trust when empty
     * @param keystoreLocation   file of the client keystore for mutual TLS; none when empty
     */
    public record TlsSettings(Optional<String> truststoreLocation, Optional<String> truststorePassword, String truststoreType,
                              Optional<String> keystoreLocation, Optional<String> keystorePassword, String keystoreType,
                              Optional<String> keyPassword) {

        @Override
        public String toString() {
            return "TlsSettings[truststore=" + truststoreLocation.orElse("<jdk default>") + " (" + truststoreType + "), keystore="
                    + keystoreLocation.orElse("<none>") + " (" + keystoreType + ")]";
        }
    }

    @Override
    public String toString() {
        // Never print the credentials.
        return "SchemaRegistryClientConfig[urls=" + urls + ", basicAuth=" + authorization.isPresent() + ", tls=" + tls.orElse(null)
                + ", timeout=" + timeout + "]";
    }
}
