package io.genrestream.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * The one way Genre Stream reads an audio file (producer, trainer, tests): to 16-bit PCM, or to mono floats.
 *
 * <p>WAV, AU and AIFF (recognised by their magic bytes or their extension) are read with the JDK's
 * {@code javax.sound.sampled} in the file's own rate and channel count; 8-bit, big-endian, μ-law and float samples
 * are converted to signed 16-bit little-endian. Every other file goes through {@link FfmpegDecoder}. A WAV/AU/AIFF
 * file the JDK cannot read is reported as corrupt rather than passed to ffmpeg, so the message names the real
 * problem.
 */
public final class AudioFileDecoder {

    private static final Set<String> NATIVE_EXTENSIONS = Set.of("wav", "wave", "au", "snd", "aiff", "aif");

    private final FfmpegDecoder ffmpeg;

    /** @param ffmpeg decoder of the formats the JDK does not read */
    public AudioFileDecoder(FfmpegDecoder ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /** WAV/AU/AIFF in Java, everything else with {@link FfmpegDecoder#onPath()}. */
    public static AudioFileDecoder standard() {
        return new AudioFileDecoder(FfmpegDecoder.onPath());
    }

    /** The ffmpeg fallback. */
    public FfmpegDecoder ffmpeg() {
        return ffmpeg;
    }

    /**
     * Decodes {@code file} completely, so a corrupt file fails before any of it is sent.
     *
     * @throws AudioDecodeException naming the file and the reason (missing, unreadable, corrupt, unsupported,
     *                              ffmpeg missing, no audio)
     */
    public DecodedPcm decode(Path file) throws AudioDecodeException {
        requireReadable(file);
        return isNativeFormat(file) ? decodeNatively(file) : ffmpeg.decode(file);
    }

    private static void requireReadable(Path file) throws AudioDecodeException {
        if (!Files.exists(file)) {
            throw new AudioDecodeException("file not found: " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new AudioDecodeException("not a regular file: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new AudioDecodeException("file is not readable (permissions): " + file);
        }
    }

    /**
     * Mono samples of {@code file} at {@code sampleRate}, what the models are trained on: WAV/AU/AIFF decoded here
     * and resampled with {@link AudioResampler}; anything else decoded and resampled by ffmpeg to 32-bit floats.
     */
    public float[] decodeMono(Path file, int sampleRate) throws AudioDecodeException {
        requireReadable(file);
        return isNativeFormat(file) ? decodeNatively(file).toMono().resampledTo(sampleRate)
                : ffmpeg.decodeMono(file, sampleRate);
    }

    /** True for files handled by javax.sound (WAV/AU/AIFF by magic bytes or extension). */
    static boolean isNativeFormat(Path file) throws AudioDecodeException {
        byte[] head = new byte[12];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new AudioDecodeException("cannot read " + file + ": " + e.getMessage(), e);
        }
        boolean riffWave = read >= 12 && ascii(head, 0, 4).equals("RIFF") && ascii(head, 8, 4).equals("WAVE");
        boolean sunAu = read >= 4 && ascii(head, 0, 4).equals(".snd");
        boolean aiff = read >= 12 && ascii(head, 0, 4).equals("FORM") && ascii(head, 8, 3).equals("AIF");
        return riffWave || sunAu || aiff || NATIVE_EXTENSIONS.contains(extension(file));
    }

    private static DecodedPcm decodeNatively(Path file) throws AudioDecodeException {
        try (AudioInputStream source = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat sourceFormat = source.getFormat();
            int channels = sourceFormat.getChannels();
            int rate = Math.round(sourceFormat.getSampleRate());
            if (channels <= 0 || rate <= 0) {
                throw new AudioDecodeException("corrupt header in " + file + ": " + sourceFormat);
            }
            AudioFormat target = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, rate, 16, channels,
                    channels * PcmFormat.BYTES_PER_SAMPLE, rate, false);
            byte[] pcm;
            if (sourceFormat.matches(target)) {
                pcm = source.readAllBytes();
            } else if (AudioSystem.isConversionSupported(target, sourceFormat)) {
                try (AudioInputStream converted = AudioSystem.getAudioInputStream(target, source)) {
                    pcm = converted.readAllBytes();
                }
            } else {
                throw new AudioDecodeException("unsupported sample encoding in " + file + ": " + sourceFormat);
            }
            PcmFormat format = new PcmFormat(rate, channels);
            int whole = pcm.length - pcm.length % format.frameBytes();
            if (whole == 0) {
                throw new AudioDecodeException("no audio in " + file + " (0 samples after the header)");
            }
            return new DecodedPcm(format, whole == pcm.length ? pcm : Arrays.copyOf(pcm, whole), "javax.sound");
        } catch (UnsupportedAudioFileException e) {
            throw new AudioDecodeException("corrupt or unsupported header in " + file
                    + ": not a WAV/AU/AIFF file javax.sound can read (" + e.getMessage() + ")", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new AudioDecodeException("cannot decode " + file + ": " + e.getMessage(), e);
        }
    }

    private static String ascii(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
