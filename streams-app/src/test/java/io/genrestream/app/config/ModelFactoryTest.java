package io.genrestream.app.config;

import io.genrestream.app.TestBundle;
import io.genrestream.app.scoring.BundleLoad;
import io.genrestream.model.BundleMismatchException;
import io.genrestream.model.TorchThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelFactoryTest {

    @Test
    void theBundleFactorySetsPyTorchThreadsBeforeLoading(@TempDir Path dir) throws Exception {
        Path bundle = TestBundle.write(dir.resolve("bundle"));
        String before = System.getProperty(TorchThreads.NUM_THREADS_PROPERTY);
        String beforeInterop = System.getProperty(TorchThreads.NUM_INTEROP_THREADS_PROPERTY);
        System.clearProperty(TorchThreads.NUM_THREADS_PROPERTY);
        ModelFactory factory = new ModelFactory();
        try (BundleLoad loaded = factory.modelBundle(bundle.toString(), 1, List.of())) {
            assertThat(loaded.get().labels()).isEqualTo(TestBundle.GTZAN_LABELS);
            assertThat(System.getProperty(TorchThreads.NUM_THREADS_PROPERTY)).isEqualTo("1");
            assertThat(System.getProperty(TorchThreads.NUM_INTEROP_THREADS_PROPERTY)).isEqualTo("1");
        } finally {
            restore(TorchThreads.NUM_THREADS_PROPERTY, before);
            restore(TorchThreads.NUM_INTEROP_THREADS_PROPERTY, beforeInterop);
        }
    }

    @Test
    void aBundleWithOtherLabelsThanTheDeploymentExpectsIsRefused(@TempDir Path dir) throws Exception {
        Path bundle = TestBundle.write(dir.resolve("bundle"));
        ModelFactory factory = new ModelFactory();
        try (BundleLoad same = factory.modelBundle(bundle.toString(), 1, TestBundle.GTZAN_LABELS)) {
            assertThat(same.get().labels()).isEqualTo(TestBundle.GTZAN_LABELS);
        }
        List<String> emotify = List.of("classical", "electronic", "pop", "rock");
        assertThatThrownBy(() -> factory.modelBundle(bundle.toString(), 1, emotify))
                .isInstanceOf(BundleMismatchException.class)
                .hasMessageContaining("expects [classical, electronic, pop, rock]")
                .hasMessageContaining("has the labels " + TestBundle.GTZAN_LABELS);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
