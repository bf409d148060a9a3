package io.genrestream.stack;

import java.time.Duration;
import java.util.Objects;

/**
 * How one child service of the stack is run.
 *
 * @param port         TCP port on 127.0.0.1 it serves clients on; 0 picks a free one
 * @param heapMb       maximum heap of its JVM ({@code -Xmx}) in MB
 * @param startTimeout how long to wait until it answers
 * @param stopGrace    how long to wait after the graceful stop signal before killing it
 */
public record ChildSettings(int port, int heapMb, Duration startTimeout, Duration stopGrace) {

    /** Validates the values. */
    public ChildSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (any free port) or 1..65535, got " + port);
        }
        if (heapMb < 64) {
            throw new IllegalArgumentException("heap must be at least 64 MB, got " + heapMb);
        }
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(stopGrace, "stopGrace");
        if (startTimeout.isNegative() || startTimeout.isZero() || stopGrace.isNegative()) {
            throw new IllegalArgumentException("startTimeout must be positive and stopGrace not negative");
        }
    }
}
