package io.wirelab.labs.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.model.LinkSpec;
import io.wirelab.labs.model.NodeSpec;
import io.wirelab.labs.sweep.SweepSpec;
import io.wirelab.stack.tcp.TcpProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepYamlReaderTest {
    private static List<String> problems(String text) {
        try {
            SweepYamlReader.read("s.yaml", "s", text);
            return List.of();
        } catch (LabFileException e) {
            return e.problems().stream().map(LabProblem::toString).toList();
        }
    }

    @Test void readsTheGridAndTheSeeds() throws Exception {
        SweepSpec s = SweepYamlReader.read("s.yaml", "s", """
                lab: tcp-bulk
                seeds: 3
                parameters:
                  link.loss: [0%, 1%, 5%]
                  tcp.profile: [linux, textbook]
                """);
        assertThat(s.lab()).isEqualTo("tcp-bulk");
        assertThat(s.seeds()).containsExactly(1L, 2L, 3L);
        assertThat(s.parameters()).containsExactly(Map.entry("link.loss", List.of("0%", "1%", "5%")), Map.entry("tcp.profile", List.of("linux", "textbook")));
        assertThat(s.size()).isEqualTo(18);
        assertThat(SweepYamlReader.read("s.yaml", "s", "lab: x\nseeds: [7, 9]\n").seeds()).containsExactly(7L, 9L);
    }

    @Test void everyProblemIsReportedAtItsPlace() {
        assertThat(problems("""
                lab: tcp-bulk
                seeds: 0
                parameters:
                  link.los: [1%]
                  link.loss: [1%, 150%, 1%]
                  tcp.profile: [linux, bsd]
                  tcp.mss: [1460, 20]
                repeat: 2
                """)).containsExactly(
                "s.yaml:2:8: seeds (a count: seeds 1..N) 0 is not in 1..100000",
                "s.yaml:4:3: unknown parameter 'link.los': a parameter is link.KEY or tcp.KEY of a lab setting (hint: did you mean 'link.loss'?)",
                "s.yaml:5:19: '150%' is more than 100% (hint: write a percentage such as 1% or 0.5%)",
                "s.yaml:5:25: the value 1% is listed twice",
                "s.yaml:6:24: profile must be one of linux, textbook, not 'bsd' (hint: expected one of: linux, textbook)",
                "s.yaml:7:19: mss 20 is not in 88..65495",
                "s.yaml:8:1: unknown key 'repeat' in the sweep (hint: expected one of: name, lab, script, seeds, parameters, timeout)");
        assertThat(problems("seeds: 2\n")).containsExactly("s.yaml:1:1: the sweep has no 'lab:' (hint: lab: tcp-bulk (a built-in lab) or lab: my-lab.yaml (next to the sweep file))");
    }

    @Test void parametersSetEveryLinkAndEveryHostOverTheLabsOwnValues() throws Exception {
        LabSpec lab = LabYamlReader.read("l.yaml", "l", """
                nodes:
                  pc1: { kind: pc, ip: 10.0.0.1/24, tcp: { mss: 1000 } }
                  pc2: { kind: pc, ip: 10.0.0.2/24 }
                  sw1: { kind: switch }
                links:
                  - [pc1, sw1, { loss: 2%, delay: 3ms }]
                  - [pc2, sw1]
                """, rel -> null);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("link.loss", "5%");
        p.put("tcp.mss", "536");
        p.put("tcp.profile", "textbook");
        LabSpec swept = SweepYamlReader.applyParameters(lab, p, 42, "item 0");
        assertThat(swept.seed()).isEqualTo(42);
        assertThat(swept.links()).extracting(LinkSpec::params).extracting(lp -> lp.loss()).containsExactly(0.05, 0.05);
        assertThat(swept.links().getFirst().params().delayNanos()).isEqualTo(3_000_000);   // untouched settings stay
        NodeSpec pc1 = swept.node("pc1");
        assertThat(pc1.tcp().mss()).isEqualTo(536);                                        // after the profile, whatever the order
        assertThat(pc1.tcp().timestamps()).isEqualTo(TcpProfile.TEXTBOOK.options().timestamps());
        assertThat(swept.node("pc2").tcp().mss()).isEqualTo(536);
        assertThat(lab.links().getFirst().params().loss()).isEqualTo(0.02);               // the lab itself is not changed
        assertThatThrownBy(() -> SweepYamlReader.applyParameters(lab, Map.of("link.loss", "lots"), 1, "item 3"))
                .isInstanceOf(LabFileException.class).hasMessageStartingWith("item 3:");
    }
}
