package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wirelab validate: a handler on a device that is missing or runs no web server is a problem at file:line:col. */
class ValidateHandlersTest {
    @TempDir Path dir;

    @Test void handlerOnAMissingHostOrAHostWithoutWebServer_isRefused() throws Exception {
        Path lab = Files.writeString(dir.resolve("bad.yaml"), """
                name: bad
                nodes:
                  pc1: { kind: pc, ip: 10.0.0.10/24 }
                  web1: { kind: server, ip: 10.0.0.80/24, services: { web: } }
                links: [[pc1, web1]]
                script: |
                  println 'start'
                  web2.webServer.handle('/x') { req, res -> }
                  pc1.webServer.handle('/y') { req, res -> }
                  web1.webServer.handle('/z') { req, res -> res.status = 204 }
                """);
        CliRun r = CliRun.of("validate", lab.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(lab + ":8:3: a handler on 'web2', which is no device of this lab (hint: did you mean 'web1'?)")
                .contains(lab + ":9:3: a handler on pc1, which runs no web server");
        assertThat(r.err().lines().count()).isEqualTo(2);
    }
}
