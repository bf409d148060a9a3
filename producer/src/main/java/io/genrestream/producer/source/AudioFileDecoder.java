package io.genrestream.producer.source;

import io.genrestream.producer.PcmFormat;
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
 * Decodes one audio file to 16-bit PCM.
 *
 * <p>WAV and AU (recognised by their magic bytes or their extension) are read with the JDK's
 * {@code javax.sound.sampled} and sent in the file's own rate and channel count (the app resamples); 8-bit,
 * big-endian, μ-law and float samples are converted to signed 16-bit little-endian. Every other file goes through
 * {@link FfmpegDecoder}. A WAV/AU file the JDK cannot read is reported as corrupt rather than passed to ffmpeg, so
 * the message names the real problem.
 */
public final class AudioFileDecoder {

    private static final Set<String> NATIVE_EXTENSIONS = Set.of("wav", "wave", "au", "snd");

    private final FfmpegDecoder ffmpeg;

    /** @param ffmpeg decoder of the formats the JDK does not read */
    public AudioFileDecoder(FfmpegDecoder ffmpeg) {
        this.ffmpeg = ffmpeg;
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
    public DecodedAudio decode(Path file) throws AudioDecodeException {
        if (!Files.exists(file)) {
            throw new AudioDecodeException("file not found: " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new AudioDecodeException("not a regular file: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new AudioDecodeException("file is not readable (permissions): " + file);
        }
        return isNativeFormat(file) ? decodeNatively(file) : ffmpeg.decode(file);
    }

    /** True for files handled by javax.sound (WAV/AU by magic bytes or extension). */
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
        return riffWave || sunAu || NATIVE_EXTENSIONS.contains(extension(file));
    }

    private static DecodedAudio decodeNatively(Path file) throws AudioDecodeException {
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
            return new DecodedAudio(format, whole == pcm.length ? pcm : Arrays.copyOf(pcm, whole), "javax.sound");
        } catch (UnsupportedAudioFileException e) {
            throw new AudioDecodeException("corrupt or unsupported header in " + file
                    + ": not a WAV/AU file javax.sound can read (" + e.getMessage() + ")", e);
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
