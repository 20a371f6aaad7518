package io.wirelab.bridge;

import io.wirelab.testing.VethLab;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A bridged interface keeps a burst of frames that arrive while the simulator thread is busy (a collection, a stretch of events). */
class LibpcapRingTest {
    @Test void aBurstOfSixHundredFramesArrivingWhileNobodyReadsIsKeptWhole() throws Exception {
        try (VethLab veth = VethLab.create("198.18.77.1/24"); Libpcap device = new Libpcap()) {
            device.open(veth.bridged(), true, Bridge.SNAPLEN);
            assertThat(veth.exec(10, "ip", "neigh", "add", "198.18.77.2", "lladdr", "02:00:00:00:77:02", "dev", veth.peer()).ok()).isTrue();
            int burst = 600;
            // preload: every echo request leaves at once; nobody answers, so ping ends at its 1 s deadline
            veth.exec(20, "ping", "-n", "-q", "-c", String.valueOf(burst), "-l", String.valueOf(burst), "-w", "1", "198.18.77.2");
            List<PacketDevice.CapturedFrame> got = new ArrayList<>();
            while (device.receive(got) > 0) { }
            long echoRequests = got.stream().filter(LibpcapRingTest::isEchoRequest).count();
            assertThat(echoRequests).as("echo requests taken in of the %d sent", burst).isEqualTo(burst);
            assertThat(device.kernelDrops()).isZero();
        }
    }

    @Test void framesBeyondTheRingAreCountedAsTheKernelsDrops() throws Exception {
        try (VethLab veth = VethLab.create("198.18.78.1/24"); Libpcap device = new Libpcap()) {
            device.open(veth.bridged(), true, Bridge.SNAPLEN);
            assertThat(veth.exec(10, "ip", "neigh", "add", "198.18.78.2", "lladdr", "02:00:00:00:78:02", "dev", veth.peer()).ok()).isTrue();
            int burst = 3000;
            veth.exec(20, "ping", "-n", "-q", "-c", String.valueOf(burst), "-l", String.valueOf(burst), "-w", "1", "198.18.78.2");
            List<PacketDevice.CapturedFrame> got = new ArrayList<>();
            while (device.receive(got) > 0) { }
            long echoRequests = got.stream().filter(LibpcapRingTest::isEchoRequest).count();
            assertThat(echoRequests).isLessThan(burst);
            assertThat(device.kernelDrops()).as("taken in: %d", echoRequests).isEqualTo(burst - echoRequests);
        }
    }

    private static boolean isEchoRequest(PacketDevice.CapturedFrame f) {
        byte[] b = f.bytes();
        return b.length >= 35 && b[12] == 0x08 && b[13] == 0x00 && b[23] == 1 && b[14 + (b[14] & 0x0f) * 4] == 8;
    }
}
