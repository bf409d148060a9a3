package io.genrestream.producer.cli;

import io.genrestream.audio.PcmFormat;
import io.genrestream.audio.AudioFileDecoder;
import io.genrestream.audio.FfmpegDecoder;
import picocli.CommandLine.Option;

/** How compressed audio is decoded: which ffmpeg, and to what rate and channel count. */
public final class DecoderOptions {

    @Option(names = "--ffmpeg", paramLabel = "PATH", defaultValue = FfmpegDecoder.DEFAULT_EXECUTABLE,
            description = "ffmpeg executable for MP3, OGG, FLAC, AAC, ... (default: ${DEFAULT-VALUE} on PATH). "
                    + "WAV and AU are read without it.")
    private String ffmpeg;

    @Option(names = "--decode-rate", paramLabel = "HZ", defaultValue = "22050",
            description = "Sample rate ffmpeg decodes to (default: ${DEFAULT-VALUE}); WAV/AU keep their own.")
    private int decodeRate;

    @Option(names = "--decode-channels", paramLabel = "N", defaultValue = "1",
            description = "Channels ffmpeg decodes to (default: ${DEFAULT-VALUE}); WAV/AU keep their own.")
    private int decodeChannels;

    /** The ffmpeg decoder as configured. */
    public FfmpegDecoder ffmpeg() {
        return new FfmpegDecoder(ffmpeg, new PcmFormat(decodeRate, decodeChannels));
    }

    /** File decoder: javax.sound for WAV/AU, this ffmpeg for the rest. */
    public AudioFileDecoder fileDecoder() {
        return new AudioFileDecoder(ffmpeg());
    }
}
