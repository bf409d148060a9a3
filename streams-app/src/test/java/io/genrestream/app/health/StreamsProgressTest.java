package io.genrestream.app.health;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The readiness rules on plain samples, at chosen times (seconds as nanoseconds). */
class StreamsProgressTest {

    private static final long S = 1_000_000_000L;

    private final StreamsProgress progress = new StreamsProgress(2, 2, Duration.ofSeconds(60), Duration.ofSeconds(30));

    private static StreamsSample sample(State state, int alive, int failed, double processed, double lag) {
        return new StreamsSample(state, alive, failed, processed, lag);
    }

    @Test
    void readyWhileRunningWithAllThreadsAndProgress() {
        assertThat(progress.judge(sample(State.RUNNING, 2, 0, 10, 5), 0).ready()).isTrue();
        assertThat(progress.judge(sample(State.REBALANCING, 2, 0, 20, 5), 10 * S).ready()).isTrue();
    }

    @Test
    void notReadyWhenNotRunningOrAThreadIsMissing() {
        assertThat(progress.judge(sample(State.ERROR, 0, 1, 0, 0), 0).problems())
                .containsExactly("Kafka Streams is ERROR");
        assertThat(progress.judge(sample(State.RUNNING, 1, 1, 0, 0), S).problems())
                .containsExactly("1 of 2 stream threads alive");
    }

    @Test
    void threadDeathsCountWithinTheWindowOnly() {
        assertThat(progress.judge(sample(State.RUNNING, 2, 0, 1, 0), 0).threadFailuresInWindow()).isZero();
        assertThat(progress.judge(sample(State.RUNNING, 2, 2, 2, 0), 20 * S).ready()).as("2 deaths allowed").isTrue();
        StreamsProgress.Verdict third = progress.judge(sample(State.RUNNING, 2, 3, 3, 0), 40 * S);
        assertThat(third.threadFailuresInWindow()).isEqualTo(3);
        assertThat(third.problems()).singleElement().asString().contains("died 3 times").contains("crash loop");
        // 70 s (window from 10 s): the deaths seen at 20 s may have happened after 10 s, so they still count
        assertThat(progress.judge(sample(State.RUNNING, 2, 3, 4, 0), 70 * S).threadFailuresInWindow()).isEqualTo(3);
        // 90 s (window from 30 s): the check at 20 s (2 deaths) is the baseline
        assertThat(progress.judge(sample(State.RUNNING, 2, 3, 5, 0), 90 * S).threadFailuresInWindow()).isEqualTo(1);
        // 110 s (window from 50 s): the check at 40 s (3 deaths) is the baseline: none since
        assertThat(progress.judge(sample(State.RUNNING, 2, 3, 6, 0), 110 * S).ready()).isTrue();
    }

    @Test
    void stalledOnlyWhenInputWaitsWithoutProgressForTheTimeout() {
        assertThat(progress.judge(sample(State.RUNNING, 2, 0, 100, 0), 0).ready()).isTrue();
        assertThat(progress.judge(sample(State.RUNNING, 2, 0, 100, 0), 100 * S).ready())
                .as("nothing waits: idle, not stalled").isTrue();
        assertThat(progress.judge(sample(State.RUNNING, 2, 0, 100, 7), 110 * S).ready()).isTrue();
        StreamsProgress.Verdict stalled = progress.judge(sample(State.RUNNING, 2, 0, 100, 7), 130 * S);
        assertThat(stalled.sinceProgress()).isEqualTo(Duration.ofSeconds(30));
        assertThat(stalled.problems()).singleElement().asString()
                .isEqualTo("no record processed for 30 s while 7 input records wait (stall timeout PT30S)");
        assertThat(progress.judge(sample(State.RUNNING, 2, 0, 101, 6), 131 * S).ready()).as("progress again").isTrue();
    }
}
