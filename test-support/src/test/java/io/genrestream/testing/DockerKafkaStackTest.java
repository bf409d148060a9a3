package io.genrestream.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/** Docker mode forced: the same smoke checks against containers; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
@WithKafkaStack(mode = StackModeSetting.DOCKER)
class DockerKafkaStackTest extends StackSmokeTests {

    @Test
    void runsOnContainers(StackEndpoints stack) {
        assertThat(stack.mode()).isEqualTo(StackEndpoints.Mode.DOCKER);
    }
}
