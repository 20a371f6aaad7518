package io.wirelab.devices.web;

import io.wirelab.devices.stream.ByteStream;
import io.wirelab.devices.stream.MemoryNetwork;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.wire.http.HttpLimits;
import io.wirelab.wire.http.HttpMessage;
import io.wirelab.wire.http.HttpParser;
import io.wirelab.wire.ipv4.Ipv4Address;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A server on 10.0.0.80:80 over an in-memory network (10 ms one way, 1.25 MB/s), and a raw client. */
public final class WebFixture {
    public static final Ipv4Address SERVER = Ipv4Address.parse("10.0.0.80");
    public static final Ipv4Address CLIENT = Ipv4Address.parse("10.0.0.2");

    public final Simulator sim = new Simulator(1);
    public final MemoryNetwork net = new MemoryNetwork(sim, SimTime.millis(10), 1_250_000);
    public final HttpServer server;

    public WebFixture(HttpServerConfig config) {
        server = new HttpServer(sim, config);
        server.addSite(pageSite("www.wirelab.test", "10.0.0.80"));
        server.addSite(new Site("other.wirelab.test").put("/index.html", "<p>other</p>"));
        server.listen(net.host(SERVER), 80);
    }

    /** index.html embeds 10 objects of 3000 bytes: 4 img, 3 script, 3 stylesheet links; /big/b0..3.bin are 20000 bytes. */
    public static Site pageSite(String... names) {
        Site s = new Site(names);
        StringBuilder html = new StringBuilder("<html><head>\n");
        for (int i = 0; i < 3; i++) html.append("<link rel=\"stylesheet\" href=\"/css/s").append(i).append(".css\">\n");
        for (int i = 0; i < 3; i++) html.append("<script src='/js/j").append(i).append(".js'></script>\n");
        html.append("</head><body>\n");
        for (int i = 0; i < 4; i++) html.append("<img src=img/i").append(i).append(".png alt=x>\n");
        html.append("</body></html>\n");
        s.put("/index.html", html.toString());
        byte[] blob = new byte[3000];
        for (int i = 0; i < blob.length; i++) blob[i] = (byte) ('a' + i % 26);
        for (int i = 0; i < 3; i++) s.put("/css/s" + i + ".css", new Resource("text/css", blob, false));
        for (int i = 0; i < 3; i++) s.put("/js/j" + i + ".js", new Resource("application/javascript", blob, false));
        for (int i = 0; i < 4; i++) s.put("/img/i" + i + ".png", new Resource("application/octet-stream", blob, false));   // not a real PNG: keeps tshark's PNG dissector quiet
        byte[] big = new byte[20000];
        for (int i = 0; i < big.length; i++) big[i] = (byte) i;
        for (int i = 0; i < 4; i++) s.put("/big/b" + i + ".bin", new Resource("application/octet-stream", big, false));
        s.put("/chunked.txt", Resource.text("text/plain", "x".repeat(5000)).asChunked());
        return s;
    }

    /** A raw connection that records every byte and the end of stream. */
    public final class Raw {
        public ByteStream stream;
        public final ByteArrayOutputStream received = new ByteArrayOutputStream();
        public boolean eof;
        public Object closedReason;

        public Raw() {
            net.host(CLIENT).connect(SERVER, 80).thenAccept(s -> {
                stream = s;
                s.onReadable(() -> {
                    byte[] b = new byte[4096];
                    for (int n; (n = s.read(b, 0, b.length)) != 0; ) {
                        if (n < 0) { eof = true; break; }
                        received.write(b, 0, n);
                    }
                });
                s.onClosed(r -> closedReason = r);
            });
            sim.runUntil(() -> stream != null, SimTime.seconds(1));
        }

        public Raw send(String text) {
            byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
            stream.write(b, 0, b.length);
            return this;
        }

        public List<HttpMessage> responses(String... methods) {
            HttpParser p = HttpParser.forResponses(HttpLimits.defaults());
            for (String m : methods) p.expectResponseTo(m);
            byte[] all = received.toByteArray();
            p.feed(all, 0, all.length);
            if (eof) p.finish();
            List<HttpMessage> out = new ArrayList<>();
            for (HttpMessage m; (m = p.poll()) != null; ) out.add(m);
            return out;
        }

        public String text() { return received.toString(StandardCharsets.ISO_8859_1); }
    }
}
