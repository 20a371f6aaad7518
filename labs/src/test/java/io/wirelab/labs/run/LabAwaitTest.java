package io.wirelab.labs.run;

import io.wirelab.labs.build.LabBuilder;
import io.wirelab.labs.yaml.LabYamlReader;
import io.wirelab.sim.SimTime;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabAwaitTest {
    static Lab lab() throws Exception {
        return LabBuilder.build(LabYamlReader.read("t.yaml", "t", "nodes: { pc1: { kind: pc, ip: 10.0.0.1/24 } }\n", n -> null),
                LabBuilder.Options.withoutCaptures());
    }

    @Test void futureThatNeverCompletes_timesOutAtTheVirtualDeadline() throws Exception {
        try (Lab lab = lab()) {
            assertThatThrownBy(() -> lab.await(new CompletableFuture<>(), SimTime.seconds(3)))
                    .isInstanceOf(LabTimeoutException.class).hasMessageContaining("not done after 3 s")
                    .hasMessageContaining("nothing left to happen");
            assertThat(lab.now()).isEqualTo(SimTime.seconds(3));
        }
    }

    @Test void stopRequest_isReportedAsInterrupted_evenWhenNothingIsLeftToRun() throws Exception {
        try (Lab lab = lab()) {
            lab.simulator().after(SimTime.millis(500), () -> lab.simulator().requestStop());
            assertThatThrownBy(() -> lab.await(new CompletableFuture<>(), SimTime.seconds(3)))
                    .isInstanceOf(LabInterruptedException.class).hasMessageContaining("interrupted at 0.500000000");
        }
    }
}
