package io.genrestream.producer;

import io.genrestream.audio.PcmFormat;

/**
 * Holds a sender back to the speed of playback: after {@code n} bytes of audio it waits until their play time has
 * passed since the pacer started, so a file is sent like a live broadcast. Sleeping never undershoots, so the
 * stream is never early; a slow sender simply is not slowed further.
 */
public final class RealtimePacer {

    private final PcmFormat format;
    private final long startNanos;

    /** Starts the clock now. */
    public RealtimePacer(PcmFormat format) {
        this.format = format;
        this.startNanos = System.nanoTime();
    }

    /** Waits until the first {@code bytesSent} bytes have had time to play. */
    public void awaitPlayTime(long bytesSent) throws InterruptedException {
        long dueNanos = startNanos + format.durationOf(bytesSent).toNanos();
        long waitNanos = dueNanos - System.nanoTime();
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }
}
