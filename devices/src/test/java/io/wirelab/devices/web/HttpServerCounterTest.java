package io.wirelab.devices.web;

import io.wirelab.wire.http.HttpParseError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpServerCounterTest {
    @Test void everyParseErrorStatus_hasAStatusCounter() {
        for (HttpParseError e : HttpParseError.values())
            if (e.status() != 0)
                assertThat(HttpServerCounter.forStatus(e.status()).counterName()).isEqualTo("http.tx.status." + e.status());
    }

    @Test void statusCounters_keepTheirNumericNames() {
        assertThat(HttpServerCounter.forStatus(200).counterName()).isEqualTo("http.tx.status.200");
        assertThat(HttpServerCounter.forStatus(404)).isEqualTo(HttpServerCounter.TX_STATUS_404);
        assertThatThrownBy(() -> HttpServerCounter.forStatus(302)).isInstanceOf(IllegalArgumentException.class);
    }
}
