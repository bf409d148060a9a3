package io.genrestream.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MedianFilterTest {

    /** scipy.ndimage.median_filter(x, size, mode='reflect') written out naively. */
    private static float[] naive(float[] x, int size) {
        int n = x.length;
        int half = size / 2;
        float[] out = new float[n];
        float[] w = new float[size];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < size; j++) {
                w[j] = x[MedianFilter.reflectIndex(i - half + j, n)];
            }
            Arrays.sort(w);
            out[i] = w[half];
        }
        return out;
    }

    @Test
    void matchesNaiveMedianOnRandomDataOfManyLengths() {
        Random random = new Random(7);
        for (int n : new int[] {1, 2, 5, 15, 16, 31, 40, 1025}) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                // a coarse grid makes ties common, as in quiet spectrogram regions
                x[i] = random.nextInt(20) / 4f;
            }
            for (int size : new int[] {1, 3, 31}) {
                assertThat(MedianFilter.reflect(x, size)).as("n=%d size=%d", n, size).containsExactly(naive(x, size));
            }
        }
    }

    @Test
    void infinitiesOrderLikeAnyValue() {
        Random random = new Random(11);
        float[] x = new float[300];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextInt(5) == 0 ? Float.POSITIVE_INFINITY : random.nextInt(8);
        }
        for (int size : new int[] {1, 3, 15, 31, 33}) {
            assertThat(MedianFilter.reflect(x, size)).as("size=%d", size).containsExactly(naive(x, size));
        }
    }

    @Test
    void reflectRepeatsTheEdgeSampleLikeScipy() {
        // scipy: median_filter([1, 2, 3, 4, 5], size=3, mode='reflect') == [1, 2, 3, 4, 5];
        // with the edge repeated, the first window is (1, 1, 2)
        assertThat(MedianFilter.reflect(new float[] {1, 2, 3, 4, 5}, 3)).containsExactly(1, 2, 3, 4, 5);
        // [5, 0, 0, 0, 0] size 3: first window (5, 5, 0) -> 5
        assertThat(MedianFilter.reflect(new float[] {5, 0, 0, 0, 0}, 3)).containsExactly(5, 0, 0, 0, 0);
        assertThat(MedianFilter.reflectIndex(-1, 5)).isEqualTo(0);
        assertThat(MedianFilter.reflectIndex(5, 5)).isEqualTo(4);
        assertThat(MedianFilter.reflectIndex(-6, 5)).isEqualTo(4);
    }

    @Test
    void filtersEveryColumnOfWideAndShortMatrices() {
        // 300 columns: three blocks of lanes; 5 and 2 rows: windows longer than the column, reflected repeatedly
        Random random = new Random(13);
        for (int rows : new int[] {2, 5, 40, 130}) {
            float[][] m = new float[rows][300];
            for (float[] row : m) {
                for (int c = 0; c < row.length; c++) {
                    row[c] = random.nextInt(3) == 0 ? random.nextInt(6) / 2f : random.nextFloat() * 100;
                }
            }
            for (int size : new int[] {3, 31}) {
                float[][] filtered = MedianFilter.alongColumns(m, size);
                for (int c = 0; c < 300; c++) {
                    float[] column = new float[rows];
                    for (int r = 0; r < rows; r++) {
                        column[r] = m[r][c];
                    }
                    float[] expected = naive(column, size);
                    for (int r = 0; r < rows; r++) {
                        assertThat(filtered[r][c]).as("rows=%d size=%d column %d row %d", rows, size, c, r)
                                .isEqualTo(expected[r]);
                    }
                }
            }
        }
    }

    @Test
    void negativeZeroIsZero() {
        assertThat(MedianFilter.reflect(new float[] {-0f, 1, -0f, 2, 3}, 3)).containsExactly(0, 0, 1, 2, 3);
    }

    @Test
    void rejectsEvenSizesEmptyRaggedNegativeAndNaNInput() {
        assertThatThrownBy(() -> MedianFilter.reflect(new float[] {1}, 4)).hasMessageContaining("odd");
        assertThatThrownBy(() -> MedianFilter.reflect(new float[0], 3)).hasMessageContaining("empty");
        assertThatThrownBy(() -> MedianFilter.reflect(new float[] {1, -2, 3}, 3)).hasMessageContaining("non-negative");
        assertThatThrownBy(() -> MedianFilter.alongColumns(new float[][] {{1, 2}, {Float.NaN, 3}}, 3))
                .hasMessageContaining("NaN (row 1)");
        assertThatThrownBy(() -> MedianFilter.alongColumns(new float[][] {{1, 2}, {3}}, 3))
                .hasMessageContaining("row 1 has 1");
    }
}
