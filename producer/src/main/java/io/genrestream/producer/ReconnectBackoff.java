package io.genrestream.producer;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delays between reconnection attempts of a live stream: exponential, capped, with random jitter so many producers
 * that lost the same server do not come back in lockstep.
 *
 * <p>Before retry {@code n} (1-based) the delay is {@code min(maxDelay, initialDelay * multiplier^(n-1))}, reduced
 * by a random fraction of at most {@code jitter}. So it never exceeds the capped exponential value and never goes
 * below {@code (1 - jitter)} of it, which keeps the pause between attempts bounded from below: no tight loop.
 *
 * @param initialDelay delay before the first retry
 * @param maxDelay     cap of the delay
 * @param multiplier   growth per consecutive failure, at least 1
 * @param jitter       largest fraction taken off a delay at random, in [0, 1)
 * @param maxRetries   consecutive failed attempts tolerated before giving up; negative = retry forever
 */
public record ReconnectBackoff(Duration initialDelay, Duration maxDelay, double multiplier, double jitter,
        int maxRetries) {

    /** 1 s, doubling, capped at 60 s, up to 30 % jitter, retrying forever. */
    public static final ReconnectBackoff DEFAULT =
            new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0, 0.3, -1);

    /** Validates the values. */
    public ReconnectBackoff {
        if (initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("initial delay must be positive, got " + initialDelay);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("max delay " + maxDelay + " is below the initial delay " + initialDelay);
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("multiplier must be at least 1, got " + multiplier);
        }
        if (jitter < 0.0 || jitter >= 1.0) {
            throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
        }
    }

    /** Same policy with another retry limit. */
    public ReconnectBackoff withMaxRetries(int retries) {
        return new ReconnectBackoff(initialDelay, maxDelay, multiplier, jitter, retries);
    }

    /** True while retry number {@code retry} (1-based) is still allowed. */
    public boolean allowsRetry(int retry) {
        return maxRetries < 0 || retry <= maxRetries;
    }

    /** Capped exponential delay before retry {@code retry}, before jitter. */
    public Duration nominalDelay(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries count from 1, got " + retry);
        }
        double millis = initialDelay.toMillis() * Math.pow(multiplier, retry - 1);
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis(Math.round(millis));
    }

    /** Shortest delay jitter can produce before retry {@code retry}. */
    public Duration minimumDelay(int retry) {
        return Duration.ofMillis((long) Math.floor(nominalDelay(retry).toMillis() * (1.0 - jitter)));
    }

    /**
     * Delay before retry {@code retry}.
     *
     * @param uniform random numbers in [0, 1)
     */
    public Duration delay(int retry, DoubleSupplier uniform) {
        long nominal = nominalDelay(retry).toMillis();
        long reduced = Math.round(nominal * (1.0 - jitter * uniform.getAsDouble()));
        return Duration.ofMillis(Math.max(minimumDelay(retry).toMillis(), reduced));
    }
}
