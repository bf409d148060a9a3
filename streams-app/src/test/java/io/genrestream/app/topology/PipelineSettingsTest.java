package io.genrestream.app.topology;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Derived values and the checks that keep state records below the changelog limit. */
class PipelineSettingsTest {

    @Test
    void derivedWindowsFollowTheHop() {
        PipelineSettings defaults = PipelineSettings.builder().build();
        assertThat(defaults.liveWindowSegments()).isEqualTo(10);
        assertThat(defaults.summaryStride()).isEqualTo(1);
        assertThat(defaults.summaryWindowSegments()).isEqualTo(10);
        PipelineSettings overlapping = PipelineSettings.builder().optHopSeconds(1.5).build();
        assertThat(overlapping.liveWindowSegments()).isEqualTo(20);
        assertThat(overlapping.summaryStride()).isEqualTo(2);
        assertThat(overlapping.summaryWindowSegments()).isEqualTo(10);
    }

    @Test
    void highSampleRatesAreAcceptedNowThatAudioIsStoredPerChunk() {
        assertThat(PipelineSettings.builder().optSampleRateRange(8000, 96000).build().maxSampleRate())
                .isEqualTo(96000);
    }

    @Test
    void inconsistentValuesAreRefusedWithTheirNames() {
        assertThatThrownBy(() -> PipelineSettings.builder().optHopSeconds(4).build())
                .hasMessageContaining("hop");
        assertThatThrownBy(() -> PipelineSettings.builder().optMaxChunkBytes(600_000).build())
                .hasMessageContaining("max chunk bytes");
        assertThatThrownBy(() -> PipelineSettings.builder().optUnknownThreshold(1.5).build())
                .hasMessageContaining("thresholds");
    }

    @Test
    void theCostlySegmentsOfManyStreamsAreSpreadOverTime() {
        PipelineSettings settings = PipelineSettings.builder().optHpssEverySegments(5).optTempoEverySegments(4)
                .build();
        List<String> ids = IntStream.range(0, 1000).mapToObj(i -> "station-" + i).toList();
        for (int index = 1; index < 20; index++) {
            int at = index;
            long separated = ids.stream().filter(id -> settings.separatesHarmonicPercussive(id, at)).count();
            long tempo = ids.stream().filter(id -> settings.reestimatesTempo(id, at)).count();
            assertThat(separated).as("streams separating segment %d (1 in 5 of 1000)", index).isBetween(150L, 250L);
            assertThat(tempo).as("streams estimating the tempo at segment %d (1 in 4)", index).isBetween(200L, 300L);
        }
        for (String id : ids) {
            assertThat(settings.separatesHarmonicPercussive(id, 0)).as("first segment of %s", id).isTrue();
            for (int from = 1; from < 15; from++) {
                int start = from;
                assertThat(IntStream.range(start, start + 5).filter(i -> settings.separatesHarmonicPercussive(id, i)))
                        .as("separations of %s in segments %d..%d", id, start, start + 4).hasSize(1);
                assertThat(IntStream.range(start, start + 4).filter(i -> settings.reestimatesTempo(id, i)))
                        .as("tempo estimates of %s in segments %d..%d", id, start, start + 3).hasSize(1);
            }
        }
        PipelineSettings exact = PipelineSettings.builder().build();
        assertThat(IntStream.range(0, 10).allMatch(i -> exact.separatesHarmonicPercussive("any", i)
                && exact.reestimatesTempo("any", i))).as("1 = every segment").isTrue();
    }
}
