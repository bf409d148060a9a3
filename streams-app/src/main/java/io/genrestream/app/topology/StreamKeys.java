package io.genrestream.app.topology;

/**
 * Keys of the stores that hold several records per stream (held chunks, audio blocks, votes): stream id, a NUL
 * separator, then a zero-padded position, so a prefix scan returns one stream's records in order and no stream's
 * prefix is another's (stream ids cannot end a key before the separator).
 */
final class StreamKeys {

    private static final char SEPARATOR = '\u0000';

    private StreamKeys() {
    }

    /** The prefix every key of {@code streamId} starts with. */
    static String prefix(String streamId) {
        return streamId + SEPARATOR;
    }

    /** The key of {@code streamId}'s record at {@code position} (not negative), ordered by position. */
    static String key(String streamId, long position) {
        return prefix(streamId) + String.format("%019d", position);
    }

    /** The position a {@link #key} holds. */
    static long position(String key) {
        return Long.parseLong(key.substring(key.lastIndexOf(SEPARATOR) + 1));
    }
}
