package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * wirelab grade over the built-in lab http-basics as a student's submission, with a rubric of every
 * kind of check: the lab as shipped gets full marks; a variant with a wrong DNS record loses exactly
 * the checks that depend on the name, each with its evidence; a hostile variant is refused by the
 * sandbox, scores 0 and writes nothing; the report formats hold what Gradescope and JUnit readers need.
 */
class GradeCommandTest {
    @TempDir Path dir;

    static String resource(String name) throws IOException {
        try (InputStream in = GradeCommandTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** http-basics (lab and script) in folder, the lab text changed by edit; returns the lab file. */
    static Path submission(Path folder, java.util.function.UnaryOperator<String> edit) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("http-basics.groovy"), resource("/io/wirelab/labs/builtin/http-basics.groovy"));
        return Files.writeString(folder.resolve("http-basics.yaml"), edit.apply(resource("/io/wirelab/labs/builtin/http-basics.yaml")));
    }

    static Path rubric(Path dir) throws IOException {
        return Files.writeString(dir.resolve("rubric.yaml"), resource("/grade/http-basics-rubric.yaml"));
    }

    static String wrongDns(String lab) {
        String broken = lab.replace("www: 10.0.0.80 }", "www: 10.0.0.81 }");
        assertThat(broken).isNotEqualTo(lab);
        return broken;
    }

    static String hostile(Path pwned, String lab) {
        String inline = "script: |\n  pc1.dhcp()\n  new File('" + pwned + "').text = 'pwned'\n";
        String broken = lab.replace("script: http-basics.groovy\n", inline);
        assertThat(broken).isNotEqualTo(lab);
        return broken;
    }

    @Test void theLabAsShippedGetsFullMarks() throws Exception {
        Path lab = submission(dir.resolve("good"), s -> s);
        CliRun r = CliRun.of("grade", lab.toString(), "--rubric", rubric(dir).toString(), "--out", dir.resolve("out").toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).as(r.out()).isZero();
        assertThat(r.out()).contains("PASS 2/2  pc1 got a DHCP lease (mandatory)", "pc1:eth0 holds 10.0.0.100/24 from 10.0.0.1 (BOUND)",
                "PASS 2/2  no TCP retransmission on pc1:eth0", "0 frames of ", "PASS 1/1  TLS to www.wirelab.test",
                "tls.handshake.extensions_server_name=www.wirelab.test", "#4 pc1 GET https://www.wirelab.test/ -> 200 OK",
                "score: 14/14 (10 of 10 checks passed)");
        assertThat(r.out()).doesNotContain("FAIL");
        assertThat(dir.resolve("out/pc1-eth0.pcapng")).exists();
    }

    @Test void aWrongDnsRecordLosesTheChecksThatNeedTheNameWithEvidence() throws Exception {
        Path lab = submission(dir.resolve("broken"), GradeCommandTest::wrongDns);
        CliRun r = CliRun.of("grade", lab.toString(), "--rubric", rubric(dir).toString(), "--out", dir.resolve("out").toString());
        assertThat(r.exitCode()).as(r.out()).isEqualTo(1);   // the mandatory HTTPS check failed
        assertThat(r.out()).contains(
                "PASS 2/2  pc1 got a DHCP lease (mandatory)",
                "PASS 1/1  the DHCP ACK is on pc1's wire",
                "FAIL 0/1  www.wirelab.test resolves to web1",
                "0 frames of ",
                "FAIL 0/3  an HTTP 200 for www.wirelab.test reached pc1 over TLS (mandatory)",
                "pc1 made no HTTP request through the script",
                "FAIL 0/1  the script ran to its end",
                "the script did not complete: the script failed: ", "http-basics.groovy:8: assertion failed",
                "PASS 2/2  no TCP retransmission on pc1:eth0",
                "FAIL 0/1  two HTTPS responses", "groovy: returned false",
                "score: 5/14 (3 of 10 checks passed; a mandatory check failed)");
    }

    @Test void aHostileSubmissionIsRefusedScoresNothingAndWritesNothing() throws Exception {
        Path pwned = dir.resolve("pwned");
        Path lab = submission(dir.resolve("hostile"), s -> hostile(pwned, s));
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("grade", lab.toString(), "--rubric", rubric(dir).toString(), "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("run: refused by the sandbox: ", "not allowed in lab scripts", "score: 0/14 (0 of 10 checks passed");
        assertThat(r.out()).doesNotContain("PASS");
        assertThat(pwned).doesNotExist();
        assertThat(out).doesNotExist();
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("hostile", "rubric.yaml");
        }
    }

    @Test void gradescopeAndJunitReportsHoldEveryCheck() throws Exception {
        Path lab = submission(dir.resolve("broken"), GradeCommandTest::wrongDns);
        Path rubric = rubric(dir);
        Path results = dir.resolve("results/results.json");
        CliRun gs = CliRun.of("grade", lab.toString(), "--rubric", rubric.toString(), "--out", dir.resolve("out").toString(),
                "--format", "gradescope", "--report", results.toString());
        assertThat(gs.exitCode()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(results.toFile());
        assertThat(json.get("score").asDouble()).isEqualTo(5.0);
        assertThat(json.get("tests")).hasSize(10);
        JsonNode https = json.get("tests").get(3);
        assertThat(https.get("name").asText()).isEqualTo("an HTTP 200 for www.wirelab.test reached pc1 over TLS");
        assertThat(https.get("score").asDouble()).isZero();
        assertThat(https.get("max_score").asDouble()).isEqualTo(3.0);
        assertThat(https.get("status").asText()).isEqualTo("failed");
        assertThat(https.get("visibility").asText()).isEqualTo("visible");
        assertThat(https.get("output").asText()).contains("no HTTP request");
        double sum = 0;
        for (JsonNode t : json.get("tests")) sum += t.get("score").asDouble();
        assertThat(sum).isEqualTo(5.0);

        Path xml = dir.resolve("junit.xml");
        CliRun ju = CliRun.of("grade", lab.toString(), "--rubric", rubric.toString(), "--out", dir.resolve("out2").toString(),
                "--format", "junit", "--report", xml.toString());
        assertThat(ju.exitCode()).isEqualTo(1);
        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        for (String a : List.of("name", "tests", "failures", "errors", "skipped")) assertThat(suite.hasAttribute(a)).as(a).isTrue();
        assertThat(suite.getAttribute("tests")).isEqualTo("10");
        assertThat(suite.getAttribute("failures")).isEqualTo("7");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(10);
        assertThat(suite.getElementsByTagName("failure").getLength()).isEqualTo(7);
        Element dns = (Element) cases.item(2);
        assertThat(dns.getAttribute("name")).isEqualTo("www.wirelab.test resolves to web1");
        assertThat(dns.hasAttribute("time")).isTrue();
        assertThat(dns.getElementsByTagName("failure").item(0).getTextContent()).contains("0 frames of");
    }

    @Test void anInvalidRubricIsReportedAtItsLineAndNothingRuns() throws Exception {
        Path lab = submission(dir.resolve("good"), s -> s);
        Path rubric = Files.writeString(dir.resolve("bad.yaml"), """
                checks:
                  - name: x
                    points: 1
                    capture: pc1:eth0
                    filter: http.respons.code == 200
                  - name: y
                    points: 1
                    groovy: "System.exit(1)"
                """);
        CliRun r = CliRun.of("grade", lab.toString(), "--rubric", rubric.toString(), "--out", dir.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(rubric + ":5:13: display filter: unknown field 'http.respons.code' (hint: did you mean 'http.response.code'?)");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
