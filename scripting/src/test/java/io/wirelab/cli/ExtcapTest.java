package io.wirelab.cli;

import io.wirelab.pcap.PcapReader;
import io.wirelab.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** wirelab extcap answers Wireshark's extcap calls as Wireshark makes them, and tshark captures through it. */
class ExtcapTest {
    @TempDir Path dir;

    static List<String> lines(CliRun run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out().lines().toList();
    }

    @Test void interfacesListTheExtcapVersionAndTheOneInterface() {
        List<String> out = lines(CliRun.of("extcap", "--extcap-interfaces", "--extcap-version=4.0"));
        assertThat(out.getFirst()).matches("extcap \\{version=[^{}]+\\}\\{display=wirelab network labs\\}");
        assertThat(out.subList(1, out.size())).singleElement().asString()
                .startsWith("interface {value=wirelab-lab}{display=wirelab network lab");
        assertThat(lines(CliRun.of("extcap", "--extcap-version"))).containsExactly(out.getFirst());
    }

    @Test void dltsAreEthernet() {
        assertThat(lines(CliRun.of("extcap", "--extcap-dlts", "--extcap-interface", "wirelab-lab")))
                .containsExactly("dlt {number=1}{name=EN10MB}{display=Ethernet}");
    }

    @Test void configOffersALabFileTheBuiltInLabsAnInterfaceAndThePace() {
        List<String> out = lines(CliRun.of("extcap", "--extcap-config", "--extcap-interface", "wirelab-lab"));
        Pattern arg = Pattern.compile("arg \\{number=(\\d+)\\}\\{call=(--[a-z-]+)\\}\\{display=[^{}]+\\}\\{type=([a-z]+)\\}.*");
        Map<String, String> types = new HashMap<>();
        List<String> numbers = new ArrayList<>();
        for (String l : out) {
            Matcher m = arg.matcher(l);
            if (m.matches()) {
                types.put(m.group(2), m.group(3));
                numbers.add(m.group(1));
            } else {
                assertThat(l).as("every line is an arg or a value").matches("value \\{arg=\\d+\\}\\{value=[^{}]+\\}\\{display=[^{}]+\\}(\\{default=true\\})?");
            }
        }
        assertThat(numbers).doesNotHaveDuplicates();
        assertThat(types).containsEntry("--lab-file", "fileselect").containsEntry("--lab", "selector")
                .containsEntry("--port", "string").containsEntry("--pace", "selector").containsEntry("--seed", "long");
        assertThat(out).contains("value {arg=1}{value=tcp-bulk}{display=tcp-bulk: 10 MB over TCP across links with 1% loss (retransmission, fast recovery, goodput)}");
        assertThat(out).filteredOn(l -> l.startsWith("value {arg=1}") && l.endsWith("{default=true}")).singleElement().asString().contains("{value=http-basics}");
        assertThat(out).filteredOn(l -> l.startsWith("value {arg=3}") && l.endsWith("{default=true}")).singleElement().asString().contains("{value=realtime}");
        assertThat(out).anySatisfy(l -> assertThat(l).contains("{call=--port}").contains("{default=pc1:eth0}").contains("{validation=^[^:\\\\s]+:[^:\\\\s]+$}"));
    }

    @Test void captureStreamsTheChosenInterfaceOfABuiltInLab() throws Exception {
        Path fifo = dir.resolve("wireshark_extcap_wirelab-lab_1");
        // as Wireshark calls it: defaults of the config passed as options, a capture filter it may ignore
        CliRun run = CliRun.of("extcap", "--capture", "--extcap-interface", "wirelab-lab", "--extcap-capture-filter", "icmp",
                "--fifo", fifo.toString(), "--lab", "ping-basics", "--port", "pc2:eth0", "--pace", "fast");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).as("Wireshark shows no stdout").isEmpty();
        CliRun saved = CliRun.of("run", "ping-basics", "--out", dir.resolve("out").toString());
        assertThat(saved.exitCode()).isZero();
        LiveRunTest.assertSameFrames(Files.readAllBytes(fifo), dir.resolve("out/pc2-eth0.pcapng"));
    }

    @Test void captureRunsALabFileChosenInTheOptions() throws Exception {
        Path readme = Path.of(System.getenv().getOrDefault("WIRELAB_REPO", "../"), "README.md");
        Matcher m = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(readme));
        assertThat(m.find()).isTrue();
        Path lab = Files.writeString(dir.resolve("readme-lab.yaml"), m.group(1));
        Path fifo = dir.resolve("fifo");
        CliRun run = CliRun.of("extcap", "--capture", "--extcap-interface", "wirelab-lab", "--fifo", fifo.toString(),
                "--lab-file", lab.toString(), "--lab", "http-basics", "--port", "pc1:eth0", "--pace", "fast");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(CliRun.of("run", lab.toString(), "--out", dir.resolve("out").toString()).exitCode()).isZero();
        LiveRunTest.assertSameFrames(Files.readAllBytes(fifo), dir.resolve("out/pc1-eth0.pcapng"));
    }

    @Test void wrongCallsAreUsageErrorsWithAHint() {
        CliRun bare = CliRun.of("extcap");
        assertThat(bare.exitCode()).isEqualTo(Main.USAGE);
        assertThat(bare.err()).contains("wirelab extcap --install");
        CliRun other = CliRun.of("extcap", "--extcap-config", "--extcap-interface", "eth0");
        assertThat(other.exitCode()).isEqualTo(Main.USAGE);
        assertThat(other.err()).contains("no interface eth0 (the one interface is wirelab-lab)");
        CliRun pace = CliRun.of("extcap", "--capture", "--extcap-interface", "wirelab-lab", "--fifo", dir.resolve("f").toString(), "--pace", "9");
        assertThat(pace.exitCode()).isEqualTo(Main.USAGE);
        assertThat(pace.err()).contains("'9' is not a pace");
        CliRun port = CliRun.of("extcap", "--capture", "--extcap-interface", "wirelab-lab", "--fifo", dir.resolve("f").toString(),
                "--lab", "ping-basics", "--port", "pc7:eth0", "--pace", "fast");
        assertThat(port.exitCode()).isEqualTo(Main.USAGE);
        assertThat(port.err()).contains("--port pc7:eth0: no device 'pc7'");
    }

    @Test void withoutTsharkTheWrapperGoesToTheXdgExtcapFolder() {
        Map<String, String> env = Map.of("HOME", dir.toString(), "PATH", dir.resolve("empty").toString());
        assertThat(ExtcapInstaller.personalExtcapDir(env)).isEqualTo(dir.resolve(".local/lib/wireshark/extcap"));
    }

    /** Installs into a temporary Wireshark configuration, then tshark lists the interface and captures a lab through it. */
    @Test void installedExtcapCapturesThroughTshark() throws Exception {
        Path tshark = Tools.require("tshark");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("HOME", dir.toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("xdg").toString());
        env.put("WIRESHARK_CONFIG_DIR", dir.resolve("wireshark").toString());
        Path extcapDir = ExtcapInstaller.personalExtcapDir(env);
        assertThat(extcapDir.toString()).as("tshark's personal extcap folder").startsWith(dir.toString());

        CliRun install = CliRun.of("extcap", "--install", "--dir", extcapDir.toString());
        assertThat(install.exitCode()).as(install.err()).isZero();
        Path script = extcapDir.resolve(ExtcapInstaller.SCRIPT);
        assertThat(install.out()).contains("installed " + script);
        assertThat(Files.isExecutable(script)).isTrue();
        assertThat(Files.readString(script)).startsWith("#!/bin/sh\n").contains("io.wirelab.cli.Main extcap \"$@\"");

        assertThat(tshark(env, tshark.toString(), "-D")).anySatisfy(l -> assertThat(l).contains("wirelab-lab"));
        Path out = dir.resolve("through-tshark.pcapng");
        tshark(env, tshark.toString(), "-i", "wirelab-lab", "-o", "extcap.wirelab_lab.lab:ping-basics", "-o", "extcap.wirelab_lab.pace:fast",
                "-o", "extcap.wirelab_lab.port:pc1:eth0", "-w", out.toString());
        assertThat(CliRun.of("run", "ping-basics", "--out", dir.resolve("run").toString()).exitCode()).isZero();
        var captured = PcapReader.read(out).records();
        var saved = PcapReader.read(dir.resolve("run/pc1-eth0.pcapng")).records();
        assertThat(captured).hasSameSizeAs(saved).isNotEmpty();
        for (int i = 0; i < saved.size(); i++) {
            assertThat(captured.get(i).data()).as("frame " + (i + 1)).isEqualTo(saved.get(i).data());
            assertThat(captured.get(i).timestampNanos()).as("time of frame " + (i + 1)).isEqualTo(saved.get(i).timestampNanos());
        }
    }

    private static List<String> tshark(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("tshark finishes: " + List.of(command)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }
}
