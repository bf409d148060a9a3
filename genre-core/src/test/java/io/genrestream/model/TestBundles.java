package io.genrestream.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.genrestream.features.FeatureConfig;
import java.util.List;
import java.util.stream.IntStream;

/** Small real models and configurations for bundle tests. */
final class TestBundles {

    static final List<String> EMOTIFY_LABELS = List.of("classical", "electronic", "pop", "rock");
    static final int FRAMES = 12;
    static final List<String> FRAME_FEATURES = List.of("mfcc1", "mfcc2", "centroid", "zcr", "rms");
    static final List<String> SUMMARY_COLUMNS = IntStream.range(0, 7).mapToObj(i -> "s" + i).toList();

    private TestBundles() {
    }

    static FeatureConfig featureConfig() {
        return new FeatureConfig(22050, 2048, 512, 128, 20, 80.0, 3.0, "zero", FRAME_FEATURES);
    }

    static Device device() {
        return Engine.getEngine(ModelBundle.ENGINE).defaultDevice();
    }

    static Model initialised(String name, Block block, Shape inputShape) {
        Model model = Model.newInstance(name, device(), ModelBundle.ENGINE);
        model.setBlock(block);
        block.initialize(model.getNDManager(), DataType.FLOAT32, inputShape);
        return model;
    }

    static float[][][] segments(int batch, long seed) {
        java.util.Random random = new java.util.Random(seed);
        float[][][] x = new float[batch][FRAMES][FRAME_FEATURES.size()];
        for (float[][] s : x) {
            for (float[] f : s) {
                for (int j = 0; j < f.length; j++) {
                    f[j] = (float) (random.nextGaussian() * 5 + j);
                }
            }
        }
        return x;
    }

    static float[][] rows(int batch, long seed) {
        java.util.Random random = new java.util.Random(seed);
        float[][] x = new float[batch][SUMMARY_COLUMNS.size()];
        for (float[] r : x) {
            for (int j = 0; j < r.length; j++) {
                r[j] = (float) (random.nextGaussian() * 100 + 10 * j);
            }
        }
        return x;
    }
}
