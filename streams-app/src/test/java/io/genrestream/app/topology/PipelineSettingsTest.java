package io.genrestream.app.topology;

import org.junit.jupiter.api.Test;

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
}
