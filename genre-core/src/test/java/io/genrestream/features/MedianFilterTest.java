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
    void infinitiesOrderLikeAnyValueBesideTheWindowsPadding() {
        // the sorted window is padded with +infinity: real infinities must still enter, leave and count as values
        Random random = new Random(11);
        float[] x = new float[300];
        for (int i = 0; i < x.length; i++) {
            int r = random.nextInt(10);
            x[i] = r == 0 ? Float.POSITIVE_INFINITY : r == 1 ? Float.NEGATIVE_INFINITY : random.nextInt(8);
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
    void filtersMatricesAlongRowsAndColumns() {
        float[][] m = {{1, 9, 2}, {8, 3, 7}, {4, 6, 5}};
        float[][] rows = MedianFilter.alongRows(m, 3);
        float[][] cols = MedianFilter.alongColumns(m, 3);
        for (int r = 0; r < 3; r++) {
            assertThat(rows[r]).containsExactly(naive(m[r], 3));
        }
        for (int c = 0; c < 3; c++) {
            float[] column = {m[0][c], m[1][c], m[2][c]};
            float[] expected = naive(column, 3);
            for (int r = 0; r < 3; r++) {
                assertThat(cols[r][c]).isEqualTo(expected[r]);
            }
        }
    }

    @Test
    void rejectsEvenSizesAndEmptyInput() {
        assertThatThrownBy(() -> MedianFilter.reflect(new float[] {1}, 4)).hasMessageContaining("odd");
        assertThatThrownBy(() -> MedianFilter.reflect(new float[0], 3)).hasMessageContaining("empty");
    }
}
