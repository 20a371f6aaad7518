package io.wirelab.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HandlerFaults stays bounded however many different faults a hostile peer provokes. */
class HandlerFaultsTest {
    @Test void pastMaxDistinctFaults_framesAreStillCounted_butNotListedOrReportedOneByOne() {
        HandlerFaults faults = new HandlerFaults();
        List<String> reported = new ArrayList<>();
        faults.onNewFault(reported::add);
        for (int i = 0; i < HandlerFaults.MAX_DISTINCT + 50; i++)
            faults.record("pc1", "udp", "udp 10.0.0.1:" + i + " > 10.0.0.2:9", new IllegalStateException("bug " + i), i);
        assertThat(reported).hasSize(HandlerFaults.MAX_DISTINCT);
        assertThat(faults.total()).isEqualTo(HandlerFaults.MAX_DISTINCT + 50);
        assertThat(faults.byDevice()).containsEntry("pc1", (long) HandlerFaults.MAX_DISTINCT + 50);
        assertThat(faults.lines()).hasSize(HandlerFaults.MAX_DISTINCT + 1)
                .last().isEqualTo("and 50 more frames with other faults, past the first " + HandlerFaults.MAX_DISTINCT);
    }
}
