package io.genrestream.producer.cli;

import io.genrestream.producer.ChunkPublisher;
import io.genrestream.producer.FolderUploader;
import io.genrestream.producer.LoadSimulator;
import io.genrestream.producer.LoadSimulator.LoadSummary;
import io.genrestream.audio.AudioDecodeException;
import io.genrestream.audio.AudioFileDecoder;
import io.genrestream.audio.DecodedPcm;
import io.genrestream.producer.source.LoopingPcm;
import io.genrestream.producer.source.PcmSupplier;
import io.genrestream.producer.source.ToneNoiseGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code simulate N}: N concurrent simulated stations for load tests. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Runs N concurrent LIVE streams (ids <prefix>-0..N-1) for a while, looping real files "
                + "from a folder (--from) or generating tones + noise (seeded), at playback speed (--realtime) "
                + "or as fast as possible. Prints chunks/s and MB/s."})
final class SimulateCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(SimulateCommand.class);
    /** Sample rate of generated audio: what the genre models use. */
    static final int GENERATED_RATE = 22050;
    /** How long one set of generated pitches lasts. */
    static final double GENERATED_NOTE_SECONDS = 2.0;

    @Parameters(paramLabel = "N", description = "Number of concurrent streams.")
    private int streams;

    @Option(names = "--from", paramLabel = "FOLDER",
            description = "Loop the audio files of this folder (stream i plays file i mod count).")
    private Path from;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of generated audio (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--duration", converter = DurationConverter.class, defaultValue = "60s",
            description = "Wall time to run (default: ${DEFAULT-VALUE}).")
    private Duration duration;

    @Option(names = "--workers", paramLabel = "N",
            description = "Sending threads (default: number of processors).")
    private Integer workers;

    @Option(names = "--start-spread", converter = DurationConverter.class,
            description = "With --realtime, spread the streams' first chunks over this much time, e.g. 3s so that "
                    + "they finish their 3 s segments out of phase like real stations (default: one chunk).")
    private Duration startSpread;

    @Option(names = "--prefix", defaultValue = "sim", description = "Stream id prefix (default: ${DEFAULT-VALUE}).")
    private String prefix;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private DecoderOptions decoding;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        IntFunction<PcmSupplier> audio = from == null ? generated() : looping(decoding.fileDecoder());
        try (ChunkPublisher publisher = connection.openPublisher()) {
            LoadSimulator.Builder builder = LoadSimulator.builder().setPublisher(publisher).setStreams(streams)
                    .setAudio(audio).setDuration(duration).optChunkDuration(connection.chunkDuration())
                    .optRealtime(connection.realtime()).optStreamIdPrefix(prefix);
            if (workers != null) {
                builder.optWorkers(workers);
            }
            if (startSpread != null) {
                builder.optStartSpread(startSpread);
            }
            LoadSummary summary = builder.build().run();
            spec.commandLine().getOut().println(String.format(Locale.ROOT,
                    "%d stream(s), %s: %d chunks, %s of PCM in %.1f s = %.1f chunks/s, %.2f MB/s",
                    summary.streams(), connection.realtime() ? "real time" : "as fast as possible", summary.chunks(),
                    Reports.megabytes(summary.pcmBytes()), summary.elapsed().toMillis() / 1000.0,
                    summary.chunksPerSecond(), summary.megabytesPerSecond()));
        }
        return 0;
    }

    private IntFunction<PcmSupplier> generated() {
        return i -> new ToneNoiseGenerator(GENERATED_RATE, GENERATED_NOTE_SECONDS, seed + i);
    }

    private IntFunction<PcmSupplier> looping(AudioFileDecoder decoder) throws Exception {
        List<DecodedPcm> tracks = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (Path file : FolderUploader.listFiles(from)) {
            try {
                tracks.add(decoder.decode(file));
                paths.add(file);
            } catch (AudioDecodeException e) {
                LOG.warn("not looping {}: {}", file, e.getMessage());
            }
        }
        if (tracks.isEmpty()) {
            throw new IllegalArgumentException("no decodable audio file in " + from);
        }
        // Each stream starts at a different point so streams sharing a file are not identical.
        return i -> new LoopingPcm(tracks.get(i % tracks.size()), paths.get(i % paths.size()).toString(),
                (long) i * tracks.get(i % tracks.size()).format().sampleRate());
    }
}
