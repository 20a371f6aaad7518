package io.wirelab.scripting;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.wirelab.devices.Device;
import io.wirelab.devices.host.Host;
import io.wirelab.devices.l2.LearningSwitch;
import io.wirelab.link.Port;
import io.wirelab.stack.NetInterface;
import io.wirelab.stack.NetworkStack;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;

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

    @Test void devices_showNamesAndValues_notTheirObjects() throws Exception {
        Path yaml = TestLabs.inlineLab(dir, """
                assert pc1.ports == ['pc1:eth0']
                assert pc1.interfaces.collect { it.name } == ['eth0']
                assert pc1.interfaces[0].cidr == pc1.cidr && pc1.interfaces[0].mac == pc1.mac && pc1.interfaces[0].mtu == 1500
                println 'no raw objects'
                """);
        TestLabs.Outcome o = TestLabs.run(yaml, dir.resolve("out"));
        assertThat(o.exitCode()).as(o.out() + o.err()).isZero();
        assertThat(o.out()).contains("no raw objects");
    }

    @Test void facades_haveNoPublicMethodReturningADeviceOrStackObject() {
        List<Class<?>> raw = List.of(Device.class, Host.class, NetworkStack.class, NetInterface.class, Port.class, LearningSwitch.class);
        for (Class<?> facade : List.of(DeviceFacade.class, HostFacade.class, SwitchFacade.class, LabFacade.class))
            for (Method m : facade.getMethods())
                assertThat(raw).as(facade.getSimpleName() + "." + m.getName()).doesNotContain(m.getReturnType());
    }

    @Test void labEvery_runsItsClosureOncePerPeriodOfLabTime() throws Exception {
        Path yaml = TestLabs.inlineLab(dir, """
                def ticks = []
                lab.every(2.ms) { ticks << lab.now.toString() }
                lab.run(7.ms)
                println "ticks ${ticks.size()}: ${ticks.join(' ')}"
                """);
        TestLabs.Outcome o = TestLabs.run(yaml, dir.resolve("out"));
        assertThat(o.exitCode()).as(o.out() + o.err()).isZero();
        assertThat(o.out()).contains("ticks 3: ");
    }
}
