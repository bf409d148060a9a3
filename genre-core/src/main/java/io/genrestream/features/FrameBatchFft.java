package io.genrestream.features;

/**
 * Power spectra of all windowed frames of a padded signal at once, by a real FFT of power-of-two size that works
 * on every frame in the same pass: data is laid out {@code [element][frame]}, so each butterfly is a loop over
 * frames with one scalar twiddle, which HotSpot's C2 compiles to SIMD (AVX2/AVX-512) code. About 2x faster than
 * 130 separate JTransforms calls for a 3 s segment (docs/benchmarks.md). No library offers a real FFT batched
 * over frames in this layout, hence the hand-written transform; it is checked against JTransforms by
 * {@code FrameBatchFftTest}.
 *
 * <p>Algorithm: the N real samples of a frame are packed into N/2 complex values ({@code z[n] = x[2n] + i x[2n+1]}),
 * transformed by an in-place radix-2 decimation-in-time FFT (input in bit-reversed order), and split into the
 * N/2 + 1 bins of the real spectrum. Butterfly loops read all operands before storing any: C2 only vectorises
 * loops over several arrays that way.
 *
 * <p>Thread-safe: its tables are immutable and each thread works in scratch rows of its own, kept between calls
 * (see {@link #powerByBin}).
 */
final class FrameBatchFft {

    /** Rows per cache block of the transform (see {@link #transform}). */
    static final int BLOCK_ROWS = 32;
    /** Columns per tile when cutting the signal into phase rows (see {@link #byPhase}). */
    private static final int TILE_COLUMNS = 32;
    /** Scratch for up to this many frames (a 3 s segment has 130) is kept per thread; longer inputs allocate. */
    static final int MAX_KEPT_FRAMES = 512;

    private final int nFft;
    private final int half;
    private final float[] window;
    private final int[] bitReversed;
    // exp(-2 pi i j / half) for j < half / 2, the twiddles of the complex FFT
    private final float[] cos;
    private final float[] sin;
    // 0.5 cos(2 pi k / nFft), 0.5 sin(2 pi k / nFft) for k <= half / 2, the twiddles of the real split
    private final float[] splitCos;
    private final float[] splitSin;
    private final ThreadLocal<Scratch> scratch = new ThreadLocal<>();

    /**
     * @param nFft   transform size, a power of two {@code >= 4}
     * @param window window of length {@code nFft} applied to every frame
     */
    FrameBatchFft(int nFft, float[] window) {
        if (!isPowerOfTwo(nFft) || nFft < 4 || window.length != nFft) {
            throw new IllegalArgumentException("nFft must be a power of two >= 4 with a window of that length: "
                    + nFft + "/" + window.length);
        }
        this.nFft = nFft;
        this.half = nFft / 2;
        this.window = window.clone();
        int bits = Integer.numberOfTrailingZeros(half);
        this.bitReversed = new int[half];
        for (int n = 0; n < half; n++) {
            bitReversed[n] = bits == 0 ? 0 : Integer.reverse(n) >>> (32 - bits);
        }
        this.cos = new float[Math.max(1, half / 2)];
        this.sin = new float[cos.length];
        for (int j = 0; j < cos.length; j++) {
            double a = 2 * Math.PI * j / half;
            cos[j] = (float) Math.cos(a);
            sin[j] = (float) Math.sin(a);
        }
        this.splitCos = new float[half / 2 + 1];
        this.splitSin = new float[half / 2 + 1];
        for (int k = 0; k <= half / 2; k++) {
            double a = 2 * Math.PI * k / nFft;
            splitCos[k] = (float) (0.5 * Math.cos(a));
            splitSin[k] = (float) (0.5 * Math.sin(a));
        }
    }

    static boolean isPowerOfTwo(int n) {
        return n > 0 && (n & (n - 1)) == 0;
    }

    /**
     * {@code |X|^2} of the frames {@code padded[t * hop .. t * hop + nFft)}, {@code t < frames}, each multiplied by
     * the window; layout {@code [bin][frame]} with {@code nFft / 2 + 1} bins.
     *
     * <p>The result lives in this thread's scratch memory: it is valid (and may be overwritten by the caller) until
     * the next call on the same thread. Reusing the ~1.5 MB of rows, rather than writing fresh (cache-cold) memory
     * on every call, halves the cost for segment-sized inputs.
     *
     * @param padded signal of at least {@code (frames - 1) * hop + nFft} samples
     */
    float[][] powerByBin(float[] padded, int frames, int hop) {
        if (frames < 1 || hop < 1 || padded.length < (frames - 1) * hop + nFft) {
            throw new IllegalArgumentException(frames + " frames of " + nFft + " at hop " + hop + " need "
                    + ((frames - 1) * hop + nFft) + " samples, got " + padded.length);
        }
        Scratch s = scratch(frames, hop, (padded.length + hop - 1) / hop);
        byPhase(padded, hop, s.byPhase);
        transform(s.byPhase, hop, s.re, s.im, frames);
        split(s.re, s.im, s.nyquist, s.power, frames);
        return s.power;
    }

    /** This thread's scratch for the shape, reused when it matches and is small enough to keep. */
    private Scratch scratch(int frames, int hop, int columns) {
        Scratch s = scratch.get();
        if (s != null && s.frames == frames && s.hop == hop && s.byPhase[0].length == columns) {
            return s;
        }
        s = new Scratch(half, frames, hop, columns);
        scratch.set(frames <= MAX_KEPT_FRAMES ? s : null);
        return s;
    }

    /** Working rows of one transform shape. */
    private static final class Scratch {
        final int frames;
        final int hop;
        final float[][] byPhase;
        final float[][] re;
        final float[][] im;
        final float[] nyquist;
        final float[][] power;

        Scratch(int half, int frames, int hop, int columns) {
            this.frames = frames;
            this.hop = hop;
            this.byPhase = new float[hop][columns];
            this.re = new float[half][frames];
            this.im = new float[half][frames];
            this.nyquist = new float[frames];
            this.power = new float[half + 1][];
        }
    }

    /**
     * {@code padded} cut into rows by phase: {@code rows[r][j] = padded[j * hop + r]} (0 beyond the end), so that
     * sample {@code n} of every frame is the contiguous run {@code rows[n % hop][n / hop ..]}. Copied in tiles of
     * a few columns: reading one phase down all columns strides by {@code hop} floats, which for hop 512 maps
     * every read to the same two L1 cache sets.
     */
    private static void byPhase(float[] padded, int hop, float[][] rows) {
        int columns = rows[0].length;
        int full = padded.length / hop; // columns lying wholly inside the signal
        for (int j0 = 0; j0 < full; j0 += TILE_COLUMNS) {
            int j1 = Math.min(full, j0 + TILE_COLUMNS);
            for (int r = 0; r < hop; r++) {
                float[] row = rows[r];
                for (int j = j0; j < j1; j++) {
                    row[j] = padded[j * hop + r];
                }
            }
        }
        for (int j = full; j < columns; j++) {
            for (int r = 0; r < hop; r++) {
                int i = j * hop + r;
                rows[r][j] = i < padded.length ? padded[i] : 0f;
            }
        }
    }

    /**
     * Loads row {@code i} of the FFT input: the windowed frame samples {@code x[2n] + i x[2n+1]} with {@code n} the
     * bit reversal of {@code i}, i.e. the input in the order the decimation-in-time stages want it.
     */
    private void load(float[][] byPhase, int hop, int frames, float[][] re, float[][] im, int i) {
        int even = 2 * bitReversed[i];
        int odd = even + 1;
        windowed(byPhase[even % hop], even / hop, window[even], frames, re[i]);
        windowed(byPhase[odd % hop], odd / hop, window[odd], frames, im[i]);
    }

    private static void windowed(float[] src, int offset, float w, int frames, float[] out) {
        for (int t = 0; t < frames; t++) {
            out[t] = src[offset + t] * w;
        }
    }

    /**
     * In-place radix-2 decimation-in-time FFT of size {@code half} over bit-reversed rows, in two cache-sized
     * phases (the transform is bound by memory traffic, not arithmetic): the stages with butterfly span below
     * {@link #BLOCK_ROWS} only combine rows inside aligned blocks of that many rows, so they run block by block;
     * the later stages only combine rows with equal index modulo {@link #BLOCK_ROWS}, so they run residue by
     * residue. Each block or residue class (32 rows of ~130 frames, ~33 KB) stays in L1 through its stages. The
     * windowed input is loaded block by block, right before the block's stages.
     */
    private void transform(float[][] byPhase, int hop, float[][] re, float[][] im, int frames) {
        int block = Math.min(half, BLOCK_ROWS);
        for (int g = 0; g < half; g += block) {
            for (int i = g; i < g + block; i++) {
                load(byPhase, hop, frames, re, im, i);
            }
            for (int h = 1; h < block; h <<= 1) {
                stage(re, im, frames, h, 0, 1, g, g + block);
            }
        }
        for (int r = 0; r < block; r++) {
            for (int h = block; h < half; h <<= 1) {
                stage(re, im, frames, h, r, block, 0, half);
            }
        }
    }

    /**
     * Butterflies of the stage with span {@code h} on rows {@code [from, to)} whose offset in their
     * {@code 2h}-group is {@code j = j0, j0 + jStep, ... < h}: rows {@code i} and {@code i + h} with twiddle
     * {@code exp(-2 pi i j / 2h)}.
     */
    private void stage(float[][] re, float[][] im, int frames, int h, int j0, int jStep, int from, int to) {
        int step = half / (2 * h);
        for (int j = j0; j < h; j += jStep) {
            if (j == 0) {
                for (int i = from; i < to; i += 2 * h) {
                    sumAndDifference(re[i], im[i], re[i + h], im[i + h], frames);
                }
                continue;
            }
            float wr = cos[j * step];
            float wi = -sin[j * step];
            for (int i = from + j; i < to; i += 2 * h) {
                butterfly(re[i], im[i], re[i + h], im[i + h], wr, wi, frames);
            }
        }
    }

    /** Butterfly {@code (a, b) <- (a + w b, a - w b)}. */
    private static void butterfly(float[] ar, float[] ai, float[] br, float[] bi, float wr, float wi, int frames) {
        for (int t = 0; t < frames; t++) {
            float xr = ar[t];
            float xi = ai[t];
            float yr = br[t];
            float yi = bi[t];
            float tr = wr * yr - wi * yi;
            float ti = wr * yi + wi * yr;
            ar[t] = xr + tr;
            ai[t] = xi + ti;
            br[t] = xr - tr;
            bi[t] = xi - ti;
        }
    }

    /** Butterfly with twiddle 1: {@code (a, b) <- (a + b, a - b)}. */
    private static void sumAndDifference(float[] ar, float[] ai, float[] br, float[] bi, int frames) {
        for (int t = 0; t < frames; t++) {
            float xr = ar[t];
            float xi = ai[t];
            float yr = br[t];
            float yi = bi[t];
            ar[t] = xr + yr;
            ai[t] = xi + yi;
            br[t] = xr - yr;
            bi[t] = xi - yi;
        }
    }

    /**
     * The real spectrum's power from the packed complex FFT {@code Z}: with {@code a + ib = Z[k]},
     * {@code c + id = Z[half - k]}, {@code X[k] = A + B + i(C + D)} and {@code X[half - k] = A - B + i(D - C)} where
     * {@code A = (a + c) / 2}, {@code C = (b - d) / 2}, {@code B = (cos (b + d) - sin (a - c)) / 2},
     * {@code D = -(cos (a - c) + sin (b + d)) / 2} at angle {@code 2 pi k / nFft}. Power rows overwrite the real rows.
     */
    private void split(float[][] re, float[][] im, float[] nyquist, float[][] power, int frames) {
        float[] r0 = re[0];
        float[] i0 = im[0];
        for (int t = 0; t < frames; t++) {
            float a = r0[t];
            float b = i0[t];
            float dc = a + b;
            float ny = a - b;
            r0[t] = dc * dc;
            nyquist[t] = ny * ny;
        }
        power[0] = r0;
        power[half] = nyquist;
        for (int k = 1; k <= half / 2; k++) {
            int mk = half - k;
            float[] rk = re[k];
            float[] ik = im[k];
            float[] rm = re[mk];
            float[] imk = im[mk];
            float hc = splitCos[k];
            float hs = splitSin[k];
            for (int t = 0; t < frames; t++) {
                float a = rk[t];
                float b = ik[t];
                float c = rm[t];
                float d = imk[t];
                float sr = a + c;
                float dr = a - c;
                float sb = b + d;
                float db = b - d;
                float pa = 0.5f * sr;
                float pc = 0.5f * db;
                float pb = hc * sb - hs * dr;
                float pd = -(hc * dr + hs * sb);
                float xr = pa + pb;
                float xi = pc + pd;
                float yr = pa - pb;
                float yi = pd - pc;
                rk[t] = xr * xr + xi * xi;
                rm[t] = yr * yr + yi * yi;
            }
            power[k] = rk;
            power[mk] = rm;
        }
    }
}
