package io.genrestream.serde;

import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.SampleFormat;
import io.genrestream.avro.SourceMetadata;
import io.genrestream.avro.StreamKind;

import java.nio.ByteBuffer;
import java.time.Instant;

/** Sample records shared by the serde tests. */
final class TestRecords {

    private TestRecords() {
    }

    static AudioChunk audioChunk(String streamId, long sequence) {
        return AudioChunk.newBuilder()
                .setStreamId(streamId)
                .setSequence(sequence)
                .setSampleRate(22_050)
                .setChannels(2)
                .setSampleFormat(SampleFormat.PCM_S16LE)
                .setPcm(ByteBuffer.wrap(new byte[] {1, 0, -1, -1, 0, 64, 0, -64}))
                .setEndOfTrack(false)
                .setKind(StreamKind.LIVE)
                .setProducedAtMs(Instant.ofEpochMilli(1_763_000_000_123L))
                .setSource(SourceMetadata.newBuilder().setTitle("So What").setArtist("Miles Davis").build())
                .build();
    }
}
