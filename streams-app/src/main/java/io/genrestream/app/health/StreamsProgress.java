package io.genrestream.app.health;

import org.apache.kafka.streams.KafkaStreams;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Judges whether the stream threads are doing their work, from successive {@link StreamsSample}s (one per health
 * check): not ready while the client is not running or rebalancing, while fewer stream threads are alive than
 * configured, while threads die more than {@code maxThreadFailures} times within {@code failureWindow} (a crash loop
 * that {@code REPLACE_THREAD} hides from the client state), or while input is waiting ({@code records-lag} &gt; 0) and
 * no record has been processed for {@code stallTimeout}. Failures and progress are counted between checks, so the
 * window is as fine as the probe period (Kubernetes probes every 10 s by default).
 */
public final class StreamsProgress {

    private final int expectedThreads;
    private final int maxThreadFailures;
    private final Duration failureWindow;
    private final Duration stallTimeout;

    private final Deque<TimedCount> failures = new ArrayDeque<>();
    private double lastProcessed = Double.NaN;
    private long lastProgressNanos;

    /**
     * @param expectedThreads   {@code num.stream.threads}
     * @param maxThreadFailures stream-thread deaths tolerated within {@code failureWindow}
     * @param failureWindow     window of the thread deaths
     * @param stallTimeout      how long input may wait without any record processed
     */
    public StreamsProgress(int expectedThreads, int maxThreadFailures, Duration failureWindow, Duration stallTimeout) {
        if (expectedThreads < 1 || maxThreadFailures < 0 || failureWindow.isNegative() || failureWindow.isZero()
                || stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("health settings out of range: threads " + expectedThreads
                    + ", max thread failures " + maxThreadFailures + ", failure window " + failureWindow
                    + ", stall timeout " + stallTimeout);
        }
        this.expectedThreads = expectedThreads;
        this.maxThreadFailures = maxThreadFailures;
        this.failureWindow = failureWindow;
        this.stallTimeout = stallTimeout;
    }

    /** The verdict: reasons for being not ready, empty when ready. */
    public record Verdict(List<String> problems, int threadFailuresInWindow, Duration sinceProgress) {
        public boolean ready() {
            return problems.isEmpty();
        }
    }

    /** Records {@code sample}, taken at {@code nanos} ({@link System#nanoTime()}), and judges it. */
    public synchronized Verdict judge(StreamsSample sample, long nanos) {
        List<String> problems = new ArrayList<>();
        KafkaStreams.State state = sample.state();
        if (!state.isRunningOrRebalancing()) {
            problems.add("Kafka Streams is " + state);
        }
        if (state.isRunningOrRebalancing() && sample.aliveThreads() < expectedThreads) {
            problems.add(sample.aliveThreads() + " of " + expectedThreads + " stream threads alive");
        }
        int recentFailures = recentFailures(sample.failedThreads(), nanos);
        if (recentFailures > maxThreadFailures) {
            problems.add("stream threads died " + recentFailures + " times within " + failureWindow
                    + " (more than " + maxThreadFailures + "): a crash loop");
        }
        if (Double.isNaN(lastProcessed) || sample.processed() != lastProcessed || sample.inputLag() <= 0) {
            lastProcessed = sample.processed();
            lastProgressNanos = nanos;
        }
        Duration sinceProgress = Duration.ofNanos(nanos - lastProgressNanos);
        if (sinceProgress.compareTo(stallTimeout) >= 0) {
            problems.add("no record processed for " + sinceProgress.toSeconds() + " s while "
                    + (long) sample.inputLag() + " input records wait (stall timeout " + stallTimeout + ")");
        }
        return new Verdict(List.copyOf(problems), recentFailures, sinceProgress);
    }

    /** Deaths since the oldest check still inside the window (the count before the window when there is one). */
    private int recentFailures(int failedTotal, long nanos) {
        if (failures.isEmpty()) {
            failures.addLast(new TimedCount(nanos, 0)); // deaths before the first check count as recent
        }
        failures.addLast(new TimedCount(nanos, failedTotal));
        long windowStart = nanos - failureWindow.toNanos();
        // drop checks older than the window, keeping the last of them as the baseline
        while (failures.size() > 1) {
            TimedCount oldest = failures.removeFirst();
            if (failures.getFirst().nanos() > windowStart) {
                failures.addFirst(oldest);
                break;
            }
        }
        return failedTotal - failures.getFirst().count();
    }

    private record TimedCount(long nanos, int count) {
    }
}
