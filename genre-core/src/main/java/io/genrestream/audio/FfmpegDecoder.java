package io.genrestream.audio;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes any format ffmpeg knows (MP3, OGG/Vorbis/Opus, FLAC, AAC/M4A, ...) by running
 * {@code ffmpeg -v error -i <input> -f s16le -acodec pcm_s16le -ac <channels> -ar <rate> -}.
 *
 * <p>{@link #decodeMono} asks for 32-bit float mono at the caller's rate instead ({@code -f f32le}): the trainer
 * reads compressed clips that way, ffmpeg being the reference decoder and resampler (librosa's audioread uses it).
 *
 * <p>The output format is fixed ({@link #DEFAULT_FORMAT}: 22050 Hz mono, what the genre models use, unless
 * configured otherwise) rather than probed with ffprobe: one process per file, the same layout for every
 * decoded file, and no second HTTP connection for live streams. There is no maintained pure-Java decoder for all
 * these formats, hence the external tool.
 */
public final class FfmpegDecoder {

    /** Executable looked up on PATH when no other is configured. */
    public static final String DEFAULT_EXECUTABLE = "ffmpeg";

    /** System property naming the ffmpeg executable for {@link #onPath()}. */
    public static final String FFMPEG_PROPERTY = "genre.ffmpeg";

    /** PCM layout ffmpeg is asked for by default: 22050 Hz mono. */
    public static final PcmFormat DEFAULT_FORMAT = new PcmFormat(22050, 1);

    private static final Logger LOG = LoggerFactory.getLogger(FfmpegDecoder.class);
    private static final int STDERR_LIMIT = 2000;

    private final String executable;
    private final PcmFormat outputFormat;

    /**
     * @param executable   ffmpeg command name (looked up on PATH) or path to the executable
     * @param outputFormat rate and channels ffmpeg converts to
     */
    public FfmpegDecoder(String executable, PcmFormat outputFormat) {
        this.executable = executable;
        this.outputFormat = outputFormat;
    }

    /** ffmpeg named by {@value #FFMPEG_PROPERTY}, else {@value #DEFAULT_EXECUTABLE} from PATH; 22050 Hz mono. */
    public static FfmpegDecoder onPath() {
        return new FfmpegDecoder(System.getProperty(FFMPEG_PROPERTY, DEFAULT_EXECUTABLE), DEFAULT_FORMAT);
    }

    /** The PCM layout every output of this decoder has. */
    public PcmFormat outputFormat() {
        return outputFormat;
    }

    /** The executable as configured. */
    public String executable() {
        return executable;
    }

    /** The executable resolved on PATH (or as given, when it is a path), if it exists and can run. */
    public Optional<Path> resolve() {
        if (executable.contains(File.separator)) {
            Path path = Path.of(executable);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String pathVariable = System.getenv().getOrDefault("PATH", "");
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, executable);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** True when the executable can be found. */
    public boolean isAvailable() {
        return resolve().isPresent();
    }

    /**
     * Decodes a whole file.
     *
     * @throws AudioDecodeException when ffmpeg is missing, fails, or finds no audio
     */
    public DecodedPcm decode(Path file) throws AudioDecodeException {
        byte[] pcm = run(file, "s16le", outputFormat.channels(), outputFormat.sampleRate());
        int whole = pcm.length - pcm.length % outputFormat.frameBytes();
        if (whole == 0) {
            throw new AudioDecodeException("no audio in " + file + " (ffmpeg decoded 0 samples)");
        }
        return new DecodedPcm(outputFormat, whole == pcm.length ? pcm : Arrays.copyOf(pcm, whole),
                "ffmpeg");
    }

    /**
     * Decodes a whole file to mono 32-bit float samples at {@code sampleRate}, resampled by ffmpeg.
     *
     * @throws AudioDecodeException when ffmpeg is missing ({@link FfmpegMissingException}), fails, or finds no audio
     */
    public float[] decodeMono(Path file, int sampleRate) throws AudioDecodeException {
        byte[] pcm = run(file, "f32le", 1, sampleRate);
        if (pcm.length < Float.BYTES) {
            throw new AudioDecodeException("no audio in " + file + " (ffmpeg decoded 0 samples)");
        }
        float[] samples = new float[pcm.length / Float.BYTES];
        ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(samples);
        return samples;
    }

    private byte[] run(Path file, String sampleFormat, int channels, int sampleRate) throws AudioDecodeException {
        Process process = start(file.toString(), file.getFileName().toString(), sampleFormat, channels, sampleRate);
        CompletableFuture<String> stderr = drainStderr(process);
        byte[] out;
        try (InputStream in = process.getInputStream()) {
            out = in.readAllBytes();
        } catch (IOException e) {
            process.destroyForcibly();
            throw new AudioDecodeException("reading ffmpeg output for " + file + " failed: " + e.getMessage(), e);
        }
        int exit = waitFor(process);
        if (exit != 0) {
            throw new AudioDecodeException("ffmpeg could not decode " + file + " (exit " + exit + "): "
                    + summarize(stderr.join()));
        }
        return out;
    }

    /**
     * Starts ffmpeg reading encoded audio from its standard input ({@code -i pipe:0}) and writing PCM to its
     * standard output; used for live streams.
     *
     * @param label what the input is, for messages
     */
    public Process startPipe(String label) throws AudioDecodeException {
        return start("pipe:0", label, "s16le", outputFormat.channels(), outputFormat.sampleRate());
    }

    private Process start(String input, String label, String sampleFormat, int channels, int sampleRate)
            throws AudioDecodeException {
        Path resolved = resolved("decode " + label);
        List<String> command = List.of(resolved.toString(), "-v", "error", "-i", input, "-f", sampleFormat,
                "-acodec", "pcm_" + sampleFormat, "-ac", Integer.toString(channels), "-ar", Integer.toString(sampleRate),
                "-");
        LOG.debug("running {}", command);
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            if (!"pipe:0".equals(input)) {
                builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            }
            return builder.start();
        } catch (IOException e) {
            throw new AudioDecodeException("could not start ffmpeg (" + resolved + ") for " + label + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Re-encodes {@code in} into {@code out}: {@code ffmpeg -i in <outputArgs> out} (filters, codec and bit rate in
     * {@code outputArgs}; the container follows {@code out}'s extension). The trainer renders re-recorded copies of
     * its clips this way.
     *
     * @throws AudioDecodeException when ffmpeg is missing or fails
     */
    public void transcode(Path in, Path out, List<String> outputArgs) throws AudioDecodeException {
        Path resolved = resolved("re-encode " + in);
        List<String> command = new java.util.ArrayList<>(List.of(resolved.toString(), "-nostdin", "-v", "error",
                "-y", "-i", in.toString()));
        command.addAll(outputArgs);
        command.add(out.toString());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new AudioDecodeException("could not start ffmpeg (" + resolved + ") for " + in + ": "
                    + e.getMessage(), e);
        }
        CompletableFuture<String> stderr = drainStderr(process);
        int exit = waitFor(process);
        if (exit != 0) {
            throw new AudioDecodeException("ffmpeg could not re-encode " + in + " as " + out.getFileName() + " (exit "
                    + exit + "): " + summarize(stderr.join()));
        }
    }

    /** The executable, or the error naming what it was needed {@code for}. */
    private Path resolved(String purpose) throws FfmpegMissingException {
        return resolve().orElseThrow(() -> new FfmpegMissingException(
                "ffmpeg is needed to " + purpose + " but '" + executable + "' was not found"
                        + (executable.contains(File.separator) ? "" : " on PATH")
                        + "; install ffmpeg (e.g. apt-get install ffmpeg), or point --ffmpeg or -D" + FFMPEG_PROPERTY
                        + " at it"));
    }

    /** Reads ffmpeg's standard error in the background so a full pipe never blocks it. */
    public static CompletableFuture<String> drainStderr(Process process) {
        return CompletableFuture.supplyAsync(() -> {
            try (InputStream err = process.getErrorStream()) {
                return new String(err.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public static String summarize(String stderr) {
        String trimmed = stderr.strip();
        if (trimmed.isEmpty()) {
            return "no message";
        }
        return trimmed.length() <= STDERR_LIMIT ? trimmed : "..." + trimmed.substring(trimmed.length() - STDERR_LIMIT);
    }

    /** ffmpeg cannot be found: no file can be decoded, so callers that skip bad files stop instead. */
    public static final class FfmpegMissingException extends AudioDecodeException {

        private static final long serialVersionUID = 1L;

        FfmpegMissingException(String message) {
            super(message);
        }
    }

    private static int waitFor(Process process) throws AudioDecodeException {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AudioDecodeException("interrupted while waiting for ffmpeg", e);
        }
    }
}
