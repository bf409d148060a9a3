package io.genrestream.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FastLogTest {

    @Test
    void agreesWithMathLog10AcrossTheFloatRange() {
        Random rnd = new Random(3);
        double worst = 0;
        for (int n = 0; n < 1_000_000; n++) {
            float x = Float.intBitsToFloat(0x00800000 + rnd.nextInt(0x7F000000 - 0x00800000));
            worst = Math.max(worst, Math.abs(FastLog.log10(x) - Math.log10(x)));
        }
        float[] edges = {Float.MIN_NORMAL, 1f, Math.nextDown(1f), Math.nextUp(1f), 2f, Math.nextDown(2f), 10f,
            1e-10f, Float.MAX_VALUE, (float) Math.sqrt(2)};
        for (float x : edges) {
            worst = Math.max(worst, Math.abs(FastLog.log10(x) - Math.log10(x)));
        }
        assertThat(worst).isLessThan(1e-13); // absolute; a float near log10 = 38 has an ulp of 4e-6
        assertThat(FastLog.log10(1000f)).isCloseTo(3.0, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void rejectsValuesOutsideItsDomain() {
        assertThatThrownBy(() -> FastLog.log10(0f)).hasMessageContaining("positive normal");
        assertThatThrownBy(() -> FastLog.log10(-1f)).hasMessageContaining("positive normal");
        assertThatThrownBy(() -> FastLog.log10(Float.NaN)).hasMessageContaining("positive normal");
        assertThatThrownBy(() -> FastLog.log10(Float.MIN_VALUE)).hasMessageContaining("positive normal");
    }
}
