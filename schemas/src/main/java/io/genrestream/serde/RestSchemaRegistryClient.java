package io.genrestream.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link SchemaRegistryClient} over Confluent Schema Registry's REST API (also served by Apicurio Registry under
 * {@code /apis/ccompat/v7}), written here because Confluent's own client jars are not available to this project; it
 * covers exactly the calls the serdes need. It speaks through {@link HttpURLConnection}, not {@code java.net.http}:
 * every Java 17 {@code HttpClient} keeps a selector thread in native code that cannot be stopped (its {@code close} is
 * Java 21), and the JVM waits 300 ms for such threads when it exits, so each app restart paid that before the new
 * instance could start (docs/benchmarks.md, "Failover (issue 17)").
 *
 * <p>Thread-safe. With several URLs configured, each call tries them in order, starting with the one that answered
 * last, until one answers; an HTTP error answer is final (it is the registry's verdict, not an outage).
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    /** Content type of Confluent Schema Registry requests and answers. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final Logger LOG = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistryClientConfig config;
    /** The TLS configuration's socket factory; null: the JVM's default. */
    private final SSLSocketFactory tlsSockets;
    private volatile int preferredUrl;

    /** Schema → id, per subject: what register/lookup answered. */
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
    /** Id → schema: what getById answered (and what register learnt). */
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    public RestSchemaRegistryClient(SchemaRegistryClientConfig config) {
        this.config = config;
        this.tlsSockets = config.tls().map(tls -> RegistrySslContexts.create(tls).getSocketFactory()).orElse(null);
    }

    /** Client configured from a Kafka-style map holding {@code schema.registry.url} and optionally auth/TLS keys. */
    public static RestSchemaRegistryClient fromConfig(Map<String, ?> config) {
        return new RestSchemaRegistryClient(SchemaRegistryClientConfig.from(config));
    }

    @Override
    public int register(String subject, Schema schema) {
        return subjectCache(subject).computeIfAbsent(schema, s -> {
            JsonNode answer = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(s));
            int id = requiredInt(answer, "id", "registering under subject " + subject);
            schemasById.putIfAbsent(id, s);
            LOG.debug("Schema {} registered under subject {} with id {}", s.getFullName(), subject, id);
            return id;
        });
    }

    @Override
    public int lookupId(String subject, Schema schema) {
        return subjectCache(subject).computeIfAbsent(schema, s -> {
            JsonNode answer = call("POST", "/subjects/" + encode(subject), schemaBody(s));
            int id = requiredInt(answer, "id", "looking up the schema under subject " + subject);
            schemasById.putIfAbsent(id, s);
            return id;
        });
    }

    @Override
    public Schema getById(int id) {
        return schemasById.computeIfAbsent(id, i -> {
            JsonNode answer = call("GET", "/schemas/ids/" + i, null);
            return parse(answer, "schema id " + i);
        });
    }

    @Override
    public RegisteredSchema getLatest(String subject) {
        // Not cached: "latest" changes whenever a new version is registered.
        JsonNode answer = call("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        String what = "latest version of subject " + subject;
        int id = requiredInt(answer, "id", what);
        Schema schema = schemasById.computeIfAbsent(id, i -> parse(answer, what));
        return new RegisteredSchema(subject, requiredInt(answer, "version", what), id, schema);
    }

    @Override
    public String describe() {
        return config.urls().toString();
    }

    private Map<Schema, Integer> subjectCache(String subject) {
        return idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
    }

    /**
     * Confluent's registration body. {@code schemaType} is left out: AVRO is the default in Confluent's API and in
     * Apicurio's ccompat API, so the body is valid for both (and for registries older than schemaType).
     */
    private static String schemaBody(Schema schema) {
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.toString());
        return body.toString();
    }

    private JsonNode call(String method, String path, String body) {
        List<URI> urls = config.urls();
        int start = preferredUrl;
        IOException lastFailure = null;
        for (int attempt = 0; attempt < urls.size(); attempt++) {
            int index = (start + attempt) % urls.size();
            URI url = URI.create(urls.get(index) + path);
            int status;
            String answer;
            try {
                HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
                if (tlsSockets != null && connection instanceof HttpsURLConnection https) {
                    https.setSSLSocketFactory(tlsSockets);
                }
                int timeout = (int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis());
                connection.setConnectTimeout(timeout);
                connection.setReadTimeout(timeout);
                connection.setRequestMethod(method);
                connection.setRequestProperty("Accept", CONTENT_TYPE + ", application/json");
                config.authorization().ifPresent(auth -> connection.setRequestProperty("Authorization", auth));
                if (body != null) {
                    connection.setDoOutput(true);
                    connection.setRequestProperty("Content-Type", CONTENT_TYPE);
                    try (OutputStream out = connection.getOutputStream()) {
                        out.write(body.getBytes(StandardCharsets.UTF_8));
                    }
                }
                status = connection.getResponseCode();
                // read to the end and closed, so the connection goes back to the JDK's keep-alive cache
                try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                    answer = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                LOG.warn("Schema registry {} did not answer {} {}: {}", urls.get(index), method, path, e.toString());
                lastFailure = e;
                continue;
            }
            preferredUrl = index;
            return answer(method, url, status, answer);
        }
        throw new SchemaRegistryException("No schema registry answered " + method + " " + path + " (tried " + urls + "): "
                + (lastFailure == null ? "no URL" : lastFailure), lastFailure);
    }

    private static JsonNode answer(String method, URI url, int status, String body) {
        JsonNode json = null;
        try {
            json = body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            // Not JSON (e.g. a proxy's HTML error page): reported below with the raw body.
        }
        if (status >= 200 && status < 300 && json != null) {
            return json;
        }
        int errorCode = json != null && json.hasNonNull("error_code") ? json.get("error_code").asInt() : SchemaRegistryException.NO_ANSWER;
        String message = json != null && json.hasNonNull("message") ? json.get("message").asText() : abbreviate(body);
        throw new SchemaRegistryException("Schema registry answered HTTP " + status
                + (errorCode == SchemaRegistryException.NO_ANSWER ? "" : " error_code " + errorCode)
                + " to " + method + " " + url + ": " + message, status, errorCode);
    }

    private static Schema parse(JsonNode answer, String what) {
        JsonNode schemaType = answer.get("schemaType");
        if (schemaType != null && !schemaType.isNull() && !"AVRO".equals(schemaType.asText())) {
            throw new SchemaRegistryException("The registry's " + what + " is a " + schemaType.asText() + " schema, not AVRO",
                    SchemaRegistryException.NO_ANSWER, SchemaRegistryException.NO_ANSWER);
        }
        JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw new SchemaRegistryException("The registry's answer for " + what + " has no schema: " + answer,
                    SchemaRegistryException.NO_ANSWER, SchemaRegistryException.NO_ANSWER);
        }
        try {
            return new Schema.Parser().parse(text.asText());
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException("The registry's " + what + " is not a valid Avro schema: " + e.getMessage(),
                    SchemaRegistryException.NO_ANSWER, SchemaRegistryException.NO_ANSWER);
        }
    }

    private static int requiredInt(JsonNode answer, String field, String what) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new SchemaRegistryException("The registry's answer to " + what + " has no integer \"" + field + "\": " + answer,
                    SchemaRegistryException.NO_ANSWER, SchemaRegistryException.NO_ANSWER);
        }
        return value.asInt();
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }
}
