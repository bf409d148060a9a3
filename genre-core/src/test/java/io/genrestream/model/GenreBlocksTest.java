package io.genrestream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenreBlocksTest {

    @ParameterizedTest
    @CsvSource({"GRU,1,false,LAST", "GRU,2,true,LAST", "LSTM,2,false,LAST", "LSTM,1,true,LAST", "GRU,2,false,MEAN",
        "LSTM,1,true,MEAN"})
    void recurrentBlockMapsSegmentsToClassLogits(CellType cell, int layers, boolean bidirectional,
                                                 RecurrentReadout readout) {
        RecurrentSpec spec = RecurrentSpec.builder().setFeatures(5).setFrames(12).setClasses(4)
                .optCell(cell).optLayers(layers).optHiddenSize(16).optBidirectional(bidirectional).optDropout(0f)
                .optReadout(readout).build();
        try (Model model = TestBundles.initialised("rnn", GenreBlocks.recurrent(spec), new Shape(3, 12, 5))) {
            NDArray x = model.getNDManager().randomNormal(new Shape(3, 12, 5));
            NDList out = model.getBlock().forward(new ParameterStore(model.getNDManager(), false), new NDList(x), false);
            assertThat(out.singletonOrThrow().getShape()).isEqualTo(new Shape(3, 4));
            assertThat(model.getBlock().getOutputShapes(new Shape[] {new Shape(3, 12, 5)})[0])
                    .isEqualTo(new Shape(3, 4));
        }
    }

    @Test
    void specsOfBundlesWrittenBeforeTheReadoutAndEnsemblesExistedReadTheLastStepOfOneModel() throws Exception {
        RecurrentSpec old = ModelBundle.json().readValue("{\"cell\":\"GRU\",\"layers\":2,\"hiddenSize\":64,"
                + "\"bidirectional\":false,\"dropout\":0.2,\"features\":37,\"frames\":130,\"classes\":10}",
                RecurrentSpec.class);
        assertThat(old.readout()).isEqualTo(RecurrentReadout.LAST);
        assertThat(old.members()).isEqualTo(1);
        RecurrentSpec three = old.withMembers(3);
        assertThat(ModelBundle.json().readValue(ModelBundle.json().writeValueAsString(three), RecurrentSpec.class))
                .isEqualTo(three);
        assertThatThrownBy(() -> old.withMembers(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("members");
        RecurrentSpec mean = RecurrentSpec.builder().setFeatures(37).setFrames(130).setClasses(4)
                .optReadout(RecurrentReadout.MEAN).build();
        assertThat(ModelBundle.json().readValue(ModelBundle.json().writeValueAsString(mean), RecurrentSpec.class))
                .isEqualTo(mean);
    }

    @ParameterizedTest
    @CsvSource({"0.0", "0.3"})
    void mlpMapsRowsToClassLogits(float dropout) {
        MlpSpec spec = MlpSpec.builder().setInputs(57).setClasses(10).optHidden(List.of(32, 16)).optDropout(dropout)
                .build();
        try (Model model = TestBundles.initialised("mlp", GenreBlocks.summaryMlp(spec), new Shape(2, 57))) {
            NDArray x = model.getNDManager().randomNormal(new Shape(2, 57));
            NDList out = model.getBlock().forward(new ParameterStore(model.getNDManager(), false), new NDList(x), false);
            assertThat(out.singletonOrThrow().getShape()).isEqualTo(new Shape(2, 10));
        }
    }

    @Test
    void seedEnsembleGivesTheLogOfItsMembersMeanProbabilities() {
        MlpSpec spec = MlpSpec.builder().setInputs(7).setClasses(4).optHidden(List.of(8)).optMembers(3).build();
        assertLogOfMembersMeanProbabilities(GenreBlocks.summaryMlp(spec), new Shape(5, 7), 3, 4);
    }

    @Test
    void viewMembersReadOnlyTheLeadingInputs() {
        MlpSpec spec = MlpSpec.builder().setInputs(7).setClasses(4).optHidden(List.of(8)).optMembers(2).build()
                .withView(3, 2);
        assertLogOfMembersMeanProbabilities(GenreBlocks.summaryMlp(spec), new Shape(5, 7), 4, 4);
        try (Model model = TestBundles.initialised("mlp", GenreBlocks.summaryMlp(spec), new Shape(5, 7))) {
            ParameterStore store = new ParameterStore(model.getNDManager(), false);
            NDArray x = model.getNDManager().randomNormal(new Shape(5, 7));
            NDArray changedBeyond = x.duplicate();
            changedBeyond.set(new NDIndex(":, 3:"), 10f);
            List<Block> members = model.getBlock().getChildren().values();
            for (int m = 0; m < 4; m++) {
                float[] before = members.get(m).forward(store, new NDList(x), false).head().toFloatArray();
                float[] after = members.get(m).forward(store, new NDList(changedBeyond), false).head()
                        .toFloatArray();
                if (m < 2) {
                    assertThat(after).as("member %d reads every input", m).isNotEqualTo(before);
                } else {
                    assertThat(after).as("view member %d reads the first 3 inputs alone", m).isEqualTo(before);
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"GRU,false,LAST", "LSTM,true,MEAN"})
    void recurrentSeedEnsembleGivesTheLogOfItsMembersMeanProbabilities(CellType cell, boolean bidirectional,
                                                                       RecurrentReadout readout) {
        RecurrentSpec spec = RecurrentSpec.builder().setFeatures(5).setFrames(12).setClasses(4).optCell(cell)
                .optLayers(1).optHiddenSize(8).optBidirectional(bidirectional).optReadout(readout).optMembers(3)
                .build();
        assertLogOfMembersMeanProbabilities(GenreBlocks.recurrent(spec), new Shape(5, 12, 5), 3, 4);
    }

    private static void assertLogOfMembersMeanProbabilities(Block block, Shape input, int members, int classes) {
        try (Model model = TestBundles.initialised("ensemble", block, input)) {
            ParameterStore store = new ParameterStore(model.getNDManager(), false);
            NDArray x = model.getNDManager().randomNormal(input);
            float[] ensemble = model.getBlock().forward(store, new NDList(x), false).singletonOrThrow().exp()
                    .toFloatArray();

            List<Block> children = model.getBlock().getChildren().values();
            assertThat(children).hasSize(members);
            float[] mean = new float[(int) input.get(0) * classes];
            for (Block member : children) {
                float[] p = member.forward(store, new NDList(x), false).singletonOrThrow().softmax(-1).toFloatArray();
                for (int i = 0; i < mean.length; i++) {
                    mean[i] += p[i] / members;
                }
            }
            assertThat(ensemble).containsExactly(mean, within(1e-6f));
            assertThat(children.get(0).getParameters().get(0).getValue().getArray().toFloatArray())
                    .isNotEqualTo(children.get(1).getParameters().get(0).getValue().getArray().toFloatArray());
        }
    }

    @Test
    void mlpSpecsOfBundlesWrittenBeforeEnsemblesReadOneMember() throws Exception {
        MlpSpec old = ModelBundle.json().readValue(
                "{\"inputs\":57,\"hidden\":[256,128],\"dropout\":0.3,\"classes\":11}", MlpSpec.class);
        assertThat(old.members()).isEqualTo(1);
        MlpSpec six = old.withMembers(6);
        assertThat(ModelBundle.json().readValue(ModelBundle.json().writeValueAsString(six), MlpSpec.class))
                .isEqualTo(six);
        assertThatThrownBy(() -> old.withMembers(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("members >= 1");
        assertThat(old.viewMembers()).isZero();
        MlpSpec viewed = six.withView(20, 6);
        assertThat(ModelBundle.json().readValue(ModelBundle.json().writeValueAsString(viewed), MlpSpec.class))
                .isEqualTo(viewed);
        assertThatThrownBy(() -> six.withView(57, 6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 56 leading inputs");
    }
}
