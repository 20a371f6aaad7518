package io.wirelab.scripting;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** pc1.resolver, pc1.dhcpClient and pc1.webServer are script views, not the devices' objects. */
class ScriptViewsTest {
    @TempDir Path dir;

    @Test void hostServices_areViews_orNullWhenTheHostRunsNone() throws Exception {
        Path yaml = TestLabs.inlineLab(dir, """
                assert pc1.resolver instanceof io.wirelab.scripting.ScriptResolver
                assert pc1.resolver.servers == [] && pc1.resolver.search == []
                assert pc1.resolver.counter('resolver.tx.query') == 0
                assert pc1.dhcpClient == null
                assert pc1.webServer == null
                println pc1.resolver
                """);
        TestLabs.Outcome o = TestLabs.run(yaml, dir.resolve("out"));
        assertThat(o.exitCode()).as(o.out() + o.err()).isZero();
        assertThat(o.out()).contains("resolver (servers [], search [])");
    }
}
