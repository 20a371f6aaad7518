package io.wirelab.bridge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A PacketDevice in memory: frames offered by the test come out of next(); injected frames are kept.
 * settled() tells when the capture thread has handled every frame offered so far.
 */
final class FakeDevice implements PacketDevice {
    final LinkedBlockingQueue<CapturedFrame> incoming = new LinkedBlockingQueue<>();
    private final AtomicLong offered = new AtomicLong();
    private volatile long taken;
    private volatile long handled;
    final List<byte[]> injected = Collections.synchronizedList(new ArrayList<>());
    final boolean echoInjected;
    volatile String openedOn;
    volatile boolean promiscuous;
    volatile boolean closed;
    PacketDeviceException failOpen;

    FakeDevice(boolean echoInjected) { this.echoInjected = echoInjected; }

    void offer(byte[] frame) { offer(new CapturedFrame(frame, frame.length)); }

    void offer(CapturedFrame frame) {
        offered.incrementAndGet();
        incoming.add(frame);
    }

    /** Every frame offered has been taken by the capture thread, which came back for the next one. */
    boolean settled() { return handled == offered.get(); }

    @Override public void open(String ifname, boolean promisc, int snaplen) throws PacketDeviceException {
        if (failOpen != null) throw failOpen;
        openedOn = ifname;
        promiscuous = promisc;
    }

    @Override public boolean seesOwnFrames() { return echoInjected; }

    @Override public CapturedFrame next() throws PacketDeviceException {
        if (closed) throw new PacketDeviceException(PacketDeviceException.Reason.FAILED, "closed");
        handled = taken;
        try {
            CapturedFrame f = incoming.poll(5, TimeUnit.MILLISECONDS);
            if (f != null) taken++;
            return f;
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
