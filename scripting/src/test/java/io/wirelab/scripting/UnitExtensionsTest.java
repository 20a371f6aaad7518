package io.wirelab.scripting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import groovy.lang.GroovyShell;
import org.junit.jupiter.api.Test;

/** Unit literals as scripts write them; evaluated by real Groovy so the extension module is exercised. */
class UnitExtensionsTest {
    private static Object eval(String expr) { return new GroovyShell().evaluate(expr); }

    @Test void durationLiterals_areExactNanoseconds() {
        assertThat(eval("100.ms")).isEqualTo(new VirtualDuration(100_000_000L));
        assertThat(eval("2.s")).isEqualTo(new VirtualDuration(2_000_000_000L));
        assertThat(eval("1.us")).isEqualTo(new VirtualDuration(1_000L));
        assertThat(eval("250.ns")).isEqualTo(new VirtualDuration(250L));
        assertThat(eval("5.min")).isEqualTo(new VirtualDuration(300_000_000_000L));
        assertThat(eval("1.5.s")).isEqualTo(new VirtualDuration(1_500_000_000L));
        assertThat(eval("0.1.ms")).isEqualTo(new VirtualDuration(100_000L));
        assertThat(eval("3L.seconds")).isEqualTo(new VirtualDuration(3_000_000_000L));
    }

    @Test void rateAndSizeLiterals_useSiAndIecPrefixes() {
        assertThat(eval("100.Mbps")).isEqualTo(new DataRate(100_000_000L));
        assertThat(eval("1.Gbps")).isEqualTo(new DataRate(1_000_000_000L));
        assertThat(eval("1.5.Mbps")).isEqualTo(new DataRate(1_500_000L));
        assertThat(eval("1.MB")).isEqualTo(new DataSize(1_000_000L));
        assertThat(eval("64.KB")).isEqualTo(new DataSize(64_000L));
        assertThat(eval("1.KiB")).isEqualTo(new DataSize(1024L));
        assertThat(eval("2.MiB")).isEqualTo(new DataSize(2L << 20));
    }

    @Test void groovyOperators_workOnDurations() {
        assertThat(eval("2.s + 500.ms")).isEqualTo(new VirtualDuration(2_500_000_000L));
        assertThat(eval("2.s - 500.ms")).isEqualTo(new VirtualDuration(1_500_000_000L));
        assertThat(eval("100.ms * 3")).isEqualTo(new VirtualDuration(300_000_000L));
        assertThat(eval("1.s / 4")).isEqualTo(new VirtualDuration(250_000_000L));
        assertThat(eval("1000.ms == 1.s")).isEqualTo(true);
        assertThat(eval("999.ms < 1.s")).isEqualTo(true);
        assertThat(eval("[3.s, 1.ms, 2.us].min()")).isEqualTo(new VirtualDuration(2_000L));
    }

    @Test void fractionsBelowTheBaseUnit_areRejectedNotRounded() {
        assertThatThrownBy(() -> eval("0.5.ns")).hasMessageContaining("0.5 ns is not a whole number of nanoseconds");
        assertThatThrownBy(() -> eval("1.5.B")).hasMessageContaining("not a whole number of bytes");
        assertThatThrownBy(() -> eval("10000000000000.min")).hasMessageContaining("out of range");
    }

    @Test void toString_picksAReadableUnit() {
        assertThat(new VirtualDuration(100_000_000L)).hasToString("100 ms");
        assertThat(new VirtualDuration(1_500_000_000L)).hasToString("1.5 s");
        assertThat(new VirtualDuration(2_012_345L)).hasToString("2.01 ms");
        assertThat(new VirtualDuration(204_020_160L)).hasToString("204.02 ms");
        assertThat(new VirtualDuration(9_456_789_000L)).hasToString("9.46 s");
        assertThat(new VirtualDuration(999_999_000L)).hasToString("1 s");
        assertThat(new VirtualDuration(428_800L)).hasToString("428.8 us");
        assertThat(new VirtualDuration(2_012_345L).exact()).isEqualTo("2.012345 ms");
        assertThat(new VirtualDuration(300_000_000_000L)).hasToString("5 min");
        assertThat(new VirtualDuration(90_000_000_000L)).hasToString("90 s");
        assertThat(new VirtualDuration(7_200_000_000_000L)).hasToString("2 h");
        assertThat(new VirtualDuration(1_000L)).hasToString("1 us");
        assertThat(new VirtualDuration(999L)).hasToString("999 ns");
        assertThat(new VirtualDuration(0)).hasToString("0 s");
        assertThat(new VirtualDuration(-5_000_000L)).hasToString("-5 ms");
        assertThat(new DataRate(100_000_000L)).hasToString("100 Mbit/s");
        assertThat(new DataRate(1_500L)).hasToString("1.5 kbit/s");
        assertThat(new DataSize(1_000_000L)).hasToString("1 MB");
        assertThat(new DataSize(1024L)).hasToString("1 KiB");
        assertThat(new DataSize(1500L)).hasToString("1.5 KB");
        assertThat(new DataSize(60L)).hasToString("60 B");
    }

    @Test void parse_acceptsLabFileDurations() {
        assertThat(VirtualDuration.parse("2s")).isEqualTo(new VirtualDuration(2_000_000_000L));
        assertThat(VirtualDuration.parse("1.5 ms")).isEqualTo(new VirtualDuration(1_500_000L));
        assertThatThrownBy(() -> VirtualDuration.parse("2 fortnights")).isInstanceOf(IllegalArgumentException.class);
    }
}
