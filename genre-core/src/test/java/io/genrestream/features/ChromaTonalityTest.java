package io.genrestream.features;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ChromaTonalityTest {

    private static final double[] C_MAJOR = {6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88};
    private static final double[] C_MINOR = {6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17};

    private static float[] chord(int... pitchClasses) {
        float[] c = new float[12];
        for (int p : pitchClasses) {
            c[p] = 1f;
        }
        return c;
    }

    private static double[] transposed(double[] profile, int semitones) {
        double[] p = new double[12];
        for (int c = 0; c < 12; c++) {
            p[(c + semitones) % 12] = profile[c];
        }
        return p;
    }

    @Test
    void aTriadHasTheEntropyOfThreeEqualClassesAndItsChangeToAnotherIsFourThirds() {
        // C major (C E G), C major again, then G major (G B D)
        ChromaTonality.Frames f = ChromaTonality.of(new float[][] {chord(0, 4, 7), chord(0, 4, 7), chord(7, 11, 2)});
        assertThat(f.entropy()).hasSize(3);
        for (float h : f.entropy()) {
            assertThat(h).isCloseTo((float) Math.log(3), within(1e-6f));
        }
        assertThat(f.flux()).hasSize(2);
        assertThat(f.flux()[0]).isEqualTo(0f);
        assertThat(f.flux()[1]).isCloseTo(4f / 3, within(1e-6f));
        assertThat(f.scaledByPitchClass()[4][0]).isCloseTo(1f / 3, within(1e-7f));
        assertThat(f.scaledByPitchClass()[1][0]).isZero();
    }

    @Test
    void flatAndSilentFramesHaveTheLargestEntropy() {
        float[] flat = new float[12];
        java.util.Arrays.fill(flat, 0.5f);
        ChromaTonality.Frames f = ChromaTonality.of(new float[][] {flat, new float[12]});
        assertThat(f.entropy()[0]).isCloseTo((float) Math.log(12), within(1e-5f));
        assertThat(f.entropy()[1]).isCloseTo((float) Math.log(12), within(1e-5f));
        assertThat(f.flux()).containsExactly(0f);
    }

    @Test
    void aMajorKeyProfileMatchesItsKeyAndLeansMajor() {
        // D major's profile: correlation 1 with D major, 0.6496 with its best minor key (B minor)
        double[] key = ChromaTonality.keyColumns(transposed(C_MAJOR, 2));
        assertThat(key[0]).isCloseTo(1.0, within(1e-9));
        assertThat(key[1]).isCloseTo(1.0 - 0.649648, within(1e-6));
        assertThat(key[2]).isCloseTo(6.35 / 41.79, within(1e-9));
    }

    @Test
    void aMinorKeyProfileLeansMinor() {
        double[] key = ChromaTonality.keyColumns(transposed(C_MINOR, 9)); // A minor; C major correlates 0.6496
        assertThat(key[0]).isCloseTo(1.0, within(1e-9));
        assertThat(key[1]).isCloseTo(0.649648 - 1.0, within(1e-6));
    }

    @Test
    void aFlatProfileMatchesNoKey() {
        double[] flat = new double[12];
        java.util.Arrays.fill(flat, 0.25);
        assertThat(ChromaTonality.keyColumns(flat)).containsExactly(new double[] {0.0, 0.0, 1.0 / 12}, within(1e-12));
        assertThat(ChromaTonality.keyColumns(new double[12])).containsExactly(new double[] {0.0, 0.0, 1.0 / 12},
                within(1e-12));
    }
}
