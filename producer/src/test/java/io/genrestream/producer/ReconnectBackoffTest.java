package io.genrestream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    private final ReconnectBackoff backoff =
            new ReconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(1000), 2.0, 0.25, 5);

    @Test
    void growsExponentiallyUpToTheCap() {
        assertThat(java.util.stream.IntStream.rangeClosed(1, 6).mapToObj(backoff::nominalDelay).map(Duration::toMillis))
                .containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
    }

    @Test
    void jitterOnlyShortensWithinItsFraction() {
        assertThat(backoff.delay(3, () -> 0.0)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.delay(3, () -> 0.5)).isEqualTo(Duration.ofMillis(350));
        assertThat(backoff.delay(3, () -> 0.999_999)).isEqualTo(Duration.ofMillis(300));
        assertThat(backoff.minimumDelay(3)).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void countsRetries() {
        assertThat(backoff.allowsRetry(5)).isTrue();
        assertThat(backoff.allowsRetry(6)).isFalse();
        assertThat(backoff.withMaxRetries(-1).allowsRetry(1_000_000)).isTrue();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ZERO, Duration.ofSeconds(1), 2, 0.1, 1))
                .hasMessageContaining("initial delay");
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 2, 1.0, 1))
                .hasMessageContaining("jitter");
        assertThatThrownBy(() -> backoff.nominalDelay(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
