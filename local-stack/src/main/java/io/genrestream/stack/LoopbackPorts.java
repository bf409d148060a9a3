package io.genrestream.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds and checks TCP ports on the loopback address the stack binds to. */
public final class LoopbackPorts {

    /** Every child process listens on this address only. */
    public static final String HOST = "127.0.0.1";

    private LoopbackPorts() {
    }

    /** A port that is free right now (the OS picks it); another process may still take it before the child binds. */
    public static int findFree() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + HOST, e);
        }
    }

    /** True when nothing listens on the port and a server (with the JDK's default SO_REUSEADDR) can bind it. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Returns {@code port} if it is free, a free port chosen by the OS if it is 0.
     *
     * @throws LocalStackException if the port is in use, naming {@code purpose}
     */
    public static int freeOrAny(int port, String purpose) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(purpose + " port must be 0 (any free port) or 1..65535, got " + port);
        }
        if (port == 0) {
            return findFree();
        }
        if (!isFree(port)) {
            throw new LocalStackException(purpose + " port " + HOST + ":" + port
                    + " is already in use (another stack or service is running?); stop it or choose another port");
        }
        return port;
    }
}
