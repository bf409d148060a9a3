package io.genrestream.app;

import io.genrestream.app.web.WebTestApp;
import io.genrestream.testing.StackEndpoints;
import io.genrestream.testing.WithKafkaStack;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The model bundle loads in the background while Kafka Streams starts, yet a bundle whose model file cannot be read
 * still fails the app's start, with the bundle named, as it did when the bundle loaded first.
 */
@WithKafkaStack
class BundleAtStartEndToEndTest {

    @Test
    void anUnreadableModelFileFailsTheStart(StackEndpoints stack) throws Exception {
        String run = WebTestApp.newRun("bundle-at-start");
        Map<String, Object> props = WebTestApp.properties(stack, run);
        Path bundle = Path.of(props.get("genre.bundle.path").toString());
        Files.writeString(bundle.resolve("summary-0000.params"), "not parameters");
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, props).close())
                .hasStackTraceContaining("model bundle " + bundle + " could not be loaded")
                .hasStackTraceContaining("SUMMARY");
    }
}
