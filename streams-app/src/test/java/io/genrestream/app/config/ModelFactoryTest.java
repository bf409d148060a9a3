package io.genrestream.app.config;

import io.genrestream.app.TestBundle;
import io.genrestream.model.ModelBundle;
import io.genrestream.model.TorchThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ModelFactoryTest {

    @Test
    void theBundleFactorySetsPyTorchThreadsBeforeLoading(@TempDir Path dir) throws Exception {
        Path bundle = TestBundle.write(dir.resolve("bundle"));
        String before = System.getProperty(TorchThreads.NUM_THREADS_PROPERTY);
        String beforeInterop = System.getProperty(TorchThreads.NUM_INTEROP_THREADS_PROPERTY);
        System.clearProperty(TorchThreads.NUM_THREADS_PROPERTY);
        ModelFactory factory = new ModelFactory();
        try (ModelBundle loaded = factory.modelBundle(bundle.toString(), 1, factory.featureExtractor())) {
            assertThat(loaded.labels()).isEqualTo(TestBundle.GTZAN_LABELS);
            assertThat(System.getProperty(TorchThreads.NUM_THREADS_PROPERTY)).isEqualTo("1");
            assertThat(System.getProperty(TorchThreads.NUM_INTEROP_THREADS_PROPERTY)).isEqualTo("1");
        } finally {
            restore(TorchThreads.NUM_THREADS_PROPERTY, before);
            restore(TorchThreads.NUM_INTEROP_THREADS_PROPERTY, beforeInterop);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
