package org.peerbridge.server.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, for what no HTTP client will send: a Content-Length longer than the
 * body, a body that trickles in, paths with "..", oversized request lines and headers.
 */
public final class RawHttp {

    /** The status code and the whole answer (head and body) as text. */
    public record Answer(int status, String text) {
        public String body() {
            int split = text.indexOf("\r\n\r\n");
            return split < 0 ? "" : text.substring(split + 4);
        }
    }

    private RawHttp() {
    }

    /** Writes {@code request} (then {@code trickle} one byte each {@code pauseMillis}) and reads until the server closes or 60 s pass. */
    public static Answer exchange(int port, byte[] request, byte[] trickle, long pauseMillis, boolean halfClose) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            try {
                for (byte b : trickle) {
                    Thread.sleep(pauseMillis);
                    out.write(b);
                    out.flush();
                }
            } catch (IOException | InterruptedException stoppedListening) {
                // the server answered and closed before the whole body was sent: read what it said
            }
            if (halfClose) {
                socket.shutdownOutput();
            }
            return read(socket.getInputStream());
        }
    }

    public static Answer exchange(int port, String request) throws IOException {
        return exchange(port, request.getBytes(StandardCharsets.UTF_8), new byte[0], 0, false);
    }

    /** Reads the answer on a socket the caller wrote the request to. */
    public static Answer read(Socket socket) throws IOException {
        socket.setSoTimeout(60_000);
        return read(socket.getInputStream());
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            all.write(buffer, 0, n);
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            if (split > 0) {
                java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text.substring(0, split));
                if (length.find() && all.size() >= split + 4 + Integer.parseInt(length.group(1))) {
                    break;
                }
            }
        }
        String text = all.toString(StandardCharsets.UTF_8);
        return new Answer(text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : -1, text);
    }
}
