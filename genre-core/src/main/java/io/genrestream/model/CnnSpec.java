package io.genrestream.model;

import java.util.Arrays;

/**
 * Architecture of the log-mel CNN segment model ({@link GenreBlocks#cnn}): a segment's log-mel spectrogram
 * [batch, frames, bands] read as a one-channel image, a stack of 3x3 convolution → batch norm → ReLU → 2x2 max-pool
 * blocks (one per entry of {@code channels}), global average pooling, dropout and a linear layer to the class logits.
 * Small on purpose: it is trained from scratch on a few thousand segments, on a CPU.
 *
 * @param channels output channels of each convolution block, in order
 * @param dropout  dropout before the linear layer (0 = none)
 * @param frames   frames per segment (image height)
 * @param bands    mel bands (image width)
 * @param classes  genres (output logits)
 */
public record CnnSpec(int[] channels, float dropout, int frames, int bands, int classes) {

    /** Default channels of the convolution blocks. */
    public static final int[] DEFAULT_CHANNELS = {8, 16, 32};
    /** Default dropout before the classifier. */
    public static final float DEFAULT_DROPOUT = 0.3f;

    public CnnSpec {
        if (channels == null || channels.length == 0 || Arrays.stream(channels).anyMatch(c -> c < 1)) {
            throw new IllegalArgumentException("a CNN needs at least one convolution block with >= 1 channel, got "
                    + Arrays.toString(channels));
        }
        // every block halves both axes; the last feature map must still be at least 1x1
        int shrink = 1 << channels.length;
        if (frames < shrink || bands < shrink || classes < 2) {
            throw new IllegalArgumentException("CNN input " + frames + "x" + bands + " is too small for "
                    + channels.length + " pooling blocks (needs >= " + shrink + " per axis), or classes < 2: "
                    + classes);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        channels = channels.clone();
    }

    @Override
    public int[] channels() {
        return channels.clone();
    }

    /** A builder with the defaults above. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CnnSpec s && Arrays.equals(s.channels, channels) && s.dropout == dropout
                && s.frames == frames && s.bands == bands && s.classes == classes;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(channels) + java.util.Objects.hash(dropout, frames, bands, classes);
    }

    @Override
    public String toString() {
        return "CnnSpec[channels=" + Arrays.toString(channels) + ", dropout=" + dropout + ", input=" + frames + "x"
                + bands + ", classes=" + classes + "]";
    }

    /** Builds a {@link CnnSpec}: frames, bands and classes are required. */
    public static final class Builder {
        private int[] channels = DEFAULT_CHANNELS;
        private float dropout = DEFAULT_DROPOUT;
        private int frames;
        private int bands;
        private int classes;

        private Builder() {
        }

        public Builder setFrames(int frames) {
            this.frames = frames;
            return this;
        }

        public Builder setBands(int bands) {
            this.bands = bands;
            return this;
        }

        public Builder setClasses(int classes) {
            this.classes = classes;
            return this;
        }

        public Builder optChannels(int... channels) {
            this.channels = channels.clone();
            return this;
        }

        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        public CnnSpec build() {
            return new CnnSpec(channels, dropout, frames, bands, classes);
        }
    }
}
