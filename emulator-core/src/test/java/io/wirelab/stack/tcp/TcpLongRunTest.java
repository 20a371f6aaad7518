package io.wirelab.stack.tcp;

import io.wirelab.link.LinkParams;
import io.wirelab.sim.SimTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.Arrays;

import static io.wirelab.stack.tcp.TcpLongFatPathTest.BUFFER;
import static io.wirelab.stack.tcp.TcpLongFatPathTest.PAYLOAD_RATE;
import static io.wirelab.stack.tcp.TcpLongFatPathTest.PAYLOAD_RATE_TS;
import static io.wirelab.stack.tcp.TcpLongFatPathTest.RTT_SECONDS;
import static io.wirelab.stack.tcp.TcpLongFatPathTest.buffers;
import static io.wirelab.stack.tcp.TcpLongFatPathTest.goodput;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11's long runs as it states them: the three long-fat-path cases over a whole 60 s run (slow start
 * included), and 10 GB at 10 Gbit/s. Together they simulate about 12 million segments, minutes of wall
 * time, so they run only with {@code -Dwirelab.longRuns=true}; docs/conformance-tcp.md ("Long fat path")
 * gives the command and the measured wall time.
 */
@EnabledIfSystemProperty(named = "wirelab.longRuns", matches = "true")
class TcpLongRunTest {
    static final long RUN = SimTime.seconds(60);

    @Test void linuxProfile_defaultLimits_60s_reaches90PercentOfWhatTheLimitsAllow() {
        TcpOptions linux = TcpProfile.LINUX.options();
        double allowed = Math.min(PAYLOAD_RATE_TS, Math.min(linux.sendBufferMax(), linux.receiveBufferMax()) * 8.0 / RTT_SECONDS);
        double g = goodput(linux, 0, RUN);
        assertThat(g / allowed).as("goodput %.1f of %.1f Mbit/s", g / 1e6, allowed / 1e6).isGreaterThanOrEqualTo(0.90);
    }

    @Test void linuxProfile_16MiB_60s_fillsAtLeast90PercentOfTheLink() {
        TcpOptions linux = TcpProfile.LINUX.options().toBuilder().receiveBufferMax(BUFFER).sendBufferMax(BUFFER).build();
        double g = goodput(linux, 0, RUN);
        assertThat(g / PAYLOAD_RATE_TS).as("goodput %.1f Mbit/s", g / 1e6).isGreaterThanOrEqualTo(0.90);
    }

    @Test void textbookProfile_16MiB_60s_fillsAtLeast80PercentOfTheLink() {
        double g = goodput(buffers(TcpProfile.TEXTBOOK.options()), 0, RUN);
        assertThat(g / PAYLOAD_RATE).as("textbook goodput %.1f Mbit/s", g / 1e6).isGreaterThanOrEqualTo(0.80);
    }

    /**
     * 10 GB (more than twice the 2^32 sequence space) at 10 Gbit/s, 1 ms each way, profile linux: every byte
     * arrives in order and intact, the sequence numbers wrap, the connection closes normally and no handler
     * failed.
     */
    @Test void tenGigabytes_at10Gbit_everyByteArrives_sequenceNumbersWrap() {
        long total = 10_000_000_000L;
        int period = 65_521;                                   // a prime: no segment boundary lines up with it
        byte[] pattern = new byte[2 * period];
        for (int i = 0; i < pattern.length; i++) pattern[i] = (byte) ((i % period) * 7 + (i % period) / 251);
        TcpOverLinkTest.Net t = new TcpOverLinkTest.Net(1, LinkParams.DEFAULT.withBandwidth(10_000_000_000L)
                .withDelay(SimTime.millis(1)));
        long[] received = {0}, mismatches = {0}, wraps = {0}, lastRcvNxt = {-1};
        boolean[] eof = {false};
        t.b.tcp().listen(5001, TcpOptions.defaults(), 4, s -> {
            byte[] buf = new byte[period];
            s.onReadable(() -> {
                int n;
                while ((n = s.read(buf, 0, buf.length)) > 0) {
                    int at = (int) (received[0] % period);
                    if (!Arrays.equals(buf, 0, n, pattern, at, at + n)) mismatches[0]++;
                    received[0] += n;
                }
                long rcvNxt = s.info().rcvNxt();
                if (rcvNxt < lastRcvNxt[0]) wraps[0]++;
                lastRcvNxt[0] = rcvNxt;
                if (n < 0 && !eof[0]) { eof[0] = true; s.close(); }
            });
        });
        long[] written = {0};
        TcpSocket[] sender = {null};
        t.a.tcp().connect(TcpOverLinkTest.IP_B, 5001, TcpOptions.defaults()).thenAccept(s -> {
            sender[0] = s;
            Runnable pump = () -> {
                while (written[0] < total) {
                    int at = (int) (written[0] % period);
                    int n = s.write(pattern, at, (int) Math.min(period, total - written[0]));
                    if (n <= 0) return;
                    written[0] += n;
                }
                s.close();
            };
            s.onWritable(pump);
            pump.run();
        });
        boolean done = t.sim.runUntil(() -> sender[0] != null && sender[0].state() == TcpState.TIME_WAIT, SimTime.seconds(60));
        assertThat(done).as("transfer finished by 60 s of virtual time, %d bytes arrived", received[0]).isTrue();
        assertThat(received[0]).isEqualTo(total);
        assertThat(mismatches[0]).as("reads whose bytes differ from what was written").isZero();
        assertThat(wraps[0]).as("RCV.NXT wrapped past 2^32").isGreaterThanOrEqualTo(2);
        assertThat(eof[0]).isTrue();
        assertThat(sender[0].info().bytesAcked()).isEqualTo(total);
        assertThat(t.sim.faults().isEmpty()).as("no handler failed: %s", t.sim.faults().lines()).isTrue();
        // 2^31 bytes after the ISS, a stale probe mark once made every ACK of one window look ahead of SND.MAX
        assertThat(t.a.tcp().counters().get(TcpDrop.UNACCEPTABLE_ACK)).as("ACKs dropped as unacceptable").isZero();
    }
}
