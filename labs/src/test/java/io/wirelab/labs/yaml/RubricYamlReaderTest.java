package io.wirelab.labs.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.wirelab.labs.grade.CheckKind;
import io.wirelab.labs.grade.Rubric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RubricYamlReaderTest {
    private static final String REPO = System.getenv().getOrDefault("WIRELAB_REPO", "..");

    private static final String GOOD = """
            name: lab1
            timeout: 90s
            checks:
              - name: pc1 got a lease
                points: 2
                mandatory: true
                dhcp: { host: pc1, within: 10.0.0.0/24 }
              - name: no retransmission
                points: 1.5
                capture: pc1:eth0
                filter: tcp.analysis.retransmission
                count: 0
              - name: an HTTPS 200
                points: 3
                visibility: after_due_date
                http: { client: pc1, host: www.lab.test, status: 200, tls: true, within: 50ms }
              - name: script
                points: 1
                script: completed
              - name: groovy
                points: 1
                groovy: |
                  results.http.size() > 1
            """;

    private static List<String> problems(String text) {
        try {
            RubricYamlReader.read("r.yaml", "r", text);
            return List.of();
        } catch (LabFileException e) {
            return e.problems().stream().map(LabProblem::toString).toList();
        }
    }

    @Test void readsEveryKindOfCheck() throws Exception {
        Rubric r = RubricYamlReader.read("r.yaml", "r", GOOD);
        assertThat(r.name()).isEqualTo("lab1");
        assertThat(r.timeoutNanos()).isEqualTo(90_000_000_000L);
        assertThat(r.maxPoints()).isEqualTo(8.5);
        assertThat(r.checks().get(0).mandatory()).isTrue();
        assertThat(r.checks().get(0).kind()).isInstanceOfSatisfying(CheckKind.DhcpLease.class, d -> assertThat(d.within().toString()).isEqualTo("10.0.0.0/24"));
        assertThat(r.checks().get(1).kind()).isInstanceOfSatisfying(CheckKind.Frames.class, f -> {
            assertThat(f.capture().toString()).isEqualTo("pc1:eth0");
            assertThat(f.count().test(0)).isTrue();
            assertThat(f.count().test(1)).isFalse();
        });
        assertThat(r.checks().get(2).kind()).isEqualTo(new CheckKind.Http("pc1", "www.lab.test", null, null, 200, true, 50_000_000L));
        assertThat(r.checks().get(2).visibility()).isEqualTo("after_due_date");
        assertThat(r.checks().get(4).kind()).isInstanceOfSatisfying(CheckKind.Groovy.class, g -> assertThat(g.line()).isEqualTo(23));
    }

    @Test void anUnknownFilterFieldIsReportedAtItsColumnWithAHint() {
        String text = """
                checks:
                  - name: x
                    points: 1
                    capture: pc1:eth0
                    filter: "tcp && tcp.analysis.retransmision"
                """;
        assertThat(problems(text)).containsExactly(
                "r.yaml:5:21: display filter: unknown field 'tcp.analysis.retransmision' (hint: did you mean 'tcp.analysis.retransmission'?)");
        assertThat(problems(text.replace("\"tcp && tcp.analysis.retransmision\"", "http.response.cod == 200")))
                .containsExactly("r.yaml:5:13: display filter: unknown field 'http.response.cod' (hint: did you mean 'http.response.code'?)");
    }

    @Test void unknownKeysMissingPartsAndBadValuesAreEachReported() {
        List<String> p = problems("""
                checks:
                  - name: a
                    points: 1
                    mandatroy: true
                    dhcp: { host: pc1 }
                  - name: b
                    points: -1
                    http: { client: pc1, status: 700 }
                  - name: c
                    points: 1
                    capture: pc1
                    filter: tcp
                    count: "about 3"
                  - name: d
                    points: 1
                  - name: a
                    points: 1
                    script: completed
                    groovy: "true"
                """);
        assertThat(p).containsExactly(
                "r.yaml:4:5: unknown key 'mandatroy' in a check (hint: did you mean 'mandatory'?)",
                "r.yaml:7:13: points must be a number from 0 to 1000000, not '-1' (hint: e.g. points: 2 or points: 0.5)",
                "r.yaml:8:34: status 700 is not in 100..599",
                "r.yaml:11:14: 'pc1' is not a port: write device:interface (hint: e.g. capture: pc1:eth0 (the file pc1-eth0.pcapng))",
                "r.yaml:13:12: count must be a number of frames, alone or after ==, !=, >=, <=, > or <, not 'about 3' (hint: e.g. count: 0, count: \">= 3\")",
                "r.yaml:14:5: the check says nothing to test (hint: give exactly one of: filter, dhcp, http, script, groovy)",
                "r.yaml:16:5: the check has script and groovy; a check tests one thing (hint: give exactly one of: filter, dhcp, http, script, groovy)");
    }

    @Test void aSecondCheckOfTheSameNameIsRefused() {
        assertThat(problems("""
                checks:
                  - { name: a, points: 1, script: completed }
                  - { name: a, points: 1, script: completed }
                """)).containsExactly("r.yaml:3:13: a second check named 'a' (hint: check names must differ: they name the results)");
    }

    @Test void anEmptyFileAndAMissingChecksListAreProblems() {
        assertThat(problems("")).containsExactly("r.yaml:1:1: the rubric is empty (hint: a rubric needs 'checks:'; see docs/grading.md)");
        assertThat(problems("name: x\n")).hasSize(1).first().asString().contains("the rubric has no 'checks:'");
        assertThatThrownBy(() -> RubricYamlReader.read(Path.of("/nonexistent/r.yaml"))).isInstanceOf(LabFileException.class);
    }

    /** The rubric examples of docs/grading.md (```yml blocks with checks:) read without a problem and pass the schema. */
    @Test void theRubricsInTheDocsAreValid() throws Exception {
        String doc = Files.readString(Path.of(REPO, "docs", "grading.md"));
        int at = 0, rubrics = 0;
        while ((at = doc.indexOf("```yml\n", at)) >= 0) {
            int start = at + 7, end = doc.indexOf("```", start);
            String code = doc.substring(start, end);
            at = end;
            if (!code.startsWith("name:") && !code.startsWith("checks:")) continue;
            rubrics++;
            assertThat(problems(code)).as(code).isEmpty();
            assertThat(schema().validate(new ObjectMapper(new YAMLFactory()).readTree(code))).as(code).isEmpty();
        }
        assertThat(rubrics).isGreaterThanOrEqualTo(1);
    }

    private static Schema schema() throws Exception {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(Path.of(REPO, "docs", "rubric.schema.json")), InputFormat.JSON);
    }

    @Test void theSchemaAcceptsAGoodRubricAndRefusesATypo() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        assertThat(schema().validate(yaml.readTree(GOOD))).isEmpty();
        assertThat(schema().validate(yaml.readTree(GOOD.replace("mandatory: true", "mandatroy: true")))).isNotEmpty();
        assertThat(schema().validate(yaml.readTree(GOOD.replace("script: completed", "script: done")))).isNotEmpty();
    }

    /** The schema names exactly the keys the reader accepts, map by map. */
    @Test void theSchemaNamesTheReadersKeys() throws Exception {
        JsonNode s = new ObjectMapper().readTree(Files.readString(Path.of(REPO, "docs", "rubric.schema.json")));
        Map<List<String>, String> lists = Map.of(RubricYamlReader.RUBRIC_KEYS, "", RubricYamlReader.CHECK_KEYS, "/$defs/check",
                RubricYamlReader.DHCP_CHECK_KEYS, "/$defs/dhcpCheck", RubricYamlReader.HTTP_CHECK_KEYS, "/$defs/httpCheck");
        for (var e : lists.entrySet()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> i = s.at(e.getValue() + "/properties").fieldNames(); i.hasNext(); ) names.add(i.next());
            assertThat(new TreeSet<>(names)).as(e.getValue()).isEqualTo(new TreeSet<>(e.getKey()));
        }
    }
}
