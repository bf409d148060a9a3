package io.genrestream.features;

import org.apache.commons.math3.util.KthSelector;

/**
 * librosa-compatible onset strength envelope ({@code librosa.onset.onset_strength} with its defaults): the mel power
 * spectrogram ({@code nMels} Slaney bands of the centred STFT's power) in dB ({@code power_to_db}, ref 1, amin
 * 1e-10, floor {@code topDb} below the clip's peak), its positive first difference along time (lag 1, no maximum
 * filter), aggregated over bands, shifted right by {@code lag + nFft / (2 hop)} frames with leading zeros so that
 * onsets line up with the centred frames, and cut to the spectrogram's frame count. No detrending.
 *
 * <p>The aggregate is the mean for {@code onset_strength}'s default and the median for what
 * {@code librosa.beat.beat_track} computes internally.
 *
 * <p>Pure and thread-safe.
 */
public final class OnsetStrength {

    /** Stateless (median-of-3 pivots), so one serves every thread. */
    private static final KthSelector MEDIAN_SELECTOR = new KthSelector();

    /** librosa's spectral flux lag, in frames. */
    public static final int LAG = 1;
    /** librosa's power_to_db amin. */
    public static final double AMIN = 1e-10;

    /** How the per-band spectral flux is combined into one value per frame. */
    public enum Aggregate {
        /** {@code np.mean}: librosa.onset.onset_strength's default. */
        MEAN,
        /** {@code np.median}: what librosa.beat.beat_track uses. */
        MEDIAN
    }

    private final Stft stft;
    private final FeatureConfig config;
    private final Aggregate aggregate;
    private final MelFilterBank melBank;

    private OnsetStrength(Builder b) {
        this.config = b.config;
        this.stft = new Stft(b.config);
        this.aggregate = b.aggregate;
        this.melBank = MelFilterBank.of(b.config);
    }

    /** A builder; {@link Builder#setConfig} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@code librosa.onset.onset_strength(y=y, sr=sr)} (mean over bands) with the settings of {@code config}: one
     * value per centred STFT frame, {@code 1 + len / hop} values.
     *
     * @throws IllegalArgumentException if {@code y} is empty or holds non-finite samples
     */
    public static float[] envelope(float[] y, FeatureConfig config) {
        return builder().setConfig(config).build().envelope(y);
    }

    /**
     * The onset envelope of {@code y}, one value per centred STFT frame.
     *
     * @throws IllegalArgumentException if {@code y} is empty or holds non-finite samples
     */
    public float[] envelope(float[] y) {
        float[][] power = stft.forward(y).power();
        return fromLogMel(powerToDb(melSpectrogram(power)));
    }

    /** Mel power spectrogram, layout {@code [frame][band]}. */
    private float[][] melSpectrogram(float[][] power) {
        float[][] mel = new float[power.length][melBank.bands()];
        for (int t = 0; t < power.length; t++) {
            melBank.apply(power[t], mel[t]);
        }
        return mel;
    }

    /** {@code power_to_db(S, ref=1, amin=1e-10, top_db)}, the floor taken over the whole spectrogram. */
    private float[][] powerToDb(float[][] mel) {
        float[][] db = new float[mel.length][];
        double peak = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < mel.length; t++) {
            db[t] = new float[mel[t].length];
            for (int m = 0; m < mel[t].length; m++) {
                double v = 10.0 * Math.log10(Math.max(AMIN, mel[t][m]));
                db[t][m] = (float) v;
                peak = Math.max(peak, db[t][m]);
            }
        }
        float floor = (float) (peak - config.topDb());
        for (float[] row : db) {
            for (int m = 0; m < row.length; m++) {
                row[m] = Math.max(row[m], floor);
            }
        }
        return db;
    }

    /**
     * The envelope of a dB mel spectrogram (layout {@code [frame][band]}): positive flux, aggregated, shifted and
     * cut to the frame count.
     */
    public float[] fromLogMel(float[][] logMel) {
        int frames = logMel.length;
        int shift = LAG + config.nFft() / (2 * config.hopLength());
        float[] env = new float[frames];
        if (frames <= LAG) {
            return env;
        }
        int bands = logMel[0].length;
        float[] flux = new float[bands];
        for (int j = 0; j + LAG < frames && j + shift < frames; j++) {
            float[] now = logMel[j + LAG];
            float[] before = logMel[j];
            for (int m = 0; m < bands; m++) {
                flux[m] = Math.max(0f, now[m] - before[m]);
            }
            env[j + shift] = aggregate(flux);
        }
        return env;
    }

    private float aggregate(float[] flux) {
        if (aggregate == Aggregate.MEAN) {
            double s = 0;
            for (float v : flux) {
                s += v;
            }
            return (float) (s / flux.length);
        }
        // the flux is clipped at zero, so about half the bands are exactly 0: only the positive values are ranked,
        // and the order statistics below the zero count are 0 (same values as sorting all bands). Selection, not a
        // sort: it was 3 % of a stream thread's time at 500 live streams (docs/benchmarks.md O)
        int n = flux.length;
        int count = 0;
        for (float v : flux) {
            if (v > 0f) {
                count++;
            }
        }
        int zeros = n - count;
        if (zeros > n / 2) {
            // every order statistic the median needs is one of the zeros
            return 0f;
        }
        double[] positive = new double[count];
        int at = 0;
        for (float v : flux) {
            if (v > 0f) {
                positive[at++] = v;
            }
        }
        int k = n / 2 - zeros; // the upper median's rank among the positive values
        double upper = MEDIAN_SELECTOR.select(positive, null, k);
        if (n % 2 == 1) {
            return (float) upper;
        }
        // the lower median is the largest value ranked below the upper one (select leaves those before it), or a zero
        double lower = 0.0;
        for (int i = 0; i < k; i++) {
            lower = Math.max(lower, positive[i]);
        }
        return (float) ((lower + upper) / 2.0);
    }

    /** Builder for {@link OnsetStrength}: {@code setConfig} required, the aggregate optional (mean). */
    public static final class Builder {
        private FeatureConfig config;
        private Aggregate aggregate = Aggregate.MEAN;

        private Builder() {
        }

        /** STFT and mel settings (sample rate, nFft, hop, nMels, topDb, centre padding). Required. */
        public Builder setConfig(FeatureConfig config) {
            this.config = config;
            return this;
        }

        /** Band aggregate. Default {@link Aggregate#MEAN}. */
        public Builder optAggregate(Aggregate aggregate) {
            this.aggregate = aggregate;
            return this;
        }

        /**
         * @throws IllegalArgumentException if the config or the aggregate is missing
         */
        public OnsetStrength build() {
            if (config == null) {
                throw new IllegalArgumentException("OnsetStrength needs a FeatureConfig: call setConfig");
            }
            if (aggregate == null) {
                throw new IllegalArgumentException("OnsetStrength aggregate must not be null");
            }
            return new OnsetStrength(this);
        }
    }
}
