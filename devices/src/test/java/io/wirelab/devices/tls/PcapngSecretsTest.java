package io.wirelab.devices.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirelab.pcap.PcapngWriter;
import io.wirelab.wire.Bytes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapngSecretsTest {
    @TempDir Path dir;

    private static List<Integer> blockTypes(byte[] f) {
        List<Integer> types = new ArrayList<>();
        for (int at = 0; at < f.length; at += Bytes.le32(f, at + 4)) types.add(Bytes.le32(f, at));
        return types;
    }

    @Test
    void secrets_moveRightAfterTheSectionHeader_mergedAndDeduplicated() throws IOException {
        Path file = dir.resolve("x.pcapng");
        try (OutputStream os = Files.newOutputStream(file); PcapngWriter w = new PcapngWriter(os, "t")) {
            int id = w.addInterface("pc1:eth0", 65535);
            w.writePacket(id, 1, new byte[60]);
            w.writeDecryptionSecrets("CLIENT_RANDOM aa bb\n");
            w.writePacket(id, 2, new byte[61]);
        }
        int lines = PcapngSecrets.inject(file, "CLIENT_RANDOM aa bb\nCLIENT_RANDOM cc dd\n");
        assertThat(lines).isEqualTo(2);
        byte[] f = Files.readAllBytes(file);
        List<Integer> types = blockTypes(f);
        assertThat(types.subList(0, 3)).containsExactly(PcapngSecrets.SHB, PcapngSecrets.DSB, 1);
        assertThat(types.stream().filter(t -> t == PcapngSecrets.DSB)).hasSize(1);
        assertThat(types.stream().filter(t -> t == 6)).hasSize(2);
        int dsbAt = Bytes.le32(f, 4);
        assertThat(Bytes.le32(f, dsbAt + 8)).isEqualTo(0x544c534b);
        String text = new String(f, dsbAt + 16, Bytes.le32(f, dsbAt + 12), StandardCharsets.US_ASCII);
        assertThat(text).isEqualTo("CLIENT_RANDOM aa bb\nCLIENT_RANDOM cc dd\n");
        assertThat(Bytes.le32(f, dsbAt + Bytes.le32(f, dsbAt + 4) - 4)).isEqualTo(Bytes.le32(f, dsbAt + 4));
    }

    @Test
    void notPcapng_isRefused() throws IOException {
        Path file = dir.resolve("y.pcap");
        Files.write(file, new byte[40]);
        assertThatThrownBy(() -> PcapngSecrets.inject(file, "x")).isInstanceOf(IOException.class);
    }
}
