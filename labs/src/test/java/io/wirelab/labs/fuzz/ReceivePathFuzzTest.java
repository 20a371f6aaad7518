package io.wirelab.labs.fuzz;

import io.wirelab.buffer.Frame;
import io.wirelab.devices.Device;
import io.wirelab.devices.host.Host;
import io.wirelab.devices.l2.LearningSwitch;
import io.wirelab.devices.web.client.HttpClientConfig;
import io.wirelab.devices.web.client.HttpExchange;
import io.wirelab.fuzz.Checksums;
import io.wirelab.fuzz.Fuzz;
import io.wirelab.fuzz.Mutator;
import io.wirelab.labs.build.LabBuilder;
import io.wirelab.labs.run.BuiltinLabs;
import io.wirelab.labs.run.Lab;
import io.wirelab.link.FrameTap;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.wire.ethernet.MacAddress;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzed frames into a running http-basics lab (a DHCP client PC, a switch, DHCP, DNS and HTTP(S)
 * servers) through a spare switch port, 20 us apart in virtual time, seeded with the lab's own
 * traffic and the reference captures' frames (readdressed to the lab's stations half of the time), sent
 * from the fuzzer's own MAC nine times in ten, with IPv4, ICMP, UDP and TCP checksums made right four
 * times in five (as an attacker would), so the frames reach the protocol code behind the checks.
 * No device may fault, the simulator may not livelock (at most 1,000,000 events at one instant),
 * nothing may be printed to standard error, and the lab must still serve HTTP afterwards.
 * -Dfuzz.iterations=N sets the number of frames (default 20,000).
 */
class ReceivePathFuzzTest {
    static final int FRAMES = Fuzz.iterations(20_000);

    @Test void fuzzedFrames_intoARunningLab_areDroppedOrHandled_neverFaultOrHang() throws Exception {
        PrintStream realErr = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        long wallStart = System.nanoTime();
        try (Lab lab = LabBuilder.build(BuiltinLabs.builtin("http-basics"), LabBuilder.Options.withoutCaptures())) {
            Simulator sim = lab.simulator();
            sim.setInstantEventLimit(1_000_000);
            LearningSwitch sw = (LearningSwitch) lab.device("sw1");
            List<byte[]> corpus = new ArrayList<>();
            FrameTap collect = (port, dir, frame, now) -> { if (dir == FrameTap.Direction.INBOUND) corpus.add(frame.bytes()); };
            for (Port p : sw.ports()) p.addTap(collect);
            lab.await(lab.runtime("pc1").dhcpClient().leaseFuture(), SimTime.seconds(30));
            assertThat(fetch(lab, "http://www.wirelab.test/").status()).isEqualTo(200);
            assertThat(fetch(lab, "https://www.wirelab.test/").status()).isEqualTo(200);
            for (Port p : sw.ports()) p.removeTap(collect);
            List<MacAddress> stations = new ArrayList<>();
            for (Device d : lab.devices().values()) if (d instanceof Host h) stations.add(h.stack().interfaces().getFirst().mac());
            SplittableRandom r = new SplittableRandom(Fuzz.seed());
            for (byte[] f : Fuzz.frames()) {
                byte[] copy = f.clone();
                if (copy.length >= 6 && r.nextBoolean()) stations.get(r.nextInt(stations.size())).write(copy, 0);
                corpus.add(copy);
            }
            Port fuzzer = new Port("fuzz:eth0", sim);
            Port spare = sw.ports().stream().filter(p -> !p.isConnected()).findFirst().orElseThrow();
            Link.connect(sim, fuzzer, spare, LinkParams.DEFAULT.withBandwidth(0).withMtu(9000));
            Mutator m = new Mutator(Fuzz.seed(), List.copyOf(corpus));
            long eventsBefore = sim.eventsExecuted(), hostRxBefore = hostRx(lab);
            MacAddress fuzzerMac = MacAddress.parse("02:00:00:00:fa:22");
            for (int i = 0; i < FRAMES; i++) {
                byte[] frame = m.next();
                // mostly from the fuzzer's own address, so the switch keeps the stations where they are (no MAC table poisoning)
                if (frame.length >= 12 && r.nextInt(10) != 0) fuzzerMac.write(frame, 6);
                if (r.nextInt(5) != 0) Checksums.fix(frame);                  // most get past checksum verification
                fuzzer.transmit(new Frame(frame));
                sim.runFor(SimTime.micros(20));
            }
            sim.runFor(SimTime.seconds(600));                                 // timers armed by fuzzed frames run out
            long events = sim.eventsExecuted() - eventsBefore, hostFrames = hostRx(lab) - hostRxBefore;
            assertThat(hostFrames).as("fuzzed frames that reached a host's stack").isGreaterThan(FRAMES / 2);
            assertThat(sim.faults().lines()).as("device faults").isEmpty();
            HttpExchange after = fetch(lab, "http://10.0.0.80/");
            assertThat(after.status()).as("the web server still serves: " + after).isEqualTo(200);
            long wallMs = (System.nanoTime() - wallStart) / 1_000_000;
            realErr.printf("receive-path fuzz: %,d frames injected, %,d delivered to hosts, %,d events, %,d ms wall, corpus %,d frames%n",
                    FRAMES, hostFrames, events, wallMs, corpus.size());
        } finally {
            System.setErr(realErr);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).as("printed to standard error").isEmpty();
    }

    static long hostRx(Lab lab) {
        long n = 0;
        for (Device d : lab.devices().values()) if (d instanceof Host h) n += h.port("eth0").counters().rxFrames();
        return n;
    }

    static HttpExchange fetch(Lab lab, String url) {
        var client = lab.runtime("pc1").http().client(HttpClientConfig.defaults());
        return lab.await(client.get(url), SimTime.seconds(120));
    }
}
