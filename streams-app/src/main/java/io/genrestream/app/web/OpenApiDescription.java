package io.genrestream.app.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/**
 * Title and version of the OpenAPI description that micronaut-openapi writes at compile time to
 * {@code META-INF/swagger/genre-stream-<version>.yml}; the server exposes that folder at {@code /swagger/}
 * ({@code micronaut.router.static-resources.swagger} in application.yml).
 */
@OpenAPIDefinition(info = @Info(title = "genre-stream", version = OpenApiDescription.VERSION,
        description = "Live music-genre verdicts of audio streams: finished tracks, live streams, genre changes"))
public final class OpenApiDescription {

    /** Version of the REST API; also part of the description's file name. */
    public static final String VERSION = "1.0";

    private OpenApiDescription() {
    }
}
