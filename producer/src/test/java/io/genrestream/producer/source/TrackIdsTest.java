package io.genrestream.producer.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.genrestream.audio.PcmFormat;
import io.genrestream.audio.TestAudio;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackIdsTest {

    @TempDir
    Path dir;

    @Test
    void trackIdIsAContentHash() throws Exception {
        PcmFormat format = new PcmFormat(8000, 1);
        byte[] pcm = TestAudio.tonePcm(format, 0.1, 4);
        Path one = TestAudio.writeWav(dir.resolve("one.wav"), format, pcm);
        Path copy = Files.copy(one, dir.resolve("renamed copy.wav"));
        Path other = TestAudio.writeWav(dir.resolve("other.wav"), format, TestAudio.tonePcm(format, 0.1, 5));
        assertThat(TrackIds.ofFile(one)).hasSize(16).matches("[0-9a-f]{16}").isEqualTo(TrackIds.ofFile(copy))
                .isNotEqualTo(TrackIds.ofFile(other));
    }
}
