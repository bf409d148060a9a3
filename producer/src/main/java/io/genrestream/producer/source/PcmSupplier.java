package io.genrestream.producer.source;

import io.genrestream.audio.PcmFormat;

/** An endless source of 16-bit little-endian PCM for simulated stations. */
public interface PcmSupplier {

    /** Layout of the PCM it fills. */
    PcmFormat format();

    /** What the audio is, for the stream's metadata. */
    String description();

    /** Fills all of {@code pcm} with the next samples (its length is a whole number of frames). */
    void fill(byte[] pcm);
}
