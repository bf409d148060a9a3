package io.genrestream.producer.source;

import io.genrestream.audio.AudioDecodeException;
import io.genrestream.audio.FfmpegDecoder;

import io.genrestream.audio.PcmFormat;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP connection to a live audio stream, turned into 16-bit little-endian PCM.
 *
 * <p>A body that starts with a RIFF/WAVE header, or is typed {@code audio/L16;rate=..;channels=..} (RFC 2586,
 * big-endian), is read directly with javax.sound; anything else (Icecast/Shoutcast MP3, OGG, AAC) is piped through
 * ffmpeg. ICY metadata is requested and stripped; new stream titles go to a listener.
 */
public final class LiveConnection implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveConnection.class);
    private static final String USER_AGENT = "genre-producer";

    private final HttpURLConnection http;
    private final PcmFormat format;
    private final InputStream pcm;
    private final Process ffmpeg;
    private final Optional<String> stationName;
    private volatile boolean closed;

    private LiveConnection(HttpURLConnection http, PcmFormat format, InputStream pcm, Process ffmpeg,
            Optional<String> stationName) {
        this.http = http;
        this.format = format;
        this.pcm = pcm;
        this.ffmpeg = ffmpeg;
        this.stationName = stationName;
    }

    /**
     * Connects and prepares decoding.
     *
     * @param titleListener gets each new ICY stream title
     * @throws IOException          the server is unreachable, answers with an error, or times out
     * @throws AudioDecodeException the body is not audio this producer can decode (or ffmpeg is missing)
     */
    public static LiveConnection open(URI url, Duration connectTimeout, Duration readTimeout, FfmpegDecoder ffmpeg,
            Consumer<String> titleListener) throws IOException, AudioDecodeException {
        HttpURLConnection http = (HttpURLConnection) url.toURL().openConnection();
        boolean ready = false;
        try {
            http.setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()));
            http.setReadTimeout(Math.toIntExact(readTimeout.toMillis()));
            http.setRequestProperty("User-Agent", USER_AGENT);
            http.setRequestProperty("Icy-MetaData", "1");
            int status = http.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IOException("HTTP " + status + " " + http.getResponseMessage() + " from " + url);
            }
            String contentType = Optional.ofNullable(http.getContentType()).orElse("").toLowerCase(Locale.ROOT);
            InputStream body = http.getInputStream();
            int metaInt = http.getHeaderFieldInt("icy-metaint", 0);
            if (metaInt > 0) {
                body = new IcyMetadataInputStream(body, metaInt, titleListener);
            }
            BufferedInputStream buffered = new BufferedInputStream(body, 1 << 16);
            Optional<String> station = Optional.ofNullable(http.getHeaderField("icy-name")).filter(s -> !s.isBlank());
            LiveConnection connection;
            if (contentType.startsWith("audio/l16")) {
                connection = direct(http, rawL16(buffered, contentType, url), station);
            } else if (startsWithRiff(buffered)) {
                connection = direct(http, wav(buffered, url), station);
            } else {
                connection = throughFfmpeg(http, buffered, ffmpeg, url, station);
            }
            LOG.info("connected to {} ({}; {})", url, contentType.isEmpty() ? "no content type" : contentType,
                    connection.format);
            ready = true;
            return connection;
        } finally {
            if (!ready) {
                http.disconnect();
            }
        }
    }

    /** PCM layout of {@link #pcm()}. */
    public PcmFormat format() {
        return format;
    }

    /** The decoded PCM; ends when the server closes or the connection drops. */
    public InputStream pcm() {
        return pcm;
    }

    /** The station name the server announced ({@code icy-name}), if any. */
    public Optional<String> stationName() {
        return stationName;
    }

    @Override
    public void close() {
        closed = true;
        try {
            pcm.close();
        } catch (IOException e) {
            LOG.debug("closing stream", e);
        }
        if (ffmpeg != null) {
            ffmpeg.destroy();
        }
        http.disconnect();
    }

    private static LiveConnection direct(HttpURLConnection http, AudioInputStream audio, Optional<String> station) {
        AudioFormat format = audio.getFormat();
        return new LiveConnection(http, new PcmFormat(Math.round(format.getSampleRate()), format.getChannels()),
                audio, null, station);
    }

    private static AudioInputStream rawL16(InputStream body, String contentType, URI url)
            throws AudioDecodeException {
        int rate = parameter(contentType, "rate").orElseThrow(() -> new AudioDecodeException(
                "audio/L16 stream " + url + " does not say its rate (Content-Type: " + contentType + ")"));
        int channels = parameter(contentType, "channels").orElse(1);
        AudioFormat bigEndian = new AudioFormat(rate, 16, channels, true, true);
        return toS16le(new AudioInputStream(body, bigEndian, AudioSystem.NOT_SPECIFIED), url);
    }

    private static AudioInputStream wav(InputStream body, URI url) throws IOException, AudioDecodeException {
        try {
            return toS16le(AudioSystem.getAudioInputStream(body), url);
        } catch (UnsupportedAudioFileException e) {
            throw new AudioDecodeException("corrupt WAV header in stream " + url + ": " + e.getMessage(), e);
        }
    }

    private static AudioInputStream toS16le(AudioInputStream source, URI url) throws AudioDecodeException {
        AudioFormat from = source.getFormat();
        AudioFormat target = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, from.getSampleRate(), 16,
                from.getChannels(), from.getChannels() * PcmFormat.BYTES_PER_SAMPLE, from.getSampleRate(), false);
        if (from.matches(target)) {
            return source;
        }
        if (!AudioSystem.isConversionSupported(target, from)) {
            throw new AudioDecodeException("unsupported sample encoding in stream " + url + ": " + from);
        }
        return AudioSystem.getAudioInputStream(target, source);
    }

    private static LiveConnection throughFfmpeg(HttpURLConnection http, InputStream body, FfmpegDecoder ffmpeg,
            URI url, Optional<String> station) throws AudioDecodeException {
        Process process = ffmpeg.startPipe(url.toString());
        Thread copier = new Thread(() -> copyBody(body, process.getOutputStream(), url),
                "live-body-to-ffmpeg");
        copier.setDaemon(true);
        copier.start();
        LiveConnection connection =
                new LiveConnection(http, ffmpeg.outputFormat(), process.getInputStream(), process, station);
        FfmpegDecoder.drainStderr(process).thenAccept(text -> {
            // After our own close, ffmpeg only complains about the broken pipe: not worth a warning.
            if (!text.isBlank() && !connection.closed) {
                LOG.warn("ffmpeg on {}: {}", url, FfmpegDecoder.summarize(text));
            }
        });
        return connection;
    }

    /** Feeds the HTTP body to ffmpeg; closing ffmpeg's input when the body ends lets it flush and exit. */
    private static void copyBody(InputStream body, OutputStream ffmpegIn, URI url) {
        try (body; ffmpegIn) {
            body.transferTo(ffmpegIn);
        } catch (IOException e) {
            LOG.debug("body of {} ended: {}", url, e.toString());
        }
    }

    private static boolean startsWithRiff(BufferedInputStream in) throws IOException {
        in.mark(4);
        byte[] head = in.readNBytes(4);
        in.reset();
        return "RIFF".equals(new String(head, StandardCharsets.US_ASCII));
    }

    private static Optional<Integer> parameter(String contentType, String name) throws AudioDecodeException {
        for (String part : contentType.split(";")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equals(name)) {
                try {
                    return Optional.of(Integer.parseInt(pair[1].trim()));
                } catch (NumberFormatException e) {
                    throw new AudioDecodeException("bad " + name + " in Content-Type: " + contentType, e);
                }
            }
        }
        return Optional.empty();
    }
}
