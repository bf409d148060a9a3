package io.genrestream.trainer.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Decodes compressed audio (MP3 and anything else ffmpeg reads) to mono float samples at a given rate by running the
 * system's {@code ffmpeg} ({@code -f f32le -ac 1 -ar RATE -}). An external process instead of a Java MP3 decoder
 * because ffmpeg is the reference decoder (librosa's audioread uses it too) and no maintained pure-Java MP3 decoder
 * is among the project's pinned dependencies.
 */
public final class FfmpegDecoder {

    /** System property naming the ffmpeg executable (default: {@code ffmpeg} on the PATH). */
    public static final String FFMPEG_PROPERTY = "genre.ffmpeg";
    /** Executable used when {@link #FFMPEG_PROPERTY} is not set. */
    public static final String DEFAULT_FFMPEG = "ffmpeg";

    private FfmpegDecoder() {
    }

    /** The ffmpeg executable to run. */
    public static String executable() {
        return System.getProperty(FFMPEG_PROPERTY, DEFAULT_FFMPEG);
    }

    /** Whether ffmpeg can be started ({@code ffmpeg -version} exits 0). */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder(executable(), "-version").redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Decodes {@code file} to mono samples at {@code sampleRate}.
     *
     * @throws FfmpegMissingException when ffmpeg cannot be started
     * @throws IOException            when the file is missing, or ffmpeg cannot decode it (message has ffmpeg's error)
     */
    public static float[] decode(Path file, int sampleRate) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "audio file not found");
        }
        List<String> command = List.of(executable(), "-nostdin", "-v", "error", "-i", file.toString(),
                "-f", "f32le", "-ac", "1", "-ar", Integer.toString(sampleRate), "-");
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new FfmpegMissingException("cannot run '" + executable() + "' to decode " + file.getFileName()
                    + " (install ffmpeg or set -D" + FFMPEG_PROPERTY + "=/path/to/ffmpeg): " + e.getMessage(), e);
        }
        process.getOutputStream().close();
        // stderr is drained on its own thread so a chatty ffmpeg cannot block on a full pipe
        CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        byte[] pcm;
        try (InputStream out = process.getInputStream()) {
            pcm = out.readAllBytes();
        }
        int code;
        try {
            code = process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while decoding " + file, e);
        }
        String stderr = errors.join().strip();
        if (code != 0 || pcm.length < Float.BYTES) {
            throw new IOException("ffmpeg could not decode " + file + " (exit " + code + "): "
                    + (stderr.isEmpty() ? "no audio" : stderr));
        }
        ByteBuffer buffer = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
        float[] samples = new float[pcm.length / Float.BYTES];
        buffer.asFloatBuffer().get(samples);
        return samples;
    }

    /**
     * Re-encodes {@code in} into {@code out} with ffmpeg: {@code ffmpeg -i in <outputArgs> out} (filters, codec and
     * bit rate in {@code outputArgs}; the container follows {@code out}'s extension).
     *
     * @throws IOException when ffmpeg fails (message has ffmpeg's error)
     */
    public static void transcode(Path in, Path out, List<String> outputArgs) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(executable(), "-nostdin", "-v", "error", "-y", "-i",
                in.toString()));
        command.addAll(outputArgs);
        command.add(out.toString());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new FfmpegMissingException("cannot run '" + executable() + "' (install ffmpeg or set -D"
                    + FFMPEG_PROPERTY + "=/path/to/ffmpeg): " + e.getMessage(), e);
        }
        process.getOutputStream().close();
        String stderr = readAll(process.getErrorStream()).strip();
        try {
            if (process.waitFor() != 0) {
                throw new IOException("ffmpeg could not re-encode " + in + " as " + out.getFileName() + ": " + stderr);
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while re-encoding " + in, e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(stderr unreadable: " + e.getMessage() + ")";
        }
    }

    /** ffmpeg is not installed (or not where {@link #FFMPEG_PROPERTY} says). */
    public static final class FfmpegMissingException extends IllegalStateException {
        FfmpegMissingException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
