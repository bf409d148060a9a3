package io.genrestream.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Minimal client of the Confluent Schema Registry REST API, for tests. */
public final class RegistryClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public RegistryClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** {@code POST /subjects/{subject}/versions}; returns the schema id. */
    public int register(String subject, String avroSchema) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(JSON.createObjectNode().put("schema", avroSchema));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/subjects/" + subject + "/versions"))
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return send(request).get("id").asInt();
    }

    /** {@code GET /schemas/ids/{id}}; returns the schema text. */
    public String schema(int id) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/schemas/ids/" + id)).GET().build();
        return send(request).get("schema").asText();
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(request.method() + " " + request.uri() + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    public static JsonNode parse(String json) throws IOException {
        return JSON.readTree(json);
    }
}
