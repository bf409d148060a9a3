package io.genrestream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class CnnBlockTest {

    private static final CnnSpec SPEC = CnnSpec.builder().setFrames(16).setBands(20).setClasses(3)
            .optChannels(4, 8).optDropout(0.2f).build();

    @Test
    void cnnMapsLogMelSpectrogramsToClassLogits() {
        try (Model model = TestBundles.initialised("cnn", GenreBlocks.cnn(SPEC), new Shape(2, 16, 20))) {
            NDArray x = model.getNDManager().randomNormal(new Shape(2, 16, 20));
            NDList out = model.getBlock().forward(new ParameterStore(model.getNDManager(), false), new NDList(x),
                    false);
            assertThat(out.singletonOrThrow().getShape()).isEqualTo(new Shape(2, 3));
        }
    }

    @Test
    void cnnHasTheParametersOfItsSpec() {
        try (Model model = TestBundles.initialised("cnn", GenreBlocks.cnn(SPEC), new Shape(2, 16, 20))) {
            long trainable = model.getBlock().getParameters().values().stream()
                    .filter(p -> p.requiresGradient()).mapToLong(p -> p.getArray().size()).sum();
            // conv 1→4 (4·9 + 4), BN 4 (γ, β), conv 4→8 (8·4·9 + 8), BN 8, linear 8→3 (24 + 3)
            assertThat(trainable).isEqualTo(40 + 8 + 296 + 16 + 27);
        }
    }

    @Test
    void rejectsAnInputTooSmallForItsPoolingBlocks() {
        assertThatThrownBy(() -> CnnSpec.builder().setFrames(4).setBands(64).setClasses(4).optChannels(4, 8, 16)
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too small");
        assertThatThrownBy(() -> CnnSpec.builder().setFrames(40).setBands(64).setClasses(4).optChannels()
                .build()).isInstanceOf(IllegalArgumentException.class);
    }
}
