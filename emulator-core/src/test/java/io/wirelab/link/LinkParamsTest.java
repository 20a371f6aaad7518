package io.wirelab.link;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkParamsTest {
    @Test void default_isGigabitEthernetWithLinuxQueue() {
        assertThat(LinkParams.DEFAULT).isEqualTo(new LinkParams(1_000_000_000L, 0, 0, 0, 0, 0, 1_000_000, 0, 1500, 1000));
    }

    @Test void builder_changesOnlyWhatItNames_andWithersKeepTheRest() {
        LinkParams p = LinkParams.builder().bandwidth(100_000_000L).delay(2_000_000).loss(0.01).mtu(9000).build();
        assertThat(p).isEqualTo(new LinkParams(100_000_000L, 2_000_000, 0, 0.01, 0, 0, 1_000_000, 0, 9000, 1000));
        assertThat(p.toBuilder().build()).isEqualTo(p);
        assertThat(p.withReorder(0.25, 5_000_000)).isEqualTo(new LinkParams(100_000_000L, 2_000_000, 0, 0.01, 0, 0.25, 5_000_000, 0, 9000, 1000));
        assertThat(p.withJitter(7).withDuplicate(0.5).withCorrupt(0.125).withQueueFrames(10))
                .isEqualTo(new LinkParams(100_000_000L, 2_000_000, 7, 0.01, 0.5, 0, 1_000_000, 0.125, 9000, 10));
    }

    @Test void build_checksLikeTheConstructor() {
        assertThatThrownBy(() -> LinkParams.builder().loss(1.5).build()).hasMessage("loss 1.5 is not a probability in 0..1");
        assertThatThrownBy(() -> LinkParams.DEFAULT.withMtu(67)).hasMessage("mtu 67 is not in 68..65535");
    }
}
