package io.genrestream.app.bench;

import io.genrestream.audio.AudioFileDecoder;
import io.genrestream.audio.DecodedAudio;
import io.genrestream.audio.PcmCodec;
import io.genrestream.audio.PcmFormat;
import io.genrestream.producer.source.LoopingPcm;
import io.genrestream.producer.source.PcmSupplier;
import io.genrestream.producer.source.ToneNoiseGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Audio for the load harness: 22.05 kHz mono 16-bit clips from a folder of WAV files (GTZAN's audio-dev when
 * present), or, without one, the producer's tone-plus-noise generator. Feature cost does not depend on content, so
 * generated audio loads the app the same way; real audio makes the verdicts meaningful.
 */
final class BenchAudio {

    static final int SAMPLE_RATE = 22050;
    static final PcmFormat FORMAT = new PcmFormat(SAMPLE_RATE, 1);
    /** Tone length of the generated fallback audio. */
    private static final double NOTE_SECONDS = 0.5;
    /** Offset between stations looping the same clip, in frames (a prime, so stations are out of phase). */
    private static final long STATION_OFFSET_FRAMES = 7919;

    private static final Logger LOG = LoggerFactory.getLogger(BenchAudio.class);

    private final List<byte[]> clips;
    private final String description;

    private BenchAudio(List<byte[]> clips, String description) {
        this.clips = clips;
        this.description = description;
    }

    /** The WAV files at 22050 Hz mono in {@code dir}, or generated audio when {@code dir} is null or has none. */
    static BenchAudio load(Path dir) throws IOException {
        List<byte[]> clips = new ArrayList<>();
        if (dir != null && Files.isDirectory(dir)) {
            List<Path> wavs;
            try (Stream<Path> files = Files.list(dir)) {
                wavs = files.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
            }
            for (Path wav : wavs) {
                DecodedAudio audio = AudioFileDecoder.standard().decode(wav).toMono();
                if (audio.sampleRate() == SAMPLE_RATE) {
                    clips.add(PcmCodec.encodeS16le(audio.samples()));
                } else {
                    LOG.info("skipping {}: {} Hz, not {}", wav, audio.sampleRate(), SAMPLE_RATE);
                }
            }
        }
        if (clips.isEmpty()) {
            LOG.info("no 22050 Hz WAV files in {}: using generated tones over noise", dir);
            return new BenchAudio(List.of(), "generated tones over noise");
        }
        return new BenchAudio(clips, clips.size() + " WAV clips from " + dir);
    }

    String description() {
        return description;
    }

    /** {@code seconds} of PCM for track {@code i} (the i-th clip, looped if shorter). */
    byte[] track(int i, double seconds) {
        byte[] out = new byte[FORMAT.bytesFor(java.time.Duration.ofMillis(Math.round(seconds * 1000)))];
        live(i).fill(out);
        return out;
    }

    /** An endless source for station {@code i}. */
    PcmSupplier live(int i) {
        if (clips.isEmpty()) {
            return new ToneNoiseGenerator(SAMPLE_RATE, NOTE_SECONDS, i);
        }
        byte[] clip = clips.get(i % clips.size());
        return new LoopingPcm(new io.genrestream.audio.DecodedPcm(FORMAT, clip, "wav"),
                "clip " + (i % clips.size()), (i / clips.size()) * STATION_OFFSET_FRAMES);
    }
}
