package io.wirelab.bridge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A PacketDevice in memory: frames offered by the test come out of next(); injected frames are kept. */
final class FakeDevice implements PacketDevice {
    final LinkedBlockingQueue<CapturedFrame> incoming = new LinkedBlockingQueue<>();
    final List<byte[]> injected = Collections.synchronizedList(new ArrayList<>());
    final boolean echoInjected;
    volatile String openedOn;
    volatile boolean promiscuous;
    volatile boolean closed;
    PacketDeviceException failOpen;

    FakeDevice(boolean echoInjected) { this.echoInjected = echoInjected; }

    void offer(byte[] frame) { incoming.add(new CapturedFrame(frame, frame.length)); }

    @Override public void open(String ifname, boolean promisc, int snaplen) throws PacketDeviceException {
        if (failOpen != null) throw failOpen;
        openedOn = ifname;
        promiscuous = promisc;
    }

    @Override public boolean seesOwnFrames() { return echoInjected; }

    @Override public CapturedFrame next() throws PacketDeviceException {
        if (closed) throw new PacketDeviceException(PacketDeviceException.Reason.FAILED, "closed");
        try {
            return incoming.poll(5, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override public void inject(byte[] frame, int offset, int length) {
        byte[] copy = java.util.Arrays.copyOfRange(frame, offset, offset + length);
        injected.add(copy);
        if (echoInjected) offer(copy.clone());
    }

    @Override public String lastError() { return ""; }

    @Override public void close() { closed = true; }
}
