package io.wirelab.labs.yaml;

import java.util.AbstractList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many identical devices under one name, `pc1..pc200`: the devices pc1, pc2, ..., pc200, in that
 * order (docs/lab-format.md, "Device groups"), as Mininet's `--topo tree` or ns-3's
 * NodeContainer.Create(N) make them. In a link end, `pc1..pc200` or `pc1..pc200:eth0` stands for
 * each member. No brackets: YAML reads `[` and `,` as list syntax inside `[end, end]`.
 */
record NodeGroup(String prefix, int first, int last, String iface) {
    private static final Pattern GROUP = Pattern.compile("([A-Za-z][A-Za-z0-9_]*?)([0-9]{1,9})\\.\\.([A-Za-z][A-Za-z0-9_]*?)([0-9]{1,9})(?::(.*))?");
    static final String FORM_HINT = "a group is first..last with one name and two numbers, e.g. pc1..pc200: the devices pc1, pc2, ..., pc200";

    /** Whether text is meant as a group (it has a ".."), valid or not. */
    static boolean isGroup(String text) { return text.contains(".."); }

    /** The group text names, or null after adding why it is not one (at line:column) to problems. */
    static NodeGroup parse(String text, int line, int column, Problems problems, long limit, String what) {
        Matcher m = GROUP.matcher(text);
        if (!m.matches()) { problems.add(line, column, "'" + text + "' is not a valid " + what, FORM_HINT); return null; }
        if (!m.group(1).equals(m.group(3))) {
            problems.add(line, column, "'" + text + "' has two names, " + m.group(1) + " and " + m.group(3), FORM_HINT);
            return null;
        }
        String a = m.group(2), b = m.group(4);
        if ((a.length() > 1 && a.charAt(0) == '0') || (b.length() > 1 && b.charAt(0) == '0')) {
            problems.add(line, column, "'" + text + "': a number with a leading zero", "write pc1..pc200, not pc001..pc200: the names are pc1, pc2, ...");
            return null;
        }
        int first = Integer.parseInt(a), last = Integer.parseInt(b);
        if (first > last) { problems.add(line, column, "'" + text + "' is empty: " + first + " is above " + last, FORM_HINT); return null; }
        if ((long) last - first + 1 > limit) {
            problems.add(line, column, "'" + text + "' has " + ((long) last - first + 1) + " members; the limit is " + limit, "see docs/lab-format.md#limits");
            return null;
        }
        return new NodeGroup(m.group(1), first, last, m.group(5));
    }

    int size() { return last - first + 1; }

    /** The members' device names, in order. */
    List<String> names() {
        return new AbstractList<>() {
            @Override public String get(int i) { return prefix + (first + i); }
            @Override public int size() { return NodeGroup.this.size(); }
        };
    }

    /** The member i's end as a link writes it: "pc7" or "pc7:eth0". */
    String end(int i) { return iface == null ? prefix + (first + i) : prefix + (first + i) + ":" + iface; }

    @Override public String toString() { return prefix + first + ".." + prefix + last + (iface == null ? "" : ":" + iface); }
}
