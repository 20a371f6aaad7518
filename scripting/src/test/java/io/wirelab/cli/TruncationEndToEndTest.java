package io.wirelab.cli;

import io.wirelab.testing.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in truncation lab: Content-Length catches the cut responses; on the wire, FIN vs RST after 1500 body bytes. */
class TruncationEndToEndTest {
    @TempDir Path dir;

    @Test void contentLengthCatchesTheCut_closeDelimitedDoesNot() {
        CliRun run = CliRun.of("run", "truncation", "--out", dir.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains(
                "cut          TRUNCATED  body 1500 bytes, Content-Length 2000 (got 1500 of 2000 bytes; the server closed the connection)",
                "cut-reset    TRUNCATED  body 1500 bytes, Content-Length 2000 (got 1500 of 2000 bytes; connection reset by peer)",
                "close-cut    OK         body 1500 bytes, Content-Length none",
                "Content-Length caught 3 of 3 cut responses");
        Path pc = dir.resolve("pc1-eth0.pcapng");
        assertThat(Tshark.malformed(pc)).isZero();
        assertThat(Tshark.badChecksums(pc)).isZero();
        // one reset, from web1, after the 1500 body bytes of /cut-reset.txt were acknowledged
        List<List<String>> resets = Tshark.fields(pc, "tcp.flags.reset == 1", "ip.src");
        assertThat(resets).containsExactly(List.of("10.0.0.80"));
        // Wireshark, too, completes only the whole responses: the cut ones stay unfinished reassemblies,
        // and it cannot tell the cut close-delimited one from the whole one either.
        assertThat(Tshark.fields(pc, "http.response", "http.response_for.uri", "http.content_length_header")).containsExactly(
                List.of("http://web1/whole.txt", "2000"), List.of("http://web1/close-whole.txt", ""), List.of("http://web1/close-cut.txt", ""));
    }
}
