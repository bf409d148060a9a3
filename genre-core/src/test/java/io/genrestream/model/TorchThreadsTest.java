package io.genrestream.model;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TorchThreadsTest {

    private String threads;
    private String interop;

    @BeforeEach
    void saveProperties() {
        threads = System.getProperty(TorchThreads.NUM_THREADS_PROPERTY);
        interop = System.getProperty(TorchThreads.NUM_INTEROP_THREADS_PROPERTY);
        System.clearProperty(TorchThreads.NUM_THREADS_PROPERTY);
        System.clearProperty(TorchThreads.NUM_INTEROP_THREADS_PROPERTY);
    }

    @AfterEach
    void restoreProperties() {
        restore(TorchThreads.NUM_THREADS_PROPERTY, threads);
        restore(TorchThreads.NUM_INTEROP_THREADS_PROPERTY, interop);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void setsBothPoolsForTheEngineStart() {
        TorchThreads.set(3);
        assertThat(System.getProperty("ai.djl.pytorch.num_threads")).isEqualTo("3");
        assertThat(System.getProperty("ai.djl.pytorch.num_interop_threads")).isEqualTo("3");
    }

    @Test
    void configurationAppliesOnlyWhenNoSystemPropertyWasGiven() {
        assertThat(TorchThreads.setUnlessGiven(1)).isEqualTo(1);
        assertThat(System.getProperty(TorchThreads.NUM_THREADS_PROPERTY)).isEqualTo("1");

        System.setProperty(TorchThreads.NUM_THREADS_PROPERTY, "4");
        assertThat(TorchThreads.setUnlessGiven(1)).isEqualTo(4);
        assertThat(System.getProperty(TorchThreads.NUM_THREADS_PROPERTY)).isEqualTo("4");
    }

    @Test
    void aGivenPropertyThatIsNotANumberIsNamedInTheError() {
        System.setProperty(TorchThreads.NUM_THREADS_PROPERTY, "two");
        assertThatThrownBy(() -> TorchThreads.setUnlessGiven(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ai.djl.pytorch.num_threads must be a whole number, got 'two'");
    }

    @Test
    void fewerThanOneThreadIsRefused() {
        assertThatThrownBy(() -> TorchThreads.set(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
        assertThat(System.getProperty(TorchThreads.NUM_THREADS_PROPERTY)).isNull();
    }
}
