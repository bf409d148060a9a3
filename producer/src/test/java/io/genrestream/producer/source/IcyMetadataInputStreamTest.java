package io.genrestream.producer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IcyMetadataInputStreamTest {

    @Test
    void stripsMetadataBlocksAndReportsNewTitles() throws Exception {
        int metaInt = 100;
        byte[] audio = new byte[350];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (byte) i;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(audio, 0, 100);
        body.write(block("StreamTitle='Miles Davis - So What';"));
        body.write(audio, 100, 100);
        body.write(0); // empty block: no change
        body.write(audio, 200, 100);
        body.write(block("StreamTitle='Miles Davis - So What';StreamUrl='';")); // same title again
        body.write(audio, 300, 50);

        List<String> titles = new ArrayList<>();
        byte[] read;
        try (IcyMetadataInputStream in = new IcyMetadataInputStream(
                new ByteArrayInputStream(body.toByteArray()), metaInt, titles::add)) {
            read = in.readAllBytes();
        }
        assertThat(read).isEqualTo(audio);
        assertThat(titles).containsExactly("Miles Davis - So What");
    }

    private static byte[] block(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int blocks = (bytes.length + 15) / 16;
        byte[] out = Arrays.copyOf(new byte[] {(byte) blocks}, 1 + blocks * 16);
        System.arraycopy(bytes, 0, out, 1, bytes.length);
        return out;
    }
}
