package io.wirelab.labs.units;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnitsTest {
    @Test void durations_allUnits_toNanoseconds() {
        assertThat(Units.parseDuration("7ns")).isEqualTo(7);
        assertThat(Units.parseDuration("250us")).isEqualTo(250_000);
        assertThat(Units.parseDuration("1ms")).isEqualTo(1_000_000);
        assertThat(Units.parseDuration("1.5 s")).isEqualTo(1_500_000_000L);
        assertThat(Units.parseDuration("2m")).isEqualTo(120_000_000_000L);
        assertThat(Units.parseDuration("1h")).isEqualTo(3_600_000_000_000L);
        assertThat(Units.parseDuration("0")).isZero();
    }

    @Test void duration_withoutUnit_isRejectedWithUnitList() {
        assertThatThrownBy(() -> Units.parseDuration("5"))
                .isInstanceOfSatisfying(UnitParseException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("'5' needs a unit");
                    assertThat(e.hint()).isEqualTo("units: ns, us, ms, s, m, h, e.g. 1ms");
                });
    }

    @Test void rates_bitsPerSecond_siPrefixes() {
        assertThat(Units.parseRate("100Mbps")).isEqualTo(100_000_000L);
        assertThat(Units.parseRate("1.5Gbps")).isEqualTo(1_500_000_000L);
        assertThat(Units.parseRate("64kbps")).isEqualTo(64_000L);
        assertThat(Units.parseRate("9600bps")).isEqualTo(9_600L);
    }

    @Test void rate_misspeltUnit_namesTheUnitAndListsValidOnes() {
        assertThatThrownBy(() -> Units.parseRate("100Mbs"))
                .isInstanceOfSatisfying(UnitParseException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("'100Mbs': unknown rate unit 'Mbs'");
                    assertThat(e.hint()).startsWith("units: bps, kbps, Mbps, Gbps");
                });
    }

    @Test void sizes_siIsThousand_iecIsPowerOfTwo() {
        assertThat(Units.parseSize("1KB")).isEqualTo(1000);
        assertThat(Units.parseSize("1KiB")).isEqualTo(1024);
        assertThat(Units.parseSize("1MB")).isEqualTo(1_000_000);
        assertThat(Units.parseSize("1MiB")).isEqualTo(1_048_576);
        assertThat(Units.parseSize("2GiB")).isEqualTo(2L << 30);
        assertThat(Units.parseSize("1500")).isEqualTo(1500);
        assertThat(Units.parseSize("1500B")).isEqualTo(1500);
    }

    @Test void percent_toFraction_andBounded() {
        assertThat(Units.parsePercent("1%")).isEqualTo(0.01);
        assertThat(Units.parsePercent("0.5 %")).isEqualTo(0.005);
        assertThat(Units.parsePercent("100%")).isEqualTo(1.0);
        assertThatThrownBy(() -> Units.parsePercent("101%")).hasMessage("'101%' is more than 100%");
        assertThatThrownBy(() -> Units.parsePercent("0.01")).hasMessage("'0.01' is not a percentage");
    }

    @Test void overflow_isAnError_notAWrap() {
        assertThatThrownBy(() -> Units.parseDuration("99999999999h")).hasMessageContaining("too large");
    }

    @Test void format_roundTrips() {
        assertThat(Units.formatDuration(1_000_000)).isEqualTo("1ms");
        assertThat(Units.formatDuration(1_500_000)).isEqualTo("1500us");
        assertThat(Units.formatRate(100_000_000)).isEqualTo("100Mbps");
        assertThat(Units.parseDuration(Units.formatDuration(123_456_789))).isEqualTo(123_456_789);
    }
}
