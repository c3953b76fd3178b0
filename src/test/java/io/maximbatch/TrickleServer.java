package io.maximbatch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server that answers every request with its headers at once and then its body one byte a second (or, flooding,
 * as fast as it can, far past any sane size): what a broken proxy or a hostile endpoint does to a client.
 */
public final class TrickleServer implements AutoCloseable {

    private final ServerSocket socket;
    private final boolean flood;
    private final AtomicInteger connections = new AtomicInteger();

    private TrickleServer(boolean flood) throws IOException {
        this.flood = flood;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "trickle-server");
        accept.setDaemon(true);
        accept.start();
    }

    /** Headers, then a byte a second of a body that claims 100,000 bytes. */
    public static TrickleServer trickling() throws IOException {
        return new TrickleServer(false);
    }

    /** Headers, then 64 MB as fast as the client reads. */
    public static TrickleServer flooding() throws IOException {
        return new TrickleServer(true);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    /** Requests received so far. */
    public int connections() {
        return connections.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.incrementAndGet();
                Thread answer = new Thread(() -> answer(client), "trickle-answer");
                answer.setDaemon(true);
                answer.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void answer(Socket client) {
        try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
            readHeaders(in);
            long length = flood ? 64L * 1024 * 1024 : 100_000;
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            for (long sent = 0; sent < length && !socket.isClosed(); ) {
                if (flood) {
                    out.write(chunk);
                    sent += chunk.length;
                } else {
                    out.write(' ');
                    out.flush();
                    sent++;
                    Thread.sleep(1000);
                }
            }
        } catch (IOException | InterruptedException gone) {
            // The client gave up: that is what these tests want.
        }
    }

    private static void readHeaders(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b = in.read(); b >= 0; b = in.read()) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == end.length) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
