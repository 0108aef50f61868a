package io.effortmap.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of a store, for tests of what a service does when its store fails: {@link #stall()} keeps
 * every connection open but passes no more bytes and accepts new connections without serving them (as a stopped or
 * hung database process looks to a client), {@link #down()} closes every connection and refuses new ones (a crashed
 * one), {@link #restore()} serves normally again on the same port.
 */
public final class StoreProxy implements AutoCloseable {

    private enum Mode { PASS, STALL, DOWN }

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.PASS;
    private volatile ServerSocket server;

    public StoreProxy(String host, int targetPort) {
        this.target = new InetSocketAddress(host, targetPort);
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        listen();
    }

    public int port() {
        return port;
    }

    public synchronized void stall() {
        mode = Mode.STALL;
    }

    public synchronized void down() {
        mode = Mode.DOWN;
        closeQuietly(server);
        sockets.forEach(StoreProxy::closeQuietly);
        sockets.clear();
    }

    /** Serves again; connections that stalled are closed (their state is unknown), new ones pass. */
    public synchronized void restore() {
        Mode before = mode;
        mode = Mode.PASS;
        if (before == Mode.STALL) {
            sockets.forEach(StoreProxy::closeQuietly);
            sockets.clear();
        }
        if (server == null || server.isClosed()) {
            listen();
        }
    }

    @Override
    public synchronized void close() {
        mode = Mode.DOWN;
        closeQuietly(server);
        sockets.forEach(StoreProxy::closeQuietly);
    }

    private void listen() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            server = socket;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + port, e);
        }
        ServerSocket listening = server;
        Thread.ofVirtual().name("store-proxy-accept").start(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    sockets.add(client);
                    if (mode == Mode.PASS) {
                        connect(client);
                    } // stalled: accepted by the kernel and by us, never answered
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private void connect(Socket client) {
        try {
            Socket upstream = new Socket();
            upstream.connect(target, 2000);
            sockets.add(upstream);
            pump(client, upstream);
            pump(upstream, client);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    /** Copies bytes one way; while stalled it holds what it read and waits. */
    private void pump(Socket from, Socket to) {
        Thread.ofVirtual().name("store-proxy-pump").start(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    while (mode == Mode.STALL && !from.isClosed()) {
                        Thread.sleep(20);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // closed by either side or by down()/restore()
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        });
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                // already closed
            }
        }
    }
}
