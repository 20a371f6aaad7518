package io.wirelab.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.devices.host.PingResult;
import io.wirelab.labs.build.LabBuilder;
import io.wirelab.labs.run.BuiltinLabs;
import io.wirelab.scripting.DeviceFacade;
import io.wirelab.wire.ipv4.Ipv4Address;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the console prints: readable objects, bounded tables, two-decimal durations, the Mininet/groovysh commands, completion. */
class ConsoleOutputTest {
    @TempDir Path dir;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private Console console(String lab) {
        PrintWriter w = new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), true);
        return new Console(() -> {
            try {
                return LabBuilder.build(BuiltinLabs.builtin(lab), LabBuilder.Options.withoutCaptures());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, dir, w);
    }

    /** Runs the inputs one by one; returns what they printed. */
    private String run(Console c, String... inputs) {
        bytes.reset();
        for (String i : inputs) c.handle(i);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test void hostTables_printLikeTheirLinuxTools_notClassAtHash() {
        Console c = console("ping-basics");
        String o = run(c, "pc1.ping('10.0.0.2', count: 1, quiet: true)", "pc1.routes", "println pc1.routes", "pc1.counters",
                "println pc1.counters", "println pc1.sockets", "pc1.resolver", "pc1.interfaces", "lab.link('pc1:eth0')");
        assertThat(o).contains("==> 10.0.0.0/24 dev eth0").containsPattern("COUNTER\\s+VALUE\\n")
                .containsPattern("State\\s+Recv-Q\\s+Send-Q\\s+Local Address:Port\\s+Peer Address:Port")
                .containsPattern("NAME\\s+MAC\\s+CIDR\\s+MTU\\neth0\\s+02:00:00:00:01:00\\s+10\\.0\\.0\\.1/24\\s+1500");
        assertThat(o).doesNotContainPattern("[A-Za-z]+@[0-9a-f]{4,}");
        assertThat(run(c, "pc1.counters.size() > 0", "pc1.sockets.size()")).isEqualTo("==> true\n==> 0\n");
    }

    @Test void everyTypeTheDslHandsOut_printsByItsOwnText() {
        // a type a user can reach from a device or lab variable: a record, a table, or its own toString
        List<String> bare = new ArrayList<>();
        for (Class<?> t : DslTypes.reachable()) if (!DslTypes.printsReadably(t)) bare.add(t.getName());
        assertThat(bare).as("DSL types that would print as Class@hash").isEmpty();
    }

    @Test void listOfMaps_isOneTable() {
        String o = run(console("ping-basics"), "[[host: 'pc1', up: true], [host: 'pc2', rtt: 4.ms]]");
        assertThat(o).isEqualTo("""
                HOST  UP    RTT
                pc1   true
                pc2         4 ms
                """);
    }

    @Test void bigPing_printsTheFirstAndLastReplies_andErrorsOncePerKind() {
        List<Long> rtts = new ArrayList<>(Collections.nCopies(100_000, 4_049_999L));
        List<String> errors = new ArrayList<>();
        for (int i = 1; i <= 3000; i++) errors.add("From 10.0.0.1 icmp_seq=" + i + " Destination Host Unreachable");
        String text = Tables.render(new PingResult(Ipv4Address.parse("10.0.0.2"), 103_000, 100_000, rtts, 3000, errors, 9_456_000_000L));
        assertThat(text.lines().count()).isLessThan(30);
        assertThat(text).containsPattern("\\n1\\s+4\\.05 ms\\n").containsPattern("\\.\\.\\.\\s+99990 more").contains("100000  4.05 ms")
                .containsPattern("ERRORS\\s+MESSAGE\\n3000\\s+From 10\\.0\\.0\\.1 Destination Host Unreachable");
        assertThat(text.lines().mapToInt(String::length).max().orElse(0)).isLessThan(120);
    }

    @Test void durations_haveTwoDecimals() {
        String o = run(console("ping-basics"), "204020160.ns", "4049999.ns", "9456000000.ns", "lab.run(1234567.ns)");
        assertThat(o).isEqualTo("==> 204.02 ms\n==> 4.05 ms\n==> 9.46 s\nlab time 1.234567 ms\n");
    }

    @Test void mininetAndGroovyshCommands() throws Exception {
        Console c = console("ping-basics");
        String o = run(c, ":net", ":ip pc1", ":pingall", "def f(a) { a * 2 }", "int y = 3", "def s = 'x' * 100", ":vars", ":history");
        assertThat(o).contains("pc1 eth0:sw1:p1\npc2 eth0:sw1:p2\nsw1 p1:pc1:eth0 p2:pc2:eth0 p3");
        assertThat(o).containsPattern("IFACE\\s+ADDRESS\\s+MAC\\s+MTU\\neth0\\s+10\\.0\\.0\\.1/24").contains("routes:\n  10.0.0.0/24 dev eth0");
        assertThat(o).contains("pc1 -> pc2\npc2 -> pc1\n*** Results: 0% dropped (2/2 received)");
        assertThat(o).containsPattern("f\\s+method\\s+f\\(Object\\)").containsPattern("y\\s+Integer\\s+3\\n").containsPattern("s\\s+String\\s+x{57}\\.\\.\\.\\n");
        assertThat(o).contains("1  :net\n2  :ip pc1\n3  :pingall\n4  def f(a) { a * 2 }");
        Path saved = dir.resolve("session.groovy");
        assertThat(run(c, ":run 2.s", ":link pc1:eth0 down", ":save " + saved)).contains("saved 10 inputs to " + saved);
        assertThat(Files.readString(saved)).contains("\n// :net\n").contains("\ndef f(a) { a * 2 }\nint y = 3\n")
                .contains("\nlab.run(2.s)\nlab.link('pc1:eth0').down()\n");
        assertThat(run(c, ":ip sw1", ":ip pc9")).contains("error: sw1 is a switch").contains("error: no device 'pc9'");
    }

    @Test void help_suggestsInputsThatWorkInThisLab() {
        Console c = console("http-basics");
        String help = run(c, ":help");
        String examples = help.lines().filter(l -> l.contains("lab.run(5.s)")).findFirst().orElseThrow().strip();
        assertThat(examples).startsWith("pc1.dhcp()   pc1.ping('10.0.0.1', count: 4)   pc1.http.get('http://10.0.0.80/')");
        for (String input : examples.split(" {3}")) {
            String o = run(c, input);
            assertThat(o).as(input).doesNotContain("error:");
        }
    }

    @Test void completion_offersHttpGet_andEveryOfferedPropertyReads() {
        Console c = console("http-basics");
        ConsoleCompleter completer = new ConsoleCompleter(c);
        assertThat(completer.complete("pc1.http.g", false)).contains("pc1.http.get");
        List<String> failing = new ArrayList<>();
        for (DeviceFacade d : c.facade().getDevices().values()) {
            for (String offered : completer.complete(d.getName() + ".", false)) {
                String member = offered.substring(offered.lastIndexOf('.') + 1);
                if (!io.wirelab.console.DslMembers.properties(d.getClass()).contains(member)) continue;
                String o = run(c, offered);
                if (o.contains("has no property") || o.contains("No such property")) failing.add(offered + ": " + o.strip());
            }
        }
        assertThat(failing).isEmpty();
    }

    /** Ctrl-C during a long ping ends it as ping(8) does: the statistics so far are printed and returned. */
    @Test void interruptedPing_keepsItsStatistics() throws Exception {
        Console c = console("ping-basics");
        Thread ctrlC = Thread.ofPlatform().start(() -> {
            while (!bytes.toString(StandardCharsets.UTF_8).contains("ping running")) java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            c.interrupt();
        });
        String o = run(c, "lab.at(3.s) { println 'ping ' + 'running' }; def r = pc1.ping('10.0.0.2', count: 100000, interval: 10.ms)",
                "r.sent < 100000 && r.received >= 300 && r.received >= r.sent - 1");
        ctrlC.join();
        // as ping(8) on Ctrl-C: the request still in flight counts as sent, not received
        assertThat(o).containsPattern("--- 10\\.0\\.0\\.2 ping statistics ---\\n\\d{3,} packets transmitted, \\d{3,} received")
                .contains("DESTINATION").contains("==> true").doesNotContain("error:");
    }
}
