package io.wirelab.labs.yaml;

import io.wirelab.labs.model.Setting;
import io.wirelab.labs.yaml.YamlTree.YMap;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A section read by its table: each kind of setting, with its problems at the value. */
class SettingsReaderTest {
    record Demo(String congestion, long size, double loss) {}

    static final List<Setting<Demo>> TABLE = List.of(
            Setting.choice("congestion", List.of("newreno", "cubic"), (d, w) -> new Demo(w, d.size(), d.loss())),
            Setting.size("size", 10, 100, (d, v) -> new Demo(d.congestion(), v, d.loss())),
            Setting.percent("loss", (d, x) -> new Demo(d.congestion(), d.size(), x)));

    static final Demo BASE = new Demo("newreno", 50, 0);

    private final Problems problems = new Problems("t.yaml");

    Demo read(String yaml) {
        YMap m = (YMap) YamlTree.parse(yaml, problems);
        return new SettingsReader(new ValueReader(problems)).read(m, TABLE, BASE, "a demo");
    }

    List<String> problems() { return problems.sorted().stream().map(LabProblem::toString).toList(); }

    @Test void valuesSetOverTheBase_inMapOrder() {
        assertThat(read("{ loss: 1%, congestion: cubic }")).isEqualTo(new Demo("cubic", 50, 0.01));
        assertThat(read("{ }")).isSameAs(BASE);
        assertThat(problems()).isEmpty();
    }

    @Test void choice_outsideItsWords_suggestsTheClosest() {
        assertThat(read("{ congestion: cubc }")).isNull();
        assertThat(problems()).containsExactly("t.yaml:1:15: congestion must be one of newreno, cubic, not 'cubc' (hint: did you mean 'cubic'?)");
    }

    @Test void everyProblemOfTheMap_isReported() {
        assertThat(read("{ size: 5B, los: 1%, loss: 200% }")).isNull();
        assertThat(problems()).containsExactly(
                "t.yaml:1:9: size 5B is out of range (hint: allowed: 10B..100B)",
                "t.yaml:1:13: unknown key 'los' in a demo (hint: did you mean 'loss'?)",
                "t.yaml:1:28: '200%' is more than 100% (hint: write a percentage such as 1% or 0.5%)");
    }
}
