package io.wirelab.bridge;

import io.wirelab.testing.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The FFM binding's own behaviour that needs no privileges: loading, clear errors, and the rehearsal pair. */
class LibpcapTest {
    @BeforeEach void needsLibpcap() {
        if (!Libpcap.isAvailable()) Tools.unavailable("libpcap is not installed (apt-get install libpcap0.8)");
    }

    @Test void reportsTheLibraryVersion() throws Exception {
        assertThat(Libpcap.version()).startsWith("libpcap version 1.");
    }

    @Test void aMissingInterfaceIsNamedAsSuch() {
        try (Libpcap p = new Libpcap()) {
            assertThatThrownBy(() -> p.open("wlnope0", true, 1514)).isInstanceOfSatisfying(PacketDeviceException.class, e -> {
                assertThat(e.reason()).isEqualTo(PacketDeviceException.Reason.NO_SUCH_INTERFACE);
                assertThat(e.getMessage()).contains("wlnope0").contains("ip link");
            });
        }
    }

    @Test void aDeviceThatIsNotOpenRefusesUse() {
        try (Libpcap p = new Libpcap()) {
            assertThatThrownBy(() -> p.receive(new java.util.ArrayList<>())).isInstanceOf(IllegalStateException.class);
            assertThat(p.lastError()).isEmpty();
        }
    }

    @Test void aRehearsalPairCarriesEachInjectedFrameToTheOtherDeviceWholeAndInOrder() throws Exception {
        List<PacketDevice> pair = Libpcap.rehearsalPair();
        try (PacketDevice near = pair.get(0); PacketDevice far = pair.get(1)) {
            near.open("rehearsal0", true, Bridge.SNAPLEN);
            far.open("rehearsal1", true, Bridge.SNAPLEN);
            assertThat(near.seesOwnFrames()).isFalse();
            assertThat(far.selectableFd()).isNotNegative().isNotEqualTo(near.selectableFd());
            List<PacketDevice.CapturedFrame> got = new ArrayList<>();
            assertThat(far.receive(got)).isZero();
            byte[] small = frame(60, 1), large = frame(1514, 2), jumbo = frame(9000, 3);
            near.inject(small, 0, small.length);
            near.inject(large, 0, large.length);
            assertThat(far.receive(got)).as("nothing leaves before flush").isZero();
            near.flush(length -> { throw new AssertionError("refused " + length); });
            near.inject(jumbo, 0, jumbo.length);
            near.flush(length -> { throw new AssertionError("refused " + length); });
            assertThat(far.receive(got)).isEqualTo(3);
            assertThat(got).extracting(PacketDevice.CapturedFrame::bytes).containsExactly(small, large, jumbo);
            assertThat(got).allSatisfy(f -> assertThat(f.truncated()).isFalse());
            assertThat(near.receive(got)).as("nothing came back").isZero();
            far.inject(small, 0, small.length);
            far.flush(length -> { throw new AssertionError("refused " + length); });
            got.clear();
            assertThat(near.receive(got)).isEqualTo(1);
            assertThat(got.getFirst().bytes()).isEqualTo(small);
        }
    }

    @Test void aRehearsalSenderThatOutrunsItsReceiverHasFramesRefusedInsteadOfWaiting() throws Exception {
        List<PacketDevice> pair = Libpcap.rehearsalPair();
        try (PacketDevice near = pair.get(0); PacketDevice far = pair.get(1)) {
            near.open("rehearsal0", true, Bridge.SNAPLEN);
            far.open("rehearsal1", true, Bridge.SNAPLEN);
            List<Integer> refused = new ArrayList<>();
            int frames = 200;           // 1.8 MB: far more than the socket holds unreceived
            for (int i = 0; i < frames; i++) {
                byte[] f = frame(9000, i);
                near.inject(f, 0, f.length);
            }
            near.flush(refused::add);
            assertThat(refused).isNotEmpty().allSatisfy(length -> assertThat(length).isEqualTo(9000));
            assertThat(near.lastError()).contains("injecting on rehearsal0 failed");
            List<PacketDevice.CapturedFrame> got = new ArrayList<>();
            far.receive(got);
            assertThat(got).hasSize(frames - refused.size());
            assertThat(got.getFirst().bytes()[20]).isEqualTo((byte) 0);
        }
    }

    @Test void framesSentBehindLeaveInOrderBeforeThoseQueuedAfterThem() throws Exception {
        List<PacketDevice> pair = Libpcap.rehearsalPair();
        try (PacketDevice near = pair.get(0); PacketDevice far = pair.get(1)) {
            near.open("rehearsal0", true, Bridge.SNAPLEN);
            far.open("rehearsal1", true, Bridge.SNAPLEN);
            List<PacketDevice.CapturedFrame> got = new ArrayList<>();
            List<Integer> refused = new ArrayList<>();
            int mark = 0;
            for (int round = 0; round < 50; round++) {
                for (int i = 0; i < 1 + round % 7; i++) inject(near, frame(200 + round, mark++));
                near.flushBehind(refused::add);
                for (int i = 0; i < 1 + round % 3; i++) inject(near, frame(100, mark++));
                if (round % 4 == 0) near.flushBehind(refused::add);
                for (int i = 0; i < round % 2; i++) inject(near, frame(60, mark++));
                near.flush(refused::add);
                far.receive(got);
            }
            assertThat(refused).isEmpty();
            assertThat(got).hasSize(mark);
            for (int i = 0; i < mark; i++) assertThat(got.get(i).bytes()[20]).as("frame %d", i).isEqualTo((byte) i);
        }
    }

    @Test void aFullBatchGoesBehindAndItsRefusalsAreReportedByTheNextFlush() throws Exception {
        List<PacketDevice> pair = Libpcap.rehearsalPair();
        try (PacketDevice near = pair.get(0); PacketDevice far = pair.get(1)) {
            near.open("rehearsal0", true, Bridge.SNAPLEN);
            far.open("rehearsal1", true, Bridge.SNAPLEN);
            List<Integer> refused = new ArrayList<>();
            for (int i = 0; i < 200; i++) inject(near, frame(9000, i));      // 1.8 MB: batches fill and go behind on their own
            near.flushBehind(refused::add);
            near.flush(refused::add);
            assertThat(refused).isNotEmpty().allSatisfy(length -> assertThat(length).isEqualTo(9000));
            assertThat(near.lastError()).contains("injecting on rehearsal0 failed");
            List<PacketDevice.CapturedFrame> got = new ArrayList<>();
            far.receive(got);
            assertThat(got).hasSize(200 - refused.size());
        }
    }

    @Test void theSendThreadEndsWithItsDevice() throws Exception {
        List<PacketDevice> pair = Libpcap.rehearsalPair();
        PacketDevice near = pair.get(0);
        try (PacketDevice far = pair.get(1)) {
            near.open("rehearsal7", true, Bridge.SNAPLEN);
            far.open("rehearsal8", true, Bridge.SNAPLEN);
            inject(near, frame(60, 1));
            near.flushBehind(length -> { throw new AssertionError("refused " + length); });
            assertThat(sendThreads("rehearsal7")).isOne();
            near.close();
            assertThat(sendThreads("rehearsal7")).isZero();
            List<PacketDevice.CapturedFrame> got = new ArrayList<>();
            far.receive(got);
            assertThat(got).as("the frame in flight was sent before the device closed").hasSize(1);
        }
    }

    @Test void aDeviceOpenedAfterTheRehearsalDefinesNoClassWhileFramesArrive() throws Exception {
        pump(Libpcap.rehearsalPair(), 400);              // as the warm-up: the upcall's method handle is used past its customization
        java.lang.management.ClassLoadingMXBean classes = java.lang.management.ManagementFactory.getClassLoadingMXBean();
        List<PacketDevice> later = Libpcap.rehearsalPair();
        long before = classes.getTotalLoadedClassCount();
        int received = pump(later, 400);
        long defined = classes.getTotalLoadedClassCount() - before;
        assertThat(received).isEqualTo(400);
        assertThat(defined).as("classes defined (a method handle customized, a lambda form spun) while frames arrived").isZero();
    }

    /** Sends frames one at a time from the first device to the second and returns how many arrived; closes both. */
    private static int pump(List<PacketDevice> pair, int frames) throws PacketDeviceException {
        try (PacketDevice near = pair.get(0); PacketDevice far = pair.get(1)) {
            near.open("rehearsal0", true, Bridge.SNAPLEN);
            far.open("rehearsal1", true, Bridge.SNAPLEN);
            List<PacketDevice.CapturedFrame> got = new ArrayList<>(frames);
            byte[] f = frame(100, 1);
            IntConsumer refused = length -> got.clear();
            for (int i = 0; i < frames; i++) {
                near.inject(f, 0, f.length);
                near.flush(refused);
                far.receive(got);
            }
            return got.size();
        }
    }

    private static long sendThreads(String ifname) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("wirelab bridge send " + ifname)).count();
    }

    private static void inject(PacketDevice device, byte[] frame) throws PacketDeviceException {
        device.inject(frame, 0, frame.length);
    }

    private static byte[] frame(int length, int mark) {
        byte[] f = new byte[length];
        for (int i = 0; i < length; i++) f[i] = (byte) (i * 7 + mark);
        f[20] = (byte) mark;
        return f;
    }

    @Test void theMissingLibraryMessageNamesTheDebianPackage() {
        assertThat(Libpcap.INSTALL_HINT).isEqualTo("apt-get install libpcap0.8");
        assertThat(Libpcap.LIBRARY_NAMES).startsWith("libpcap.so.0.8");
    }
}
