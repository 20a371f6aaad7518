package io.wirelab.scripting;

import io.wirelab.testing.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** lab.link(end).down() / .up() / .set(...) while the lab runs: frames stop, the RTT follows, the capture says so. */
class ScriptLinkTest {
    @TempDir Path dir;

    @Test void downStopsFrames_upRestores_setChangesDelay_andTheCaptureCommentsEachChange() throws Exception {
        TestLabs.Outcome o = TestLabs.run(TestLabs.inlineLab(dir, """
                assert pc1.ping('pc2', count: 2, quiet: true).received == 2
                def l = lab.link('pc1:eth0')
                l.down()
                assert !l.up
                assert pc1.ping('pc2', count: 3, interval: 100.ms, quiet: true).received == 0
                l.up()
                l.set(delay: 20.ms, loss: 0.percent)
                def r = pc1.ping('pc2', count: 2, quiet: true)
                assert r.received == 2 && r.rttMin > 40.ms && r.rttMax < 45.ms   // 20 ms + 1 ms each way
                lab.at(lab.now + 500.ms) { lab.link('pc2').set(loss: '100%') }
                def late = lab.spawn { lab.run(1.s); pc1.ping('pc2', count: 1, quiet: true).received }
                assert late.join() == 0
                """), dir.resolve("out"));
        assertThat(o.exitCode()).as(o.out() + o.err()).isZero();
        assertThat(o.out()).contains("link pc1:eth0 <-> sw1:p1 down at ").contains("link pc1:eth0 <-> sw1:p1 up at ")
                .contains("link pc1:eth0 <-> sw1:p1 delay 20 ms, loss 0% at ").contains("link pc2:eth0 <-> sw1:p2 loss 100% at ");
        Path capture = dir.resolve("out/pc1-eth0.pcapng");
        List<String> comments = Tshark.fields(capture, "frame.comment", "frame.comment").stream().map(List::getFirst).toList();
        // the capture of pc1:eth0 records pc1's link only; no frame passes while it is down, so down, up and
        // the new delay come together on the first frame after up
        assertThat(comments).containsExactly("link pc1:eth0 <-> sw1:p1 down at 1.004039040 s; link pc1:eth0 <-> sw1:p1 up at 1.204039040 s; "
                + "link pc1:eth0 <-> sw1:p1 delay 20 ms, loss 0% at 1.204039040 s");
        assertThat(Tshark.malformed(capture)).isZero();
    }

    @Test void unknownEnd_failsWithAHint() throws Exception {
        TestLabs.Outcome o = TestLabs.run(TestLabs.inlineLab(dir, "lab.link('pc1:eth1').down()\n"), dir.resolve("out"));
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.err()).contains("no link has an end 'pc1:eth1'; did you mean 'pc1:eth0'?");
    }
}
