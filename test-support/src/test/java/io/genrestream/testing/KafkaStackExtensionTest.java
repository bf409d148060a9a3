package io.genrestream.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The configured mode (local here, where no Docker engine runs): smoke checks and one stack per JVM. */
@WithKafkaStack
class KafkaStackExtensionTest extends StackSmokeTests {

    private static StackEndpoints resolvedBeforeAll;

    @BeforeAll
    static void resolveInLifecycleMethod(StackEndpoints stack) {
        resolvedBeforeAll = stack;
    }

    @Test
    void everyResolutionGivesTheSameStack(StackEndpoints stack) {
        assertThat(stack).isSameAs(resolvedBeforeAll);
    }

    @Test
    void endpointsMatchTheMode(StackEndpoints stack) {
        if (stack.mode() == StackEndpoints.Mode.LOCAL) {
            assertThat(stack.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
            assertThat(stack.schemaRegistryUrl()).matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7");
        } else {
            assertThat(stack.schemaRegistryUrl()).matches("http://[^/]+:\\d+");
        }
    }
}
