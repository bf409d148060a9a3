package io.genrestream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.genrestream.features.FeatureConfig;
import io.genrestream.vote.VoteWeights;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bundle that brings its own TorchScript model (made by make_fixture.py next to the fixture). */
class TorchScriptBundleTest {

    @TempDir
    Path dir;

    @Test
    void scoresLikePyTorchDid() throws Exception {
        Path fixture = Path.of(getClass().getResource("/torchscript/gru.pt").toURI());
        JsonNode expected = ModelBundle.json().readTree(getClass().getResource("/torchscript/expected.json"));
        List<String> labels = ModelBundle.json().convertValue(expected.get("labels"),
                ModelBundle.json().getTypeFactory().constructCollectionType(List.class, String.class));
        float[] mean = ModelBundle.json().convertValue(expected.get("mean"), float[].class);
        float[] std = ModelBundle.json().convertValue(expected.get("std"), float[].class);
        float[][][] input = ModelBundle.json().convertValue(expected.get("input"), float[][][].class);
        float[][] probabilities = ModelBundle.json().convertValue(expected.get("probabilities"), float[][].class);

        FeatureConfig features = new FeatureConfig(22050, 2048, 512, 128, 20, 80.0, 3.0, "zero",
                List.of("f1", "f2", "f3"));
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, labels, features, List.of(),
                new BundledModel("gru.pt", ModelArchitecture.torchscript(), new Normalization(mean, std)), null,
                new double[] {0.25, 0.25, 0.25, 0.25}, VoteWeights.EQUAL, null, Map.of(),
                Map.of("source", "fixture"));
        ModelBundle.write(dir, manifest, Map.of(), Map.of(ModelRole.GRU, fixture), "# TorchScript fixture\n");

        try (ModelBundle bundle = ModelBundle.load(dir, features);
             BatchScorer scorer = bundle.newScorer(ModelRole.GRU)) {
            assertThat(bundle.has(ModelRole.SUMMARY)).isFalse();
            assertThat(bundle.labels()).containsExactly("classical", "electronic", "pop", "rock");
            float[][] actual = scorer.scoreSegments(input);
            assertThat(actual).hasDimensions(probabilities.length, 4);
            for (int b = 0; b < actual.length; b++) {
                assertThat(actual[b]).containsExactly(probabilities[b], within(1e-5f));
            }
        }
    }
}
