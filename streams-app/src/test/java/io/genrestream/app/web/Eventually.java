package io.genrestream.app.web;

import java.time.Duration;
import java.time.Instant;

/**
 * Retries an assertion until it passes or a deadline expires, then rethrows its last failure. (Awaitility would do
 * this, but it is not among the build's pinned dependencies and the need is this one loop.)
 */
final class Eventually {

    private Eventually() {
    }

    static void within(Duration timeout, Runnable assertion) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError | RuntimeException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
