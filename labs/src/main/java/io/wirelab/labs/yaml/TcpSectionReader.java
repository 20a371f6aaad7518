package io.wirelab.labs.yaml;

import io.wirelab.labs.model.TcpSettings;
import io.wirelab.labs.yaml.YamlTree.YMap;
import io.wirelab.labs.yaml.YamlTree.YNode;

/**
 * Reads a `tcp:` map, under `defaults:` or under a host, once, over the settings it overrides
 * (built-in defaults, or the lab's defaults for a host). TcpSettings.KEYS says what each key takes.
 */
final class TcpSectionReader {
    private final ValueReader values;
    private final SettingsReader settings;

    TcpSectionReader(ValueReader values) {
        this.values = values;
        this.settings = new SettingsReader(values);
    }

    /** what names the map in a message when it is not one ("tcp defaults"); null node: base. */
    TcpSettings read(YNode node, String what, TcpSettings base) {
        YMap m = values.optionalMap(node, what);
        if (m == null) return base;
        // profile: first, so every other key of the map overrides it; SettingsReader checks the word
        String profile = m.get("profile") instanceof YamlTree.YScalar sc && !sc.isNull() ? sc.text().strip() : null;
        TcpSettings start = profile != null && TcpSettings.PROFILES.contains(profile) ? base.withProfile(profile) : base;
        TcpSettings t = settings.read(m, TcpSettings.KEYS, start, "tcp settings");
        return t == null ? base : t;
    }
}
