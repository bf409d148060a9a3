package io.genrestream.producer;

import io.genrestream.audio.PcmFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.SampleFormat;
import io.genrestream.avro.StreamKind;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AudioChunkerTest {

    private static final PcmFormat MONO_8K = new PcmFormat(8000, 1);

    @Test
    void cutsWholeChunksAndEndsTrackWithOneEmptyMarker() {
        // 100 ms at 8 kHz mono = 800 frames = 1600 bytes per chunk; 3.5 chunks of audio.
        byte[] pcm = randomBytes(5600, 1);
        List<AudioChunk> chunks = new ArrayList<>();
        AudioChunker chunker = AudioChunker.builder().setStreamId("t1").setFormat(MONO_8K)
                .optChunkDuration(Duration.ofMillis(100)).build();
        chunker.append(pcm, chunks::add);
        assertThat(chunks).hasSize(3);
        chunker.finish(chunks::add);

        assertThat(chunks).extracting(AudioChunk::getSequence).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(chunks).extracting(c -> c.getPcm().remaining()).containsExactly(1600, 1600, 1600, 800, 0);
        assertThat(chunks).extracting(AudioChunk::getEndOfTrack).containsExactly(false, false, false, false, true);
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.getStreamId()).isEqualTo("t1");
            assertThat(c.getSampleRate()).isEqualTo(8000);
            assertThat(c.getChannels()).isEqualTo(1);
            assertThat(c.getSampleFormat()).isEqualTo(SampleFormat.PCM_S16LE);
            assertThat(c.getKind()).isEqualTo(StreamKind.TRACK);
        });
        assertThat(concat(chunks)).isEqualTo(pcm);
    }

    @Test
    void piecesOfAnySizeGiveTheSameChunks() {
        PcmFormat stereo = new PcmFormat(22050, 2);
        byte[] pcm = randomBytes(stereo.bytesFor(Duration.ofMillis(1234)), 2);
        List<AudioChunk> whole = new ArrayList<>();
        AudioChunker a = AudioChunker.builder().setStreamId("s").setFormat(stereo).build();
        a.append(pcm, whole::add);
        a.finish(whole::add);

        List<AudioChunk> pieces = new ArrayList<>();
        AudioChunker b = AudioChunker.builder().setStreamId("s").setFormat(stereo).build();
        SplittableRandom random = new SplittableRandom(3);
        for (int offset = 0; offset < pcm.length; ) {
            int length = Math.min(pcm.length - offset, 1 + random.nextInt(7001)); // odd sizes split frames
            b.append(pcm, offset, length, pieces::add);
            offset += length;
        }
        b.finish(pieces::add);

        assertThat(pieces).extracting(c -> c.getPcm().remaining())
                .containsExactlyElementsOf(whole.stream().map(c -> c.getPcm().remaining()).toList());
        assertThat(concat(pieces)).isEqualTo(pcm);
        // 0.5 s of 22050 Hz stereo: 11025 frames of 4 bytes.
        assertThat(pieces.get(0).getPcm().remaining()).isEqualTo(44100);
    }

    @Test
    void liveStreamHasNoEndMarkerAndDropsATrailingHalfFrame() {
        List<AudioChunk> chunks = new ArrayList<>();
        AudioChunker chunker = AudioChunker.builder().setStreamId("radio").setFormat(MONO_8K)
                .optKind(StreamKind.LIVE).optChunkDuration(Duration.ofMillis(100)).build();
        chunker.append(new byte[1601], chunks::add);
        chunker.finish(chunks::add);
        assertThat(chunks).extracting(c -> c.getPcm().remaining()).containsExactly(1600);
        assertThat(chunks).noneMatch(AudioChunk::getEndOfTrack);
    }

    @Test
    void formatChangeFlushesAndKeepsNumbering() {
        List<AudioChunk> chunks = new ArrayList<>();
        AudioChunker chunker = AudioChunker.builder().setStreamId("radio").setFormat(MONO_8K)
                .optKind(StreamKind.LIVE).optChunkDuration(Duration.ofMillis(100)).optFirstSequence(10).build();
        chunker.append(new byte[2000], chunks::add);
        chunker.changeFormat(new PcmFormat(16000, 1), chunks::add);
        chunker.append(new byte[3200], chunks::add);
        assertThat(chunks).extracting(AudioChunk::getSequence).containsExactly(10L, 11L, 12L);
        assertThat(chunks).extracting(AudioChunk::getSampleRate).containsExactly(8000, 8000, 16000);
        assertThat(chunks).extracting(c -> c.getPcm().remaining()).containsExactly(1600, 400, 3200);
    }

    @Test
    void emptyTrackIsJustTheMarker() {
        List<AudioChunk> chunks = new ArrayList<>();
        AudioChunker chunker = AudioChunker.builder().setStreamId("e").setFormat(MONO_8K).build();
        chunker.finish(chunks::add);
        assertThat(chunks).singleElement().satisfies(c -> {
            assertThat(c.getEndOfTrack()).isTrue();
            assertThat(c.getSequence()).isZero();
        });
        assertThatThrownBy(() -> chunker.append(new byte[2], chunks::add)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsMissingRequiredValues() {
        assertThatThrownBy(() -> AudioChunker.builder().setFormat(MONO_8K).build())
                .hasMessageContaining("setStreamId");
        assertThatThrownBy(() -> AudioChunker.builder().setStreamId(" "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static byte[] concat(List<AudioChunk> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (AudioChunk chunk : chunks) {
            ByteBuffer pcm = chunk.getPcm().duplicate();
            byte[] bytes = new byte[pcm.remaining()];
            pcm.get(bytes);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }
}
