package io.wirelab.bridge;

import io.wirelab.testing.VethLab;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A bridged interface keeps a burst of frames that arrive while the simulator thread is busy (a collection, a stretch of events). */
class LibpcapRingTest {
    private record Burst(long echoRequestsTakenIn, long kernelDrops) {}

    @Test void aBurstOfSixHundredFramesArrivingWhileNobodyReadsIsKeptWhole() throws Exception {
        Burst b = sendWhileNobodyReads(600, 77);
        assertThat(b.echoRequestsTakenIn()).as("echo requests taken in of the 600 sent").isEqualTo(600);
        assertThat(b.kernelDrops()).isZero();
    }

    @Test void framesBeyondTheRingAreCountedAsTheKernelsDrops() throws Exception {
        Burst b = sendWhileNobodyReads(3000, 78);
        assertThat(b.echoRequestsTakenIn()).isLessThan(3000);
        assertThat(b.kernelDrops()).as("taken in: %d", b.echoRequestsTakenIn()).isEqualTo(3000 - b.echoRequestsTakenIn());
    }

    /** Echo requests sent from the peer end all at once (ping's preload) to a neighbour nobody answers for, then read. */
    private static Burst sendWhileNobodyReads(int frames, int subnet) throws Exception {
        String target = "198.18." + subnet + ".2";
        try (VethLab veth = VethLab.create("198.18." + subnet + ".1/24"); Libpcap device = new Libpcap()) {
            device.open(veth.bridged(), true, Bridge.SNAPLEN);
            assertThat(veth.exec(10, "ip", "neigh", "add", target, "lladdr", "02:00:00:00:00:02", "dev", veth.peer()).ok()).isTrue();
            veth.exec(20, "ping", "-n", "-q", "-c", String.valueOf(frames), "-l", String.valueOf(frames), "-w", "1", target);
            List<PacketDevice.CapturedFrame> got = new ArrayList<>();
            while (device.receive(got) > 0) { }
            return new Burst(got.stream().filter(LibpcapRingTest::isEchoRequest).count(), device.kernelDrops());
        }
    }

    private static boolean isEchoRequest(PacketDevice.CapturedFrame f) {
        byte[] b = f.bytes();
        return b.length >= 35 && b[12] == 0x08 && b[13] == 0x00 && b[23] == 1 && b[14 + (b[14] & 0x0f) * 4] == 8;
    }
}
