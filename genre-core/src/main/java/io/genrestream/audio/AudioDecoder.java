package io.genrestream.audio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Decodes WAV and AU files (javax.sound.sampled) holding 16-bit signed PCM, any sample rate and channel count,
 * into mono floats scaled as librosa scales them ({@code int16 / 32768}, channels averaged).
 *
 * <p>Supported: 16-bit signed PCM, little- or big-endian (WAV is little-endian, AU big-endian). Everything else
 * (8-bit, 24-bit, 32-bit, float, mu-law, A-law) is rejected with an {@link AudioFormatException} naming it.
 */
public final class AudioDecoder {

    private static final int SUPPORTED_BITS = 16;

    private AudioDecoder() {
    }

    /** Decodes a WAV or AU file. */
    public static DecodedAudio read(Path file) throws IOException {
        if (Files.size(file) == 0) {
            throw new AudioFormatException("audio file " + file + " is empty");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return read(in, file.toString());
        }
    }

    /**
     * Decodes a WAV or AU stream; {@code name} appears in error messages.
     *
     * @throws AudioFormatException if the stream is empty, its header is not WAV/AU, its encoding is not 16-bit
     *                              signed PCM or its data ends in the middle of a frame
     */
    public static DecodedAudio read(InputStream in, String name) throws IOException {
        InputStream marked = in.markSupported() ? in : new BufferedInputStream(in);
        AudioInputStream ais;
        try {
            ais = AudioSystem.getAudioInputStream(marked);
        } catch (UnsupportedAudioFileException e) {
            throw new AudioFormatException(name + ": not a readable WAV/AU file (corrupt, empty or unknown header)", e);
        }
        try (ais) {
            AudioFormat format = ais.getFormat();
            requireSupported(format, name);
            byte[] bytes = ais.readAllBytes();
            int channels = format.getChannels();
            int frameBytes = channels * SUPPORTED_BITS / 8;
            if (bytes.length == 0) {
                throw new AudioFormatException(name + ": holds no samples");
            }
            if (bytes.length % frameBytes != 0) {
                throw new AudioFormatException(name + ": data length " + bytes.length
                        + " bytes is not a whole number of " + frameBytes + "-byte frames (truncated file?)");
            }
            ByteOrder order = format.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            float[] interleaved = PcmCodec.decodeS16(bytes, order);
            float rate = format.getSampleRate();
            if (!(rate > 0) || rate != Math.rint(rate)) {
                throw new AudioFormatException(name + ": sample rate must be a positive whole number, was " + rate);
            }
            return new DecodedAudio(PcmCodec.downmix(interleaved, channels), (int) rate, channels);
        }
    }

    private static void requireSupported(AudioFormat format, String name) {
        boolean pcm16 = AudioFormat.Encoding.PCM_SIGNED.equals(format.getEncoding())
                && format.getSampleSizeInBits() == SUPPORTED_BITS;
        if (!pcm16) {
            throw new AudioFormatException(name + ": unsupported encoding " + format.getEncoding() + " "
                    + format.getSampleSizeInBits() + "-bit; supported is 16-bit signed PCM (WAV or AU)");
        }
        if (format.getChannels() < 1) {
            throw new AudioFormatException(name + ": channel count " + format.getChannels() + " is not supported");
        }
    }
}
