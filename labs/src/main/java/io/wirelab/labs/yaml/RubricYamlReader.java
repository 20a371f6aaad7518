package io.wirelab.labs.yaml;

import io.wirelab.labs.grade.Check;
import io.wirelab.labs.grade.CheckKind;
import io.wirelab.labs.grade.Rubric;
import io.wirelab.labs.model.Endpoint;
import io.wirelab.labs.model.LabLimits;
import io.wirelab.labs.yaml.YamlTree.YList;
import io.wirelab.labs.yaml.YamlTree.YMap;
import io.wirelab.labs.yaml.YamlTree.YNode;
import io.wirelab.labs.yaml.YamlTree.YScalar;
import io.wirelab.wire.filter.DisplayFilter;
import io.wirelab.wire.filter.FilterException;
import io.wirelab.wire.filter.Fields;
import io.wirelab.wire.ipv4.Ipv4Cidr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a rubric file (docs/grading.md) with the lab reader's machinery: every problem at
 * file:line:col with a hint, unknown keys named, a display filter's error at the column of the
 * filter text where it lies. The key lists are each map's allowed keys (RubricSchemaTest holds
 * docs/rubric.schema.json to them).
 */
public final class RubricYamlReader {
    static final List<String> RUBRIC_KEYS = List.of("name", "description", "timeout", "checks");
    static final List<String> CHECK_KEYS = List.of("name", "points", "mandatory", "visibility", "capture", "filter", "count",
            "dhcp", "http", "script", "groovy");
    static final List<String> KIND_KEYS = List.of("filter", "dhcp", "http", "script", "groovy");
    static final List<String> DHCP_CHECK_KEYS = List.of("host", "interface", "within");
    static final List<String> HTTP_CHECK_KEYS = List.of("client", "host", "path", "method", "status", "tls", "within");
    static final int MAX_CHECKS = 1000;
    private static final Pattern COUNT = Pattern.compile("\\s*(==|!=|>=|<=|>|<)?\\s*([0-9]{1,9})\\s*");
    private static final Pattern ENDPOINT = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]*):([A-Za-z0-9][A-Za-z0-9._-]*)");

    private final String[] lines;
    private final Problems problems;
    private final ValueReader values;

    private RubricYamlReader(String source, String text) {
        this.lines = text.split("\n", -1);
        this.problems = new Problems(source);
        this.values = new ValueReader(problems);
    }

    public static Rubric read(Path file) throws LabFileException {
        String shown = file.toString();
        try {
            long size = Files.size(file);
            if (size > LabLimits.MAX_FILE_BYTES)
                throw new LabFileException(List.of(new LabProblem(shown, 1, 1, "the rubric is " + size + " bytes; the limit is " + LabLimits.MAX_FILE_BYTES, null)));
            return read(shown, LabYamlReader.baseName(file.getFileName().toString()), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException ? "no such file" : e.getMessage();
            throw new LabFileException(List.of(new LabProblem(shown, 1, 1, "cannot read the rubric: " + why, null)));
        }
    }

    public static Rubric read(String source, String defaultName, String text) throws LabFileException {
        RubricYamlReader r = new RubricYamlReader(source, text);
        Rubric rubric = r.rubric(source, defaultName, text);
        if (!r.problems.isEmpty()) throw new LabFileException(r.problems.sorted());
        return rubric;
    }

    private Rubric rubric(String source, String defaultName, String text) {
        YNode root = YamlTree.parse(text, problems);
        if (root == null) {
            if (problems.isEmpty()) problems.add(1, 1, "the rubric is empty", "a rubric needs 'checks:'; see docs/grading.md");
            return null;
        }
        if (!(root instanceof YMap m)) {
            problems.add(root, "a rubric must be a map of keys (name, checks, ...)", "see docs/grading.md");
            return null;
        }
        values.checkKeys(m, RUBRIC_KEYS, "the rubric");
        String name = m.get("name") == null ? defaultName : values.text(m.get("name"), "a rubric name");
        String description = m.get("description") == null ? "" : values.scalar(m.get("description"), "a description");
        long timeout = 0;
        if (m.get("timeout") != null) {
            Long t = values.duration(m.get("timeout"));
            if (t != null && t <= 0) problems.add(m.get("timeout"), "timeout must be longer than 0", "e.g. timeout: 2m");
            else if (t != null) timeout = t;
        }
        List<Check> checks = new ArrayList<>();
        YNode checksNode = m.get("checks");
        if (checksNode == null) {
            problems.add(m, "the rubric has no 'checks:'", "e.g. checks: [ { name: pc1 pings, points: 1, capture: pc1:eth0, filter: icmp.type == 0 } ]");
        } else if (!(checksNode instanceof YList list) || list.items().isEmpty()) {
            problems.add(checksNode, "'checks' must be a list of checks", "each item: { name: ..., points: ..., and one of filter, dhcp, http, script, groovy }");
        } else if (list.items().size() > MAX_CHECKS) {
            problems.add(checksNode, "the rubric has " + list.items().size() + " checks; the limit is " + MAX_CHECKS, null);
        } else {
            Set<String> names = new HashSet<>();
            for (YNode item : list.items()) {
                Check c = check(item);
                if (c == null) continue;
                if (!names.add(c.name())) problems.add(((YMap) item).get("name"), "a second check named '" + c.name() + "'", "check names must differ: they name the results");
                checks.add(c);
            }
        }
        return new Rubric(name == null ? defaultName : name, description == null ? "" : description.strip(), timeout, checks, source);
    }

    private Check check(YNode item) {
        YMap m = values.optionalMap(item, "a check");
        if (m == null) return null;
        values.checkKeys(m, CHECK_KEYS, "a check");
        String name = null;
        if (m.get("name") == null) problems.add(m, "the check has no 'name:'", "name it as the student should read it, e.g. name: pc1 got a DHCP lease");
        else name = values.text(m.get("name"), "a check name");
        if (name != null && name.isBlank()) {
            problems.add(m.get("name"), "the check's name is empty", null);
            name = null;
        }
        double points = 0;
        if (m.get("points") == null) {
            problems.add(m, "the check has no 'points:'", "e.g. points: 2 (0 for a check that only gates, with mandatory: true)");
        } else {
            String p = values.scalar(m.get("points"), "points");
            if (p != null) {
                try {
                    points = Double.parseDouble(p.strip());
                    if (!(points >= 0 && points <= 1e6) || p.strip().matches(".*[eExX].*")) throw new NumberFormatException();
                } catch (NumberFormatException e) {
                    problems.add(m.get("points"), "points must be a number from 0 to 1000000, not '" + p + "'", "e.g. points: 2 or points: 0.5");
                }
            }
        }
        boolean mandatory = false;
        if (m.get("mandatory") != null) {
            Boolean b = values.bool(m.get("mandatory"), "mandatory");
            mandatory = b != null && b;
        }
        String visibility = "visible";
        if (m.get("visibility") != null) {
            String v = values.text(m.get("visibility"), "a visibility");
            if (v != null && !Check.VISIBILITIES.contains(v)) problems.add(m.get("visibility"), "visibility must be one of " + String.join(", ", Check.VISIBILITIES), DidYouMean.hint(v, Check.VISIBILITIES));
            else if (v != null) visibility = v;
        }
        List<String> kinds = KIND_KEYS.stream().filter(k -> m.get(k) != null).toList();
        if (kinds.size() != 1) {
            problems.add(m, kinds.isEmpty() ? "the check says nothing to test" : "the check has " + String.join(" and ", kinds) + "; a check tests one thing",
                    "give exactly one of: " + String.join(", ", KIND_KEYS));
            return null;
        }
        for (String k : List.of("capture", "count"))
            if (m.get(k) != null && !kinds.getFirst().equals("filter"))
                problems.add(ValueReader.keyOf(m, k), "'" + k + "' goes with 'filter', not with '" + kinds.getFirst() + "'", null);
        CheckKind kind = switch (kinds.getFirst()) {
            case "filter" -> frames(m);
            case "dhcp" -> dhcp(m.get("dhcp"));
            case "http" -> http(m.get("http"));
            case "script" -> script(m.get("script"));
            default -> groovy(m.get("groovy"));
        };
        if (name == null || kind == null) return null;
        return new Check(name.strip(), points, mandatory, visibility, kind, m.line());
    }

    private CheckKind frames(YMap m) {
        Endpoint capture = null;
        if (m.get("capture") == null) problems.add(m, "a filter check needs 'capture:', the port whose capture it reads", "e.g. capture: pc1:eth0");
        else capture = endpoint(m.get("capture"));
        DisplayFilter filter = filter(m.get("filter"));
        CheckKind.Count count = new CheckKind.Count(">=", 1);
        if (m.get("count") != null) {
            String c = values.scalar(m.get("count"), "a count such as 0 or \">= 1\"");
            Matcher x = c == null ? null : COUNT.matcher(c);
            if (x != null && x.matches()) count = new CheckKind.Count(x.group(1) == null ? "==" : x.group(1), Long.parseLong(x.group(2)));
            else if (c != null) problems.add(m.get("count"), "count must be a number of frames, alone or after ==, !=, >=, <=, > or <, not '" + c + "'", "e.g. count: 0, count: \">= 3\"");
        }
        return capture == null || filter == null ? null : new CheckKind.Frames(capture, filter, count);
    }

    private Endpoint endpoint(YNode n) {
        String t = values.text(n, "a capture point such as pc1:eth0");
        if (t == null) return null;
        Matcher x = ENDPOINT.matcher(t.strip());
        if (!x.matches()) {
            problems.add(n, "'" + t + "' is not a port: write device:interface", "e.g. capture: pc1:eth0 (the file pc1-eth0.pcapng)");
            return null;
        }
        return new Endpoint(x.group(1), x.group(2));
    }

    private DisplayFilter filter(YNode n) {
        String t = values.scalar(n, "a display filter such as \"tcp.analysis.retransmission\"");
        if (t == null) return null;
        try {
            return DisplayFilter.compile(t);
        } catch (FilterException e) {
            String hint = e.unknownField() != null ? DidYouMean.hint(e.unknownField(), List.copyOf(Fields.all().keySet())) : null;
            if (hint != null && hint.startsWith("expected one of")) hint = "see the field list in docs/grading.md#display-filters";
            int[] at = position((YScalar) n, e.offset());
            problems.add(at[0], at[1], "display filter: " + e.getMessage(), hint);
            return null;
        }
    }

    /** The file line and column of a character of a scalar written on one line (plain, or quoted without escapes before it). */
    private int[] position(YScalar n, int offset) {
        if (n.text().contains("\n") || n.line() < 1 || n.line() > lines.length) return new int[] {n.line(), n.column()};
        String line = lines[n.line() - 1];
        int col = n.column();
        if (col - 1 < line.length() && (line.charAt(col - 1) == '"' || line.charAt(col - 1) == '\'')) {
            String before = n.text().substring(0, Math.min(offset, n.text().length()));
            boolean shifted = line.charAt(col - 1) == '"' ? before.contains("\\") || before.contains("\"") : before.contains("'");
            if (shifted) return new int[] {n.line(), col};
            col++;
        }
        return new int[] {n.line(), col + offset};
    }

    private CheckKind dhcp(YNode n) {
        YMap m = values.optionalMap(n, "a DHCP check such as { host: pc1 }");
        if (m == null) return null;
        values.checkKeys(m, DHCP_CHECK_KEYS, "a dhcp check");
        String host = required(m, "host", "the host whose lease is checked", "dhcp: { host: pc1 }");
        String iface = m.get("interface") == null ? null : values.text(m.get("interface"), "an interface name");
        Ipv4Cidr within = null;
        if (m.get("within") != null) {
            String w = values.text(m.get("within"), "a subnet such as 10.0.0.0/24");
            try {
                within = w == null ? null : Ipv4Cidr.parse(w.strip());
            } catch (IllegalArgumentException e) {
                problems.add(m.get("within"), "'" + w + "' is not a subnet", "e.g. within: 10.0.0.0/24");
            }
        }
        return host == null ? null : new CheckKind.DhcpLease(host, iface, within);
    }

    private CheckKind http(YNode n) {
        YMap m = values.optionalMap(n, "an HTTP check such as { client: pc1, status: 200 }");
        if (m == null) return null;
        values.checkKeys(m, HTTP_CHECK_KEYS, "an http check");
        String client = required(m, "client", "the host that made the request", "http: { client: pc1, host: www.lab.test, status: 200 }");
        String host = m.get("host") == null ? null : values.text(m.get("host"), "the URL's host name or address");
        String path = m.get("path") == null ? null : values.text(m.get("path"), "a URL path such as /index.html");
        if (path != null && !path.startsWith("/")) problems.add(m.get("path"), "a path starts with '/'", "e.g. path: /index.html");
        String method = m.get("method") == null ? null : values.text(m.get("method"), "an HTTP method such as GET");
        Integer status = null;
        if (m.get("status") != null) {
            Long s = values.integer(m.get("status"), "status", 100, 599);
            status = s == null ? null : s.intValue();
        }
        Boolean tls = m.get("tls") == null ? null : values.bool(m.get("tls"), "tls");
        long within = -1;
        if (m.get("within") != null) {
            Long w = values.duration(m.get("within"));
            within = w == null ? -1 : w;
        }
        return client == null ? null : new CheckKind.Http(client, host, path, method, status, tls, within);
    }

    private String required(YMap m, String key, String what, String example) {
        if (m.get(key) == null) {
            problems.add(m, "missing '" + key + ":' (" + what + ")", "e.g. " + example);
            return null;
        }
        return values.text(m.get(key), what);
    }

    private CheckKind script(YNode n) {
        String t = values.text(n, "the word completed");
        if (t == null) return null;
        if (!t.strip().equals("completed")) {
            problems.add(n, "script checks test one thing: 'completed' (the submission's script ran to its end)", "script: completed");
            return null;
        }
        return new CheckKind.ScriptCompleted();
    }

    private CheckKind groovy(YNode n) {
        String code = values.scalar(n, "Groovy code that returns true when the check passes");
        if (code == null) return null;
        if (code.isBlank()) {
            problems.add(n, "the groovy check is empty", "e.g. groovy: \"results.http.any { it.status == 200 }\"");
            return null;
        }
        // a block scalar (| or >) starts on the line after its indicator
        boolean block = n.line() >= 1 && n.line() <= lines.length && lines[n.line() - 1].substring(Math.min(lines[n.line() - 1].length(), n.column() - 1)).matches("[|>][-+0-9]*\\s*(#.*)?");
        return new CheckKind.Groovy(code, block ? n.line() + 1 : n.line());
    }
}
