package io.wirelab.bridge;

import io.wirelab.testing.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The FFM binding's own behaviour that needs no privileges: loading and clear errors. */
class LibpcapTest {
    @BeforeEach void needsLibpcap() {
        if (!Libpcap.isAvailable()) Tools.unavailable("libpcap is not installed (apt-get install libpcap0.8)");
    }

    @Test void reportsTheLibraryVersion() throws Exception {
        assertThat(Libpcap.version()).startsWith("libpcap version 1.");
    }

    @Test void aMissingInterfaceIsNamedAsSuch() {
        try (Libpcap p = new Libpcap()) {
            assertThatThrownBy(() -> p.open("wlnope0", true, 1514)).isInstanceOfSatisfying(PacketDeviceException.class, e -> {
                assertThat(e.reason()).isEqualTo(PacketDeviceException.Reason.NO_SUCH_INTERFACE);
                assertThat(e.getMessage()).contains("wlnope0").contains("ip link");
            });
        }
    }

    @Test void aDeviceThatIsNotOpenRefusesUse() {
        try (Libpcap p = new Libpcap()) {
            assertThatThrownBy(() -> p.receive(new java.util.ArrayList<>())).isInstanceOf(IllegalStateException.class);
            assertThat(p.lastError()).isEmpty();
        }
    }

    @Test void theMissingLibraryMessageNamesTheDebianPackage() {
        assertThat(Libpcap.INSTALL_HINT).isEqualTo("apt-get install libpcap0.8");
        assertThat(Libpcap.LIBRARY_NAMES).startsWith("libpcap.so.0.8");
    }
}
