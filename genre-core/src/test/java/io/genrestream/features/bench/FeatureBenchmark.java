package io.genrestream.features.bench;

import be.tarsos.dsp.util.fft.FloatFFT;
import io.genrestream.features.FeatureConfig;
import io.genrestream.features.FeatureExtractor;
import io.genrestream.features.SegmentFeatures;
import io.genrestream.features.SegmentStatistics;
import io.genrestream.features.SummaryFeatures;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jtransforms.fft.FloatFFT_1D;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of features for one 3 s segment (divide 3000 ms by the score for "x realtime per core"), and of one
 * 2048-point real FFT with TarsosDSP's FloatFFT vs JTransforms' FloatFFT_1D. Command: docs/benchmarks.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FeatureBenchmark {

    /** Extractors and a deterministic 3 s test segment: three tones with vibrato over noise. */
    @State(Scope.Benchmark)
    public static class Segment {
        FeatureExtractor framesOnly;
        FeatureExtractor framesOnlyExtended;
        FeatureExtractor framesOnlyAll;
        FeatureExtractor withHpssAndOnsets;
        FeatureExtractor extended;
        float[] samples;
        /** Ten segments' statistics merged, as the app's rolling window holds them. */
        SegmentStatistics window;

        @Setup
        public void setUp() {
            FeatureConfig config = FeatureConfig.librosaDefaults();
            framesOnly = FeatureExtractor.builder().setConfig(config).optHarmonicPercussive(false)
                    .optOnsetEnvelope(false).build();
            framesOnlyExtended = framesOnly.toBuilder().optSummaryColumns(SummaryFeatures.EXTENDED_COLUMNS).build();
            framesOnlyAll = framesOnly.toBuilder().optSummaryColumns(SummaryFeatures.ALL_COLUMNS).build();
            withHpssAndOnsets = FeatureExtractor.of(config);
            extended = withHpssAndOnsets.toBuilder().optSummaryColumns(SummaryFeatures.EXTENDED_COLUMNS).build();
            samples = new float[config.segmentSamples()];
            Random rnd = new Random(42);
            int sr = config.sampleRate();
            for (int i = 0; i < samples.length; i++) {
                double t = i / (double) sr;
                double vib = 1 + 0.003 * Math.sin(2 * Math.PI * 5 * t);
                samples[i] = (float) (0.2 * Math.sin(2 * Math.PI * 220 * vib * t)
                        + 0.1 * Math.sin(2 * Math.PI * 660 * vib * t) + 0.05 * Math.sin(2 * Math.PI * 1760 * t)
                        + 0.02 * rnd.nextGaussian());
            }
            SegmentStatistics one = extended.extract(samples).statistics();
            window = SegmentStatistics.mergeAll(java.util.Collections.nCopies(10, one));
        }
    }

    /** One frame of windowed noise and both FFTs (per thread: FFT objects keep work tables). */
    @State(Scope.Thread)
    public static class Fft {
        final FloatFFT tarsos = new FloatFFT(2048);
        final FloatFFT_1D jtransforms = new FloatFFT_1D(2048);
        final float[] frame = new float[2048];
        final float[] work = new float[2048];

        @Setup
        public void setUp() {
            Random rnd = new Random(7);
            for (int i = 0; i < frame.length; i++) {
                frame[i] = (float) rnd.nextGaussian();
            }
        }
    }

    /** Frame matrix + statistics (MFCC, chroma, spectral, zcr, rms) of a 3 s segment. */
    @Benchmark
    public SegmentFeatures segmentFramesAndStatistics(Segment s) {
        return s.framesOnly.extract(s.samples);
    }

    /** The same with the spectral contrast, band balance and chroma tonality of {@link SummaryFeatures#EXTENDED_COLUMNS}. */
    @Benchmark
    public SegmentFeatures segmentFramesStatisticsAndContrast(Segment s) {
        return s.framesOnlyExtended.extract(s.samples);
    }

    /** The same with the modulation spectrum too: every column of {@link SummaryFeatures#ALL_COLUMNS}. */
    @Benchmark
    public SegmentFeatures segmentFramesStatisticsContrastAndModulation(Segment s) {
        return s.framesOnlyAll.extract(s.samples);
    }

    /** GTZAN's 57-column summary row of a 30 s window's statistics (tempo given). */
    @Benchmark
    public float[] summaryRowGtzan(Segment s) {
        return s.withHpssAndOnsets.summaryRow(s.window, 120.0);
    }

    /** The 117-column row of the same window: the rhythm autocorrelation over its 1,300 envelope frames, the key profile. */
    @Benchmark
    public float[] summaryRowExtended(Segment s) {
        return s.extended.summaryRow(s.window, 120.0);
    }

    /** The same plus HPSS moments (harmony/perceptr) and the onset envelope for tempo. */
    @Benchmark
    public SegmentFeatures segmentWithHpssAndOnsets(Segment s) {
        return s.withHpssAndOnsets.extract(s.samples);
    }

    /** TarsosDSP FloatFFT.realForward, n = 2048. */
    @Benchmark
    public float[] fftTarsosDsp(Fft f) {
        System.arraycopy(f.frame, 0, f.work, 0, f.work.length);
        f.tarsos.realForward(f.work);
        return f.work;
    }

    /** JTransforms FloatFFT_1D.realForward, n = 2048. */
    @Benchmark
    public float[] fftJTransforms(Fft f) {
        System.arraycopy(f.frame, 0, f.work, 0, f.work.length);
        f.jtransforms.realForward(f.work);
        return f.work;
    }
}
