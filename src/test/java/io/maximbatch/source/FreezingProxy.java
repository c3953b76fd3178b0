package io.maximbatch.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of a database that, once frozen, keeps every connection open but forwards nothing more: a
 * server that vanished without closing its connections, as a dropped network or a paused VM looks from here.
 */
public final class FreezingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean frozen;
    private volatile String freezeOn;
    private volatile int occurrence = 1;
    private final java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();

    public FreezingProxy(int targetPort) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    sockets.add(client);
                    sockets.add(target);
                    pump(client, target);
                    pump(target, client);
                } catch (IOException closed) {
                    return;
                }
            }
        }, "freezing-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** From now on, bytes are read from both sides and dropped. */
    public void freeze() {
        frozen = true;
    }

    /** Freezes when the client sends bytes holding this text (e.g. a query's words), before they reach the server. */
    public void freezeOn(String text) {
        freezeOn(text, 1);
    }

    /** Freezes when the client sends bytes holding this text for the occurrence-th time (1: the first). */
    public void freezeOn(String text, int occurrence) {
        this.occurrence = occurrence;
        freezeOn = text;
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    String trigger = freezeOn;
                    if (trigger != null && from.getLocalPort() == server.getLocalPort()
                            && new String(buffer, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1).contains(trigger)
                            && seen.incrementAndGet() >= occurrence) {
                        frozen = true;
                    }
                    if (!frozen) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException closed) {
                // the other side or the test closed it
            }
        }, "freezing-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
