package io.genrestream.features;

import io.genrestream.audio.AudioFileDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: tempo on a 3 s segment and a 30 s track of real GTZAN audio, single-threaded: {@code estimate} (median onset
 * envelope + tempogram, what the table's {@code tempo} needs), {@code envelope} (the per-segment part a streaming
 * caller keeps) and {@code tempoOfEnvelope} (tempo over an already computed envelope, by an estimator built once, as
 * the feature extractor keeps it). See docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TempoBenchmark {

    static final FeatureConfig CONFIG = OnsetTestSignals.config(Stft.PAD_REFLECT);
    private static final String TRACK = "gtzan/parity/blues.00000.wav";

    @Param({"3", "30"})
    public int seconds;

    private float[] audio;
    private float[] envelope;
    private OnsetStrength onsets;
    private TempoEstimator tempo;

    /**
     * The first {@code seconds} of a real GTZAN track from {@code genre.shared.data}.
     *
     * @throws IllegalStateException if the data directory is absent (benchmarks need real music)
     */
    static float[] benchmarkAudio(int seconds) throws IOException {
        Path file = Path.of(System.getProperty("genre.shared.data", "../shared/data"), TRACK);
        if (!Files.exists(file)) {
            throw new IllegalStateException("benchmark audio " + file.toAbsolutePath()
                    + " is missing: pass -Dgenre.shared.data=<path to shared/data>");
        }
        float[] y = AudioFileDecoder.standard().decode(file).toMono().samples();
        return Arrays.copyOf(y, seconds * CONFIG.sampleRate());
    }

    @Setup
    public void setUp() throws Exception {
        audio = benchmarkAudio(seconds);
        onsets = OnsetStrength.builder().setConfig(CONFIG).optAggregate(OnsetStrength.Aggregate.MEDIAN).build();
        envelope = onsets.envelope(audio);
        tempo = TempoEstimator.builder().setConfig(CONFIG).build();
    }

    @Benchmark
    public double estimate() {
        return TempoEstimator.estimate(audio, CONFIG);
    }

    @Benchmark
    public float[] envelope() {
        return onsets.envelope(audio);
    }

    @Benchmark
    public double tempoOfEnvelope() {
        return tempo.tempo(envelope);
    }
}
