package io.genrestream.vote;

/**
 * A live stream's genre changed.
 *
 * @param from       the genre before, {@code null} when the stream had none yet
 * @param to         the new genre
 * @param confidence confidence of the verdict that completed the change
 */
public record GenreChange(String from, String to, double confidence) {
}
