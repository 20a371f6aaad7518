package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wirelab validate: a device name the script uses but neither the lab nor the script defines is a problem at file:line:col (issue 12 finding 4). */
class ValidateDeviceNamesTest {
    @TempDir Path dir;

    @Test void unknownDeviceNames_areRefusedWithPositionAndHint() throws Exception {
        Path lab = Files.writeString(dir.resolve("names.yaml"), """
                name: names
                nodes:
                  pc1: { kind: pc, ip: 10.0.0.10/24 }
                  web1: { kind: server, ip: 10.0.0.80/24, services: { web: } }
                links: [[pc1, web1]]
                script: |
                  pc1.ping('web1')
                  pc9.ping('web1')
                  lab.device('web7')
                """);
        CliRun r = CliRun.of("validate", lab.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(lab + ":8:3: 'pc9' is no device of this lab and is not declared in the script (hint: did you mean 'pc1'?)")
                .contains(lab + ":9:14: 'web7' is no device of this lab");
        assertThat(r.err().lines().count()).isEqualTo(2);
    }

    @Test void namesTheScriptBindsItself_areNotDevices() throws Exception {
        Path lab = Files.writeString(dir.resolve("ok.yaml"), """
                name: ok
                nodes:
                  pc1: { kind: pc, ip: 10.0.0.10/24 }
                  web1: { kind: server, ip: 10.0.0.80/24, services: { web: } }
                links: [[pc1, web1]]
                script: |
                  def r = pc1.ping('web1')
                  assert r.received >= 0
                  result = pc1.http.get('http://web1/')
                  println result.status
                  [pc1, web1].each { d -> println d.name }
                  for (h in [pc1]) println h.name
                  try { pc1.ping('web1') } catch (e) { println e.message }
                  println Math.max(1, 2)
                """);
        CliRun r = CliRun.of("validate", lab.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
    }
}
