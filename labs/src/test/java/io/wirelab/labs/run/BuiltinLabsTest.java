package io.wirelab.labs.run;

import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.yaml.LabFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuiltinLabsTest {
    @Test void list_namesPingBasicsWithItsDescription() {
        assertThat(BuiltinLabs.list()).anySatisfy(e -> {
            assertThat(e.name()).isEqualTo("ping-basics");
            assertThat(e.description()).startsWith("Two PCs on one switch");
        });
    }

    @Test void list_comesFromTheBuildsIndex_andEqualsReadingEveryLab() {
        assertThat(BuiltinLabsIndex.read()).as("builtin/descriptions.txt, written at process-classes").isNotNull();
        assertThat(BuiltinLabs.list()).isEqualTo(BuiltinLabs.parsedList());
        assertThat(BuiltinLabs.list()).extracting(BuiltinLabs.Entry::name).isEqualTo(BuiltinLabs.names());
    }

    @Test void index_keepsBackslashesAndLineBreaksOfADescription() {
        List<BuiltinLabs.Entry> labs = List.of(new BuiltinLabs.Entry("a", "one\\ntwo\nthree\r"), new BuiltinLabs.Entry("b", ""));
        String text = BuiltinLabsIndex.render(labs);
        assertThat(text).isEqualTo("a\tone\\\\ntwo\\nthree\\r\nb\t\n");
        assertThat(BuiltinLabsIndex.parse(text)).isEqualTo(labs);
    }

    @Test void pingBasics_isTheLabTheIssueAsksFor() throws Exception {
        LabSpec lab = BuiltinLabs.resolve("ping-basics");
        assertThat(lab.source()).isEqualTo("builtin/ping-basics.yaml");
        assertThat(lab.nodes()).extracting(n -> n.name() + "/" + n.kind()).containsExactly("pc1/pc", "pc2/pc", "sw1/switch");
        assertThat(lab.node("pc1").iface("eth0").address()).hasToString("10.0.0.1/24");
        assertThat(lab.node("pc2").iface("eth0").address()).hasToString("10.0.0.2/24");
        assertThat(lab.links()).allSatisfy(l -> {
            assertThat(l.params().bandwidthBitsPerSecond()).isEqualTo(100_000_000L);
            assertThat(l.params().delayNanos()).isEqualTo(1_000_000L);
        });
        assertThat(lab.captures()).extracting(c -> c.fileName()).containsExactly("pc1-eth0.pcapng", "pc2-eth0.pcapng");
        assertThat(lab.script().name()).isEqualTo("builtin/ping-basics.groovy");
        assertThat(lab.script().code()).contains("pc1.ping('10.0.0.2', count: 4)").contains("assert r.received == 4");
    }

    @Test void unknownName_suggestsTheClosestBuiltin() {
        assertThatThrownBy(() -> BuiltinLabs.resolve("ping-basic"))
                .isInstanceOf(LabFileException.class)
                .hasMessage("ping-basic:1:1: no lab file or built-in lab named 'ping-basic' (hint: did you mean 'ping-basics'?)");
    }

    @Test void path_isReadAsAFile_withItsScriptNextToIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mine.yaml"), "nodes: { pc1: { kind: pc } }\nscript: mine.groovy\n");
        Files.writeString(dir.resolve("mine.groovy"), "println 1\n");
        LabSpec lab = BuiltinLabs.resolve(dir.resolve("mine.yaml").toString());
        assertThat(lab.name()).isEqualTo("mine");
        assertThat(lab.script().name()).isEqualTo(dir.resolve("mine.groovy").toString());
    }

    @Test void missingFile_isOneProblem() {
        assertThatThrownBy(() -> BuiltinLabs.resolve("nowhere/x.yaml"))
                .isInstanceOf(LabFileException.class)
                .hasMessage("nowhere/x.yaml:1:1: cannot read the lab file: no such file");
    }
}
