package io.genrestream.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StackModeSettingTest {

    @Test
    void parsesThePropertyValuesIgnoringCase() {
        assertThat(StackModeSetting.parse("auto")).isEqualTo(StackModeSetting.AUTO);
        assertThat(StackModeSetting.parse(" Docker ")).isEqualTo(StackModeSetting.DOCKER);
        assertThat(StackModeSetting.parse("LOCAL")).isEqualTo(StackModeSetting.LOCAL);
    }

    @Test
    void rejectsOtherValuesNamingTheAcceptedOnes() {
        assertThatThrownBy(() -> StackModeSetting.parse("kubernetes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("System property genre.stack.mode=kubernetes is not one of auto, docker, local");
    }

    @Test
    void forcedSettingsIgnoreTheProperty() {
        assertThat(StackModeSetting.DOCKER.effective()).isEqualTo(StackModeSetting.DOCKER);
        assertThat(StackModeSetting.LOCAL.effective()).isEqualTo(StackModeSetting.LOCAL);
    }
}
