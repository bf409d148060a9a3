package io.genrestream.producer.source;

import io.genrestream.audio.DecodedPcm;

import io.genrestream.audio.PcmFormat;

/** Plays one decoded track over and over, starting at a given frame. */
public final class LoopingPcm implements PcmSupplier {

    private final DecodedPcm audio;
    private final String description;
    private int position;

    /**
     * @param audio       the track
     * @param description where it came from
     * @param startFrame  frame to start at (different stations looping one file need not be in phase)
     */
    public LoopingPcm(DecodedPcm audio, String description, long startFrame) {
        this.audio = audio;
        this.description = description;
        long frames = audio.pcm().length / audio.format().frameBytes();
        this.position = (int) (Math.floorMod(startFrame, frames) * audio.format().frameBytes());
    }

    @Override
    public PcmFormat format() {
        return audio.format();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void fill(byte[] pcm) {
        byte[] source = audio.pcm();
        int written = 0;
        while (written < pcm.length) {
            int take = Math.min(pcm.length - written, source.length - position);
            System.arraycopy(source, position, pcm, written, take);
            written += take;
            position = (position + take) % source.length;
        }
    }
}
