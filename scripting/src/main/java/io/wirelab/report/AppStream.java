package io.wirelab.report;

import io.wirelab.report.Packets.Packet;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** An application decoder fed one direction of a TCP stream in order; it labels the packet that carried each message's first byte. */
abstract class AppStream {
    /** Bytes kept while waiting for the rest of a message; a longer message is skipped, not decoded. */
    static final int MAX_BUFFER = 1 << 20;

    /** The decoder for a direction whose first bytes are these: TLS, HTTP, or none. */
    static AppStream choose(byte[] b, int off, boolean fromClient, TlsSession tls) {
        if (b.length - off >= 3 && b[off] == 22 && b[off + 1] == 3 && b[off + 2] <= 4) return new TlsStream(tls, fromClient);
        String head = new String(b, off, Math.min(8, b.length - off), StandardCharsets.ISO_8859_1);
        if (head.startsWith("HTTP/1.") || head.matches("^(GET|HEAD|POST|PUT|DELETE|OPTIONS|PATCH|CONNECT|TRACE) .*")) return new HttpText();
        return null;
    }

    abstract void accept(byte[] b, int off, int len, Packet carrier);

    /** HTTP/1.x messages in plain text (RFC 9112): start line as the label, headers as the detail, bodies skipped by length. */
    static final class HttpText extends AppStream {
        private final ByteArrayOutputStream head = new ByteArrayOutputStream();
        private Packet headCarrier;
        private long bodyLeft;
        private boolean chunked, closeDelimited, lost;
        private int chunkState;           // chunked: bytes of the "0\r\n\r\n" end seen
        private final String via;

        HttpText() { this(""); }

        HttpText(String via) { this.via = via; }

        @Override void accept(byte[] b, int off, int len, Packet carrier) {
            int i = off, end = off + len;
            while (i < end && !lost) {
                if (closeDelimited) return;
                if (bodyLeft > 0) {
                    int n = (int) Math.min(bodyLeft, end - i);
                    bodyLeft -= n;
                    i += n;
                    continue;
                }
                if (chunked) {
                    // skip to the last chunk: "0\r\n\r\n" (RFC 9112 §7.1), not validating the chunk sizes between
                    byte[] last = {'0', '\r', '\n', '\r', '\n'};
                    byte c = b[i++];
                    chunkState = c == last[chunkState] ? chunkState + 1 : (c == '0' ? 1 : 0);
                    if (chunkState == last.length) { chunked = false; chunkState = 0; }
                    continue;
                }
                if (head.size() == 0) headCarrier = carrier;
                head.write(b[i++]);
                if (head.size() > MAX_BUFFER) { lost = true; return; }
                byte[] h = head.toByteArray();
                int n = h.length;
                if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                    message(new String(h, StandardCharsets.ISO_8859_1));
                    head.reset();
                }
            }
        }

        private void message(String text) {
            String[] lines = text.split("\r\n");
            String start = lines[0];
            boolean response = start.startsWith("HTTP/");
            String label;
            if (response) {
                int sp = start.indexOf(' ');
                label = sp < 0 ? start : start.substring(sp + 1);
            } else {
                int sp = start.lastIndexOf(" HTTP/");
                label = sp < 0 ? start : start.substring(0, sp);
            }
            headCarrier.app.add(via + label);
            headCarrier.appDetail.add((via.isEmpty() ? "Hypertext Transfer Protocol" : "Hypertext Transfer Protocol (decrypted TLS)") + "\n" + text.strip());
            long length = 0;
            boolean hasLength = false;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon < 0) continue;
                String name = lines[i].substring(0, colon).strip(), value = lines[i].substring(colon + 1).strip();
                if (name.equalsIgnoreCase("Content-Length")) {
                    try {
                        length = Long.parseLong(value);
                        hasLength = true;
                    } catch (NumberFormatException e) {
                        lost = true;
                    }
                }
                if (name.equalsIgnoreCase("Transfer-Encoding") && value.toLowerCase(java.util.Locale.ROOT).contains("chunked")) chunked = true;
            }
            boolean bodyless = !response || start.matches("HTTP/1\\.\\d (1\\d\\d|204|304).*");
            if (chunked) return;
            if (hasLength) bodyLeft = length;
            else if (response && !bodyless) closeDelimited = true;   // RFC 9112 §6.3: read until the connection closes
        }
    }
}
