package io.wirelab.devices.stream;

import io.wirelab.sim.Scheduled;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.wire.ipv4.Ipv4Address;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * An in-memory stand-in for TCP between hosts, for unit tests of applications: a fixed one-way
 * delay, a serialization rate per direction, a 3-way handshake (connect completes after one RTT),
 * FIN and RST with TCP's effects (a reset discards bytes not yet sent and the peer's unread bytes).
 * No loss, no congestion control, no flow control.
 */
public final class MemoryNetwork {
    private final Simulator sim;
    private final long delayNanos;
    private final long bytesPerSecond;
    private final Map<String, Consumer<ByteStream>> listeners = new TreeMap<>();
    private int nextPort = 49152;
    private long connections;

    public MemoryNetwork(Simulator sim, long oneWayDelayNanos, long bytesPerSecond) {
        if (oneWayDelayNanos < 0 || bytesPerSecond <= 0) throw new IllegalArgumentException("delay/rate");
        this.sim = sim;
        this.delayNanos = oneWayDelayNanos;
        this.bytesPerSecond = bytesPerSecond;
    }

    public long connectionsOpened() { return connections; }

    /** One host's view: connect from this address, listen on it. */
    public Host host(Ipv4Address address) { return new Host(address); }

    public final class Host implements StreamConnector, StreamListener {
        private final Ipv4Address address;

        private Host(Ipv4Address address) { this.address = address; }

        @Override public void listen(int port, Consumer<ByteStream> onAccept) {
            listeners.put(address + ":" + port, onAccept);
        }

        @Override public CompletableFuture<ByteStream> connect(Ipv4Address dst, int port) {
            CompletableFuture<ByteStream> f = new CompletableFuture<>();
            Consumer<ByteStream> acceptor = listeners.get(dst + ":" + port);
            int localPort = nextPort++;
            if (acceptor == null) {
                sim.after(2 * delayNanos, () -> f.completeExceptionally(new StreamException("REFUSED", dst + ":" + port)));
                return f;
            }
            connections++;
            End client = new End(address + ":" + localPort, dst + ":" + port);
            End server = new End(dst + ":" + port, address + ":" + localPort);
            client.peer = server;
            server.peer = client;
            sim.after(2 * delayNanos, () -> f.complete(client));                // SYN, SYN-ACK
            sim.after(3 * delayNanos, () -> acceptor.accept(server));            // ACK completes the accept
            return f;
        }
    }

    private record Chunk(byte[] bytes, long departAt, Scheduled arrival) {}

    private final class End implements ByteStream {
        private final String local;
        private final String remote;
        private End peer;
        private final ArrayDeque<byte[]> inbox = new ArrayDeque<>();
        private int inboxOffset;
        private int inboxBytes;
        private final ArrayDeque<Chunk> inFlight = new ArrayDeque<>();
        private long linkFreeAt;
        private boolean finSent;
        private boolean finReceived;
        private boolean closedLocally;
        private boolean reset;
        private boolean closeReported;
        private Runnable onReadable = () -> { };
        private Runnable onWritable = () -> { };
        private Consumer<StreamCloseReason> onClosed = r -> { };

        End(String local, String remote) { this.local = local; this.remote = remote; }

        @Override public int write(byte[] b, int off, int len) {
            if (finSent || reset || len <= 0) return 0;
            byte[] copy = java.util.Arrays.copyOfRange(b, off, off + len);
            long depart = Math.max(sim.now(), linkFreeAt) + len * SimTime.SECOND / bytesPerSecond;
            linkFreeAt = depart;
            Chunk[] holder = new Chunk[1];
            Scheduled s = sim.at(depart + delayNanos, () -> {
                inFlight.remove(holder[0]);
                peer.receiveData(copy);
            });
            holder[0] = new Chunk(copy, depart, s);
            inFlight.add(holder[0]);
            return len;
        }

        @Override public int writableBytes() { return finSent || reset ? 0 : 1 << 20; }
        @Override public void onWritable(Runnable r) { onWritable = r; }

        @Override public int read(byte[] b, int off, int len) {
            if (reset) return -1;
            if (inboxBytes == 0) return finReceived ? -1 : 0;
            int n = 0;
            while (n < len && !inbox.isEmpty()) {
                byte[] head = inbox.peek();
                int take = Math.min(len - n, head.length - inboxOffset);
                System.arraycopy(head, inboxOffset, b, off + n, take);
                n += take;
                inboxOffset += take;
                if (inboxOffset == head.length) { inbox.poll(); inboxOffset = 0; }
            }
            inboxBytes -= n;
            return n;
        }

        @Override public int readableBytes() { return inboxBytes; }
        @Override public void onReadable(Runnable r) { onReadable = r; }

        @Override public void shutdownOutput() {
            if (finSent || reset) return;
            finSent = true;
            long at = Math.max(sim.now(), linkFreeAt) + delayNanos;
            sim.at(at, peer::receiveFin);
            maybeClosedNormally();
        }

        @Override public void close() {
            if (reset || closedLocally) return;
            closedLocally = true;
            if (inboxBytes > 0) { abort(); return; }                // RFC 2525 §2.17: close with unread data -> RST
            shutdownOutput();
        }

        @Override public void abort() {
            if (reset) return;
            long now = sim.now();
            long lastArrival = now;
            for (Chunk c : inFlight) {
                if (c.departAt() > now) c.arrival().cancel();     // never left the host: discarded with the send buffer
                else lastArrival = Math.max(lastArrival, c.arrival().at());
            }
            inFlight.clear();
            markReset();
            sim.at(Math.max(lastArrival, now + delayNanos), peer::receiveReset);
            report(StreamCloseReason.ABORTED);
        }

        @Override public void onClosed(Consumer<StreamCloseReason> r) { onClosed = r; }
        @Override public boolean isOpen() { return !reset && !(finSent && finReceived) && !closedLocally; }
        @Override public String localEndpoint() { return local; }
        @Override public String remoteEndpoint() { return remote; }

        private void receiveData(byte[] data) {
            if (reset) return;
            if (closedLocally) {                                    // data for a closed socket: answer with RST
                markReset();
                sim.after(delayNanos, peer::receiveReset);
                report(StreamCloseReason.ABORTED);
                return;
            }
            inbox.add(data);
            inboxBytes += data.length;
            onReadable.run();
        }

        private void receiveFin() {
            if (reset) return;
            finReceived = true;
            onReadable.run();
            maybeClosedNormally();
        }

        private void receiveReset() {
            if (reset) return;
            markReset();
            report(StreamCloseReason.RESET_BY_PEER);
            onReadable.run();
        }

        private void markReset() {
            reset = true;
            inbox.clear();
            inboxBytes = 0;
            for (Chunk c : inFlight) c.arrival().cancel();
            inFlight.clear();
        }

        private void maybeClosedNormally() {
            if (finSent && finReceived && !reset) report(StreamCloseReason.NORMAL);
        }

        private void report(StreamCloseReason r) {
            if (closeReported) return;
            closeReported = true;
            onClosed.accept(r);
        }
    }
}
