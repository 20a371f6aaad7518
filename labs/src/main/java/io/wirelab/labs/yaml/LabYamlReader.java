package io.wirelab.labs.yaml;

import io.wirelab.labs.model.CaptureSpec;
import io.wirelab.labs.model.LabLimits;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.model.LinkSettings;
import io.wirelab.labs.model.LinkSpec;
import io.wirelab.labs.model.NodeSpec;
import io.wirelab.labs.model.ScriptSpec;
import io.wirelab.labs.model.ServerFaultSettings;
import io.wirelab.labs.model.Setting;
import io.wirelab.labs.model.TcpSettings;
import io.wirelab.labs.yaml.YamlTree.YMap;
import io.wirelab.labs.yaml.YamlTree.YNode;
import io.wirelab.link.LinkParams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a lab file (docs/lab-format.md) into a LabSpec, or throws a LabFileException holding every
 * problem found in one pass, each at its file:line:column with a hint. This class reads the top
 * level (name, description, seed, defaults) and hands each section to its reader: NodesReader
 * (with ServicesReader and TcpSectionReader), LinksReader, CapturesReader, ScriptReader; then
 * LabValidator checks across sections (duplicate addresses and MACs, switching loops). The key
 * lists below are each map's allowed keys (LabSchemaTest holds docs/lab.schema.json to them).
 */
public final class LabYamlReader {
    /** Reads a script named relative to the lab file; returns null when there is no such script. */
    @FunctionalInterface
    public interface ScriptLoader {
        LoadedScript load(String relativeName) throws IOException;
    }

    /** A script's text and the name error messages show for it. */
    public record LoadedScript(String displayName, String code) {}

    static final List<String> LAB_KEYS = List.of("name", "description", "seed", "defaults", "nodes", "links", "captures", "script");
    static final List<String> HOST_KEYS = List.of("kind", "ip", "mac", "interfaces", "gateway", "routes", "dns", "services", "tcp", "proxy", "trust");
    static final List<String> SWITCH_KEYS = List.of("kind", "ports", "aging", "mac-table-size");
    static final List<String> ROUTER_KEYS = List.of("kind", "interfaces", "routes", "dhcp-relay");
    static final List<String> ROUTER_IFACE_KEYS = List.of("ip", "mac", "dhcp-relay");
    static final List<String> RELAY_KEYS = List.of("server");
    static final List<String> ROUTE_KEYS = List.of("to", "via");
    static final List<String> BRIDGE_KEYS = List.of("kind", "interface");
    static final List<String> IFACE_KEYS = List.of("ip", "mac");
    static final List<String> LINK_KEYS = Setting.keys(LinkSettings.KEYS);
    static final List<String> DEFAULTS_KEYS = List.of("link", "tcp");
    static final List<String> TCP_KEYS = Setting.keys(TcpSettings.KEYS);
    static final List<String> SERVICE_KEYS = List.of("dhcp", "dns", "web", "proxy");
    static final List<String> DHCP_KEYS = List.of("pool", "router", "dns", "domain", "lease", "pools");
    static final List<String> POOL_KEYS = List.of("subnet", "range", "router", "dns", "domain", "lease");
    static final List<String> DNS_KEYS = List.of("zones");
    static final List<String> DNS_RECORD_KEYS = List.of("a", "aaaa", "cname", "ptr", "mx", "ns", "txt");
    static final List<String> WEB_KEYS = List.of("port", "https", "names", "pages", "directory", "keepalive-timeout", "keepalive-max", "close", "sites", "fault");
    static final List<String> SITE_KEYS = List.of("pages", "directory", "fault");
    static final List<String> PAGE_KEYS = List.of("body", "size", "fault");
    static final List<String> FAULT_KEYS = Setting.keys(ServerFaultSettings.KEYS);
    static final List<String> PROXY_KEYS = List.of("mode", "port");
    static final List<String> SCRIPT_KEYS = List.of("file", "inline");

    private static final Pattern LAB_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private LabYamlReader() {}

    /** Reads a lab file; its script is looked up next to it. The lab name defaults to the file name. */
    public static LabSpec read(Path file) throws LabFileException {
        String shown = file.toString();
        String text;
        try {
            long size = Files.size(file);
            if (size > LabLimits.MAX_FILE_BYTES) throw new LabFileException(List.of(tooLarge(shown, size)));
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException ? "no such file" : e.getMessage();
            throw new LabFileException(List.of(new LabProblem(shown, 1, 1, "cannot read the lab file: " + why, null)));
        }
        Path dir = file.toAbsolutePath().getParent();
        Path shownDir = file.getParent();
        ScriptLoader loader = rel -> {
            Path p = dir.resolve(rel);
            if (!Files.isRegularFile(p)) return null;
            return new LoadedScript(shownDir == null ? rel : shownDir.resolve(rel).toString(), Files.readString(p, StandardCharsets.UTF_8));
        };
        return read(shown, baseName(file.getFileName().toString()), text, loader, dir);
    }

    /** Reads lab text; sourceName is what problems show, defaultName the name if the file sets none. */
    public static LabSpec read(String sourceName, String defaultName, String text, ScriptLoader scripts) throws LabFileException {
        return read(sourceName, defaultName, text, scripts, null);
    }

    /** baseDir: the lab file's directory, against which a web server's {@code directory:} resolves (null: none). */
    private static LabSpec read(String sourceName, String defaultName, String text, ScriptLoader scripts, Path baseDir) throws LabFileException {
        if (text.length() > LabLimits.MAX_FILE_BYTES / 3) {
            long bytes = text.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > LabLimits.MAX_FILE_BYTES) throw new LabFileException(List.of(tooLarge(sourceName, bytes)));
        }
        Problems problems = new Problems(sourceName);
        LabSpec spec = readLab(sourceName, defaultName, text, scripts, baseDir, problems);
        if (!problems.isEmpty()) throw new LabFileException(problems.sorted());
        return spec;
    }

    private static LabProblem tooLarge(String source, long bytes) {
        return new LabProblem(source, 1, 1, "the lab file is " + bytes + " bytes; the limit is " + LabLimits.MAX_FILE_BYTES + " bytes (1 MiB)",
                "a lab this large is not read; see docs/lab-format.md#limits");
    }

    static String baseName(String fileName) {
        for (String ext : List.of(".yaml", ".yml")) if (fileName.endsWith(ext)) return fileName.substring(0, fileName.length() - ext.length());
        return fileName;
    }

    /** Every section is read, and the whole checked, even after problems, so that one pass reports them all. */
    private static LabSpec readLab(String source, String defaultName, String text, ScriptLoader scripts, Path baseDir, Problems problems) {
        YNode root = YamlTree.parse(text, problems);
        if (root == null) {
            if (problems.isEmpty()) problems.add(1, 1, "the lab file is empty", "a lab needs at least 'nodes:'; see docs/lab-format.md");
            return null;
        }
        if (!(root instanceof YMap lab)) {
            problems.add(root, "a lab file must be a map of keys (name, nodes, links, ...)", "see docs/lab-format.md");
            return null;
        }
        ValueReader values = new ValueReader(problems);
        values.checkKeys(lab, LAB_KEYS, "the lab");

        String name = defaultName;
        YNode nameNode = lab.get("name");
        if (nameNode != null) {
            String n = values.text(nameNode, "a lab name");
            if (n != null && !LAB_NAME.matcher(n).matches())
                problems.add(nameNode, "lab name '" + n + "' is not usable as a directory name", "use letters, digits, '.', '_' and '-'");
            else if (n != null) name = n;
        }
        String description = "";
        if (lab.get("description") != null) {
            String d = values.scalar(lab.get("description"), "a one-line description");
            if (d != null) description = d.strip();
        }
        long seed = LabSpec.DEFAULT_SEED;
        if (lab.get("seed") != null) {
            Long v = values.integer(lab.get("seed"), "seed", Long.MIN_VALUE, Long.MAX_VALUE);
            if (v != null) seed = v;
        }

        TcpSectionReader tcp = new TcpSectionReader(values);
        NodesReader nodesReader = new NodesReader(values, tcp, new ServicesReader(values, baseDir), new TrustReader(values, baseDir));
        Map<String, NodeDraft> nodes = new LinkedHashMap<>();
        EndpointReader ends = new EndpointReader(values, nodes);
        LinksReader linksReader = new LinksReader(values, ends, nodes);

        LinkParams linkDefaults = LinkParams.DEFAULT;
        TcpSettings tcpDefaults = TcpSettings.DEFAULT;
        YMap defaults = values.optionalMap(lab.get("defaults"), "defaults");
        if (defaults != null) {
            values.checkKeys(defaults, DEFAULTS_KEYS, "defaults");
            YMap link = values.optionalMap(defaults.get("link"), "link defaults");
            LinkParams p = link == null ? null : linksReader.defaults(link);
            if (p != null) linkDefaults = p;
            tcpDefaults = tcp.read(defaults.get("tcp"), "tcp defaults", TcpSettings.DEFAULT);
        }

        YNode nodesNode = lab.get("nodes");
        if (nodesNode == null) problems.add(lab, "the lab has no 'nodes:'", "list the devices, e.g. nodes: { pc1: { kind: pc, ip: 10.0.0.1/24 } }");
        else nodes.putAll(nodesReader.read(nodesNode, tcpDefaults));
        Locations at = new Locations();
        List<NodeSpec> nodeSpecs = nodesReader.specs(at);

        List<LinkSpec> links = lab.get("links") == null ? List.of() : linksReader.read(lab.get("links"), linkDefaults, at);
        List<CaptureSpec> captures = lab.get("captures") == null ? List.of()
                : new CapturesReader(problems, ends, nodes).read(lab.get("captures"), links);
        ScriptSpec script = lab.get("script") == null ? null
                : new ScriptReader(values, source, text.split("\n", -1), scripts).read(lab.get("script"));
        LabSpec spec = new LabSpec(name, description, seed, nodeSpecs, links, captures, script, source);
        new LabValidator(problems, at).validate(spec);
        return problems.isEmpty() ? spec : null;
    }
}
