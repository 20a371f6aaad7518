package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's simulation mode, piped: stepping by frame events, the event list and its filter,
 * :inspect layer by layer, and :back, whose replay leaves the event list, the variables and the
 * capture files exactly as a fresh session stepped to that event.
 */
class ConsoleSimTest {
    private static final String PING = "pc1.ping('10.0.0.2', count: 5)\n";

    @TempDir Path dir;

    private CliRun session(String out, String input) {
        return ConsoleSession.inProcess(input, "ping-basics", "--out", dir.resolve(out).toString());
    }

    private static String steps(int n) { return ":step\n".repeat(n); }

    /** The text from the line starting with from up to the next line starting with "##" (a marker println). */
    private static String block(String text, String from) {
        int at = text.indexOf(from);
        assertThat(at).as("'" + from + "' in\n" + text).isNotNegative();
        int end = text.indexOf("##", at + from.length());
        return text.substring(at, end < 0 ? text.length() : end);
    }

    @Test void stepTwentyThenBackTen_equalsAFreshRunSteppedTen_eventsAndCaptureBytes() throws Exception {
        CliRun back = session("back", ":sim\n" + PING + steps(20) + ":back 10\nprintln '## events'\n:events all\nprintln '## time'\n:time\nprintln '## end'\n:quit\n");
        CliRun fresh = session("fresh", ":sim\n" + PING + steps(10) + "println '## events'\n:events all\nprintln '## time'\n:time\nprintln '## end'\n:quit\n");
        assertThat(back.exitCode()).as(back.out()).isZero();
        assertThat(fresh.exitCode()).as(fresh.out()).isZero();
        assertThat(back.out()).contains("back at event 10, lab time ").contains("(replayed 2 inputs from the lab's start)");
        String events = block(fresh.out(), "## events");
        assertThat(events).containsPattern("\\n10\\s+\\d+\\.\\d{9} s\\s+").doesNotContainPattern("\\n11\\s");
        assertThat(block(back.out(), "## events")).isEqualTo(events);
        assertThat(block(back.out(), "## time")).isEqualTo(block(fresh.out(), "## time")).containsPattern("lab time 1\\.\\d+ s \\(\\d+ events run");
        for (String capture : new String[] {"pc1-eth0.pcapng", "pc2-eth0.pcapng"}) {
            byte[] a = Files.readAllBytes(dir.resolve("back").resolve(capture)), b = Files.readAllBytes(dir.resolve("fresh").resolve(capture));
            assertThat(a).as(capture).isEqualTo(b);
            assertThat(a.length).as(capture).isGreaterThan(200);
        }
    }

    /**
     * :back where docs/dsl.md measures its cost: tcp-bulk stepped through half of its 22,272 frame
     * events, one back; the replay of 11,135 events leaves what a fresh session stepped there has.
     * (Its time is a benchmark, not a test: ConsoleBackBench.)
     */
    @Test void backAtTcpBulksMidpoint_equalsAFreshSessionSteppedThere_eventsTimeAndCaptures() throws Exception {
        String start = "srv.tcpSink(5001)\n:sim\npc1.tcpSend('srv', 5001, 10.MB)\n";
        String end = "println '## events'\n:events 3\nprintln '## time'\n:time\nprintln '## end'\n:quit\n";
        CliRun back = ConsoleSession.inProcess(start + ":next 11136\n:back 1\n" + end, "tcp-bulk", "--out", dir.resolve("back").toString());
        CliRun fresh = ConsoleSession.inProcess(start + ":next 11135\n" + end, "tcp-bulk", "--out", dir.resolve("fresh").toString());
        assertThat(back.exitCode()).as(back.out()).isZero();
        assertThat(fresh.exitCode()).as(fresh.out()).isZero();
        assertThat(back.out()).contains("back at event 11135, lab time ").contains("(replayed 3 inputs from the lab's start)");
        assertThat(block(back.out(), "## events")).isEqualTo(block(fresh.out(), "## events")).containsPattern("\\n11135\\s+\\d+\\.\\d{9} s\\s+\\S+\\s+\\S+\\s+TCP");
        assertThat(block(back.out(), "## time")).isEqualTo(block(fresh.out(), "## time")).containsPattern("lab time \\d+\\.\\d+ s \\(\\d+ events run");
        for (String capture : new String[] {"pc1-eth0.pcapng", "srv-eth0.pcapng"}) {
            Path a = dir.resolve("back").resolve(capture), b = dir.resolve("fresh").resolve(capture);
            assertThat(Files.size(a)).as(capture).isGreaterThan(1_000_000);
            assertThat(a).as(capture).hasSameBinaryContentAs(b);
        }
    }

    @Test void stepShowsOneEventRow_stepAtADevice_next_until_andThePingEndsAsTheLabSteps() {
        CliRun r = session("s", ":step\n:sim\n" + PING + ":step\n:step pc2\n:next 3\n:until 2.5.s\n:run\npc1.arp.size()\n:quit\n");
        String o = r.out();
        assertThat(o).contains("error: :step works in simulation mode: :sim first");
        assertThat(o).contains("[input 1 waits for the lab: :step, :next N or :run]");
        // the first event: pc1's ARP request reaches the switch
        assertThat(o).containsPattern("#\\s+TIME\\s+LAST\\s+AT\\s+TYPE\\s+INFO\\n1\\s+0\\.\\d{9} s\\s+pc1\\s+sw1\\s+ARP\\s+.*who-has 10\\.0\\.0\\.2");
        // :step pc2 runs to the next event at pc2: the same request, flooded
        assertThat(o).containsPattern("\\n2\\s+0\\.\\d{9} s\\s+sw1\\s+pc2\\s+ARP\\s");
        assertThat(o).containsPattern("\\n3\\s+\\S+ s\\s+pc2\\s+sw1\\s+ARP\\s.*\\n4\\s.*\\n5\\s+\\S+ s\\s+pc1\\s+sw1\\s+ICMP\\s+.*echo request");
        assertThat(o).containsPattern("lab time 2\\.500000000 s, event \\d+");
        assertThat(o).contains("5 packets transmitted, 5 received").containsPattern("simulation mode off; \\d+ more events");
        assertThat(o).containsPattern("\\[input 1 done at 4\\.\\d+ s\\]\\nREPLY");
        assertThat(o).contains("==> 1");
    }

    @Test void filterAndInspect_decodeEachLayer() {
        CliRun r = ConsoleSession.inProcess(":sim\n:filter http\ndhcp1.http.get('http://10.0.0.80/')\n:step\n:filter all\n:events 3\n:filter dns bogus\n:quit\n",
                "http-basics", "--out", dir.resolve("h").toString());
        String o = r.out();
        Matcher m = Pattern.compile("\\n(\\d+)\\s+\\S+ s\\s+dhcp1\\s+sw1\\s+HTTP\\s+10\\.0\\.0\\.1\\.\\d+ > 10\\.0\\.0\\.80\\.80: Flags \\[P\\.\\]").matcher(o);
        assertThat(m.find()).as(o).isTrue();
        assertThat(o).contains("showing http events").contains("error: no event type 'bogus'")
                .containsPattern("\\n" + (Integer.parseInt(m.group(1)) - 1) + "\\s+\\S+ s\\s+dhcp1\\s+sw1\\s+TCP\\s+10\\.0\\.0\\.1\\.\\d+ > 10\\.0\\.0\\.80\\.80: Flags \\[\\.\\]");
        CliRun inspect = ConsoleSession.inProcess(":sim\ndhcp1.http.get('http://10.0.0.80/')\n:next " + m.group(1) + "\n:inspect " + m.group(1)
                + "\n:inspect 1\n:inspect 99999\n:quit\n", "http-basics", "--out", dir.resolve("h2").toString());
        String i = inspect.out();
        assertThat(i).contains("event " + m.group(1) + " at ").containsPattern(": dhcp1:eth0 -> sw1:p\\d, HTTP\\n")
                .containsPattern("Ethernet II, \\d+ bytes\\n  destination\\s+02:").containsPattern("IPv4\\n  version\\s+4, header length 20 bytes")
                .containsPattern("  protocol\\s+6 \\(TCP\\)").containsPattern("  checksum\\s+0x[0-9a-f]{4} \\(correct\\)")
                .containsPattern("TCP\\n  ports\\s+\\d+ > 80\\n  sequence\\s+\\d+").containsPattern("  flags\\s+0x18 \\(PSH ACK\\)")
                .containsPattern("HTTP\\n  request line\\s+GET / HTTP/1\\.1\\n  host\\s+10\\.0\\.0\\.80")
                .contains("Summary (as wirelab show)");
        assertThat(i).containsPattern("event 1 at .*: dhcp1:eth0 -> sw1:p\\d, ARP\\nEthernet II").containsPattern("ARP\\n  operation\\s+1 \\(request\\)");
        assertThat(i).contains("error: no event 99999");
    }

    @Test void back_restoresTheVariablesOfThatEvent_andRefusesEventsInsideARunOutsideSim() {
        CliRun r = session("v", "pc1.ping('10.0.0.2', count: 1, quiet: true)\n:sim\ndef r = pc2.ping('10.0.0.1', count: 2, quiet: true)\n"
                + ":next 12\n:vars\n:back 9\nprintln '## after back'\n:vars\nbinding.hasVariable('r')\n:back 100\n:quit\n");
        String o = r.out();
        assertThat(o).containsPattern("\\[input 1 done at \\S+ s\\]\\nno replies|\\[input 1 done at \\S+ s\\]\\nREPLY");
        assertThat(o).containsPattern("r\\s+PingResult\\s");
        String after = block(o, "## after back");
        assertThat(after).doesNotContainPattern("\\nr\\s+PingResult").contains("==> false");
        assertThat(o).contains("which ran the lab outside :sim; :back reaches events from");
    }
}
