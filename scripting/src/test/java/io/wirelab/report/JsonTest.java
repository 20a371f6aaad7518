package io.wirelab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test void keysAreSortedWhateverTheMapOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 2);
        m.put("a", List.of(1L, "x"));
        assertThat(Json.write(m)).isEqualTo("{\"a\":[1,\"x\"],\"b\":2}");
    }

    @Test void textCannotCloseTheScriptElement() {
        assertThat(Json.write("</script><!-- \"q\" \\ \n")).isEqualTo("\"\\u003c/script\\u003e\\u003c!-- \\\"q\\\" \\\\ \\n\"");
    }

    @Test void floatingPointIsRefused() {
        assertThatThrownBy(() -> Json.write(List.of(0.1))).isInstanceOf(IllegalArgumentException.class);
    }
}
