package io.genrestream.producer.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the ICY (Shoutcast/Icecast) metadata blocks from a stream body and reports each new
 * {@code StreamTitle}. After every {@code metaInt} audio bytes the server inserts one length byte {@code n} and
 * {@code 16 * n} bytes of text such as {@code StreamTitle='Artist - Title';}. Hand-written because the protocol is
 * a few lines and no maintained Java library implements it.
 */
public final class IcyMetadataInputStream extends FilterInputStream {

    private static final Pattern STREAM_TITLE = Pattern.compile("StreamTitle='(.*?)';", Pattern.DOTALL);

    private final int metaInt;
    private final Consumer<String> titleListener;
    private int audioLeft;
    private String lastTitle;

    /**
     * @param in            body of a response that carried {@code icy-metaint: metaInt}
     * @param metaInt       audio bytes between metadata blocks
     * @param titleListener called with each title that differs from the previous one
     */
    public IcyMetadataInputStream(InputStream in, int metaInt, Consumer<String> titleListener) {
        super(in);
        if (metaInt <= 0) {
            throw new IllegalArgumentException("icy-metaint must be positive, got " + metaInt);
        }
        this.metaInt = metaInt;
        this.titleListener = titleListener;
        this.audioLeft = metaInt;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (audioLeft == 0) {
            if (!skipMetadataBlock()) {
                return -1;
            }
            audioLeft = metaInt;
        }
        int n = in.read(buffer, offset, Math.min(length, audioLeft));
        if (n > 0) {
            audioLeft -= n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return read(new byte[(int) Math.min(n, 8192)]);
    }

    @Override
    public int available() throws IOException {
        return Math.min(in.available(), audioLeft);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads one metadata block; false at end of stream. */
    private boolean skipMetadataBlock() throws IOException {
        int blocks = in.read();
        if (blocks < 0) {
            return false;
        }
        byte[] text = in.readNBytes(blocks * 16);
        if (text.length < blocks * 16) {
            return false;
        }
        Matcher matcher = STREAM_TITLE.matcher(new String(text, StandardCharsets.UTF_8));
        if (matcher.find()) {
            String title = matcher.group(1).strip();
            if (!title.isEmpty() && !title.equals(lastTitle)) {
                lastTitle = title;
                titleListener.accept(title);
            }
        }
        return true;
    }
}
