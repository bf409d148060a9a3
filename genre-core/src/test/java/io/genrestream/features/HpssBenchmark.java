package io.genrestream.features;

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
 * JMH: {@link Hpss#separate} (STFT, two 31-wide median filters, soft masks, two inverse STFTs) on a 3 s segment and
 * a 30 s track of real GTZAN audio, single-threaded. Realtime factor per core = seconds / (ms per op / 1000).
 * See docs/benchmarks.md for the command and the figures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HpssBenchmark {

    @Param({"3", "30"})
    public int seconds;

    private float[] audio;
    private Hpss hpss;

    @Setup
    public void setUp() throws Exception {
        audio = TempoBenchmark.benchmarkAudio(seconds);
        hpss = Hpss.builder().setConfig(TempoBenchmark.CONFIG).build();
    }

    @Benchmark
    public Hpss.HarmonicPercussive separate() {
        return hpss.separate(audio);
    }
}
