package io.wirelab.bridge;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * A PacketDevice in memory, without a descriptor (the simulator looks at it every millisecond):
 * frames offered by the test are received; injected frames wait until flush(), which records them
 * and the size of each batch. Used on the simulator thread only, as a real device is.
 */
final class FakeDevice implements PacketDevice {
    final ArrayDeque<CapturedFrame> incoming = new ArrayDeque<>();
    private final List<byte[]> queued = new ArrayList<>();
    final List<byte[]> injected = new ArrayList<>();
    final List<Integer> batches = new ArrayList<>();
    final boolean echoInjected;
    String openedOn;
    boolean promiscuous;
    boolean closed;
    PacketDeviceException failOpen;
    PacketDeviceException failReceive;
    int refuseLongerThan = Integer.MAX_VALUE;

    FakeDevice(boolean echoInjected) { this.echoInjected = echoInjected; }

    void offer(byte[] frame) { offer(new CapturedFrame(frame, frame.length)); }

    void offer(CapturedFrame frame) { incoming.add(frame); }

    @Override public void open(String ifname, boolean promisc, int snaplen) throws PacketDeviceException {
        if (failOpen != null) throw failOpen;
        openedOn = ifname;
        promiscuous = promisc;
    }

    @Override public boolean seesOwnFrames() { return echoInjected; }

    @Override public int receive(List<CapturedFrame> into) throws PacketDeviceException {
        if (closed) throw new IllegalStateException("closed");
        if (failReceive != null) throw failReceive;
        int n = incoming.size();
        into.addAll(incoming);
        incoming.clear();
        return n;
    }

    @Override public void inject(byte[] frame, int offset, int length) {
        queued.add(java.util.Arrays.copyOfRange(frame, offset, offset + length));
    }

    @Override public void flush(IntConsumer refused) {
        if (queued.isEmpty()) return;
        batches.add(queued.size());
        for (byte[] f : queued) {
            if (f.length > refuseLongerThan) {
                refused.accept(f.length);
                continue;
            }
            injected.add(f);
            if (echoInjected) offer(f.clone());
        }
        queued.clear();
    }

    @Override public String lastError() { return refuseLongerThan == Integer.MAX_VALUE ? "" : "Message too long"; }

    @Override public void close() { closed = true; }
}
