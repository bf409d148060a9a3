package io.genrestream.producer.cli;

import io.genrestream.producer.UploadedTrack;
import java.util.Locale;

/** One-line descriptions of what was sent, for the commands' output. */
final class Reports {

    private Reports() {
    }

    static String describe(UploadedTrack track, String topic) {
        return String.format(Locale.ROOT, "sent track %s: %s, %.1f s, %s, %d chunks (end marker included) to %s",
                track.trackId(), track.source(), track.audioDuration().toMillis() / 1000.0, track.format(),
                track.chunks(), topic);
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
