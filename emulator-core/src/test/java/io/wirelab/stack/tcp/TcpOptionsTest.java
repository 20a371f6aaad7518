package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TcpOptionsTest {
    @Test void builder_startsFromDefaults_andSetsOnlyWhatIsNamed() {
        TcpOptions o = TcpOptions.builder().mss(1200).timestamps(false).lingerNanos(0).build();
        assertThat(o.mss()).isEqualTo(1200);
        assertThat(o.timestamps()).isFalse();
        assertThat(o.lingerNanos()).isZero();
        assertThat(o.withMss(0).withTimestamps(true).withLingerNanos(-1)).isEqualTo(TcpOptions.defaults());
    }

    @Test void toBuilder_copiesEverySetting() {
        TcpOptions o = new TcpOptions(true, 1000, 2000, 3, 4, 500, false, false, true, false, 6, 7, 8, 9, 19, 10, 11, 12, TcpCongestion.RENO,
                new TcpKeepAlive(true, 13, 14, 15), true, 16, 17, DelayedAckMode.FIXED,
                true, 18);
        assertThat(o.toBuilder().build()).isEqualTo(o);
        assertThat(o.withSynRetries(1).synRetries()).isEqualTo(1);
        assertThat(o.withSynRetries(1).withSynRetries(11)).isEqualTo(o);
    }

    @Test void withMethods_changeOneSetting() {
        TcpOptions d = TcpOptions.defaults();
        assertThat(d.withNoDelay(true).noDelay()).isTrue();
        assertThat(d.withSendBuffer(5000).sendBuffer()).isEqualTo(5000);
        assertThat(d.withReceiveBuffer(6000).receiveBuffer()).isEqualTo(6000);
        assertThat(d.withDelayedAckNanos(7).delayedAckNanos()).isEqualTo(7);
        assertThat(d.withInitialWindowSegments(2).initialWindowSegments()).isEqualTo(2);
        assertThat(d.withWindowScale(false).windowScale()).isFalse();
        assertThat(d.withSack(false).sack()).isFalse();
        assertThat(d.withTimestampOffsets(false).timestampOffsets()).isFalse();
        assertThat(d.withMinRtoNanos(SimTime.seconds(1)).minRtoNanos()).isEqualTo(SimTime.seconds(1));
        assertThat(d.withMaxRtoNanos(SimTime.seconds(60)).maxRtoNanos()).isEqualTo(SimTime.seconds(60));
        assertThat(d.withInitialRtoNanos(SimTime.seconds(3)).initialRtoNanos()).isEqualTo(SimTime.seconds(3));
        assertThat(d.withMslNanos(SimTime.seconds(120)).mslNanos()).isEqualTo(SimTime.seconds(120));
        assertThat(d.withMaxTimeWait(2).maxTimeWait()).isEqualTo(2);
        assertThat(d.withMaxRetries(3).maxRetries()).isEqualTo(3);
        assertThat(d.congestion()).isEqualTo(TcpCongestion.CUBIC);
        assertThat(d.withCongestion(TcpCongestion.NEWRENO).congestion()).isEqualTo(TcpCongestion.NEWRENO);
    }

    @Test void build_validates() {
        assertThatThrownBy(() -> TcpOptions.builder().receiveBuffer(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TcpOptions.builder().minRtoNanos(SimTime.seconds(200)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TcpOptions.builder().maxTimeWait(-1).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TcpOptions.builder().maxTimeWait(TcpOptions.MAX_TIME_WAIT + 1).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test void maxTimeWait_isLinuxsTcpMaxTwBuckets_onA24GiBMachine() {
        assertThat(TcpOptions.defaults().maxTimeWait()).isEqualTo(131_072);
        assertThat(TcpProfile.TEXTBOOK.options().maxTimeWait()).isEqualTo(131_072);
    }
}
