package io.wirelab.labs.yaml;

import io.wirelab.sim.SimTime;
import io.wirelab.stack.tcp.DelayedAckMode;
import io.wirelab.stack.tcp.TcpProfile;
import org.junit.jupiter.api.Test;

import static io.wirelab.labs.yaml.TcpSectionReaderTest.pc;
import static io.wirelab.labs.yaml.TcpSectionReaderTest.problems;
import static io.wirelab.labs.yaml.TcpSectionReaderTest.read;
import static org.assertj.core.api.Assertions.assertThat;

/** tcp: { profile: linux | textbook }: applied first, every other key overrides it. */
class TcpProfileReaderTest {
    @Test void textbookProfile_givesTheRfcValues() throws Exception {
        var o = read(pc("{ profile: textbook }")).node("pc1").tcp();
        assertThat(o).isEqualTo(TcpProfile.TEXTBOOK.options());
        assertThat(o.delayedAckMode()).isEqualTo(DelayedAckMode.FIXED);
        assertThat(o.minRtoNanos()).isEqualTo(SimTime.seconds(1));
    }

    @Test void otherKeysOverrideTheProfile_beforeOrAfterIt() throws Exception {
        var after = read(pc("{ sack: true, profile: textbook, min-rto: 300ms }")).node("pc1").tcp();
        assertThat(after.sack()).isTrue();
        assertThat(after.minRtoNanos()).isEqualTo(SimTime.millis(300));
        assertThat(after.timestamps()).isFalse();
    }

    @Test void linuxProfile_turnsOnTimestampsAndLinuxWindows() throws Exception {
        var o = read(pc("{ profile: linux }")).node("pc1").tcp();
        assertThat(o.timestamps()).isTrue();
        assertThat(o.linuxWindows()).isTrue();
    }

    @Test void unknownProfile_isReportedWithTheWords() {
        assertThat(problems(pc("{ profile: bsd }"))).singleElement().asString()
                .contains("profile must be one of linux, textbook, not 'bsd'");
    }
}
