package io.wirelab.console;

import io.wirelab.devices.Device;
import io.wirelab.labs.model.LinkSpec;
import io.wirelab.labs.run.Lab;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.scripting.DeviceFacade;
import io.wirelab.scripting.HostFacade;
import io.wirelab.scripting.InterfaceInfo;
import io.wirelab.scripting.LabFacade;
import io.wirelab.scripting.RouterFacade;
import io.wirelab.scripting.VirtualDuration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The console's tables of the lab: :devices, :links, :net (Mininet's net), :ip DEVICE (addresses and routes). */
final class LabViews {
    private LabViews() {}

    static String devices(Lab lab, LabFacade facade) {
        List<List<String>> rows = new ArrayList<>();
        for (DeviceFacade d : facade.getDevices().values()) {
            Device dev = lab.devices().get(d.getName());
            String addr = d instanceof HostFacade h && h.getCidr() != null ? h.getCidr() : "-";
            String mac = d instanceof HostFacade h && h.getMac() != null ? h.getMac() : "-";
            rows.add(List.of(d.getName(), d.getKind(), addr, mac, String.join(" ", dev.ports().stream().map(LabViews::shortName).toList())));
        }
        return Tables.table(List.of("NAME", "KIND", "ADDRESS", "MAC", "PORTS"), rows);
    }

    private static String shortName(Port p) {
        String n = p.name();
        int c = n.indexOf(':');
        return (c < 0 ? n : n.substring(c + 1)) + (p.isConnected() ? "" : "(-)");
    }

    static String links(Lab lab) {
        List<List<String>> rows = new ArrayList<>();
        List<LinkSpec> specs = lab.spec().links();
        for (int i = 0; i < lab.links().size(); i++) {
            Link l = lab.links().get(i);
            LinkParams p = l.params(l.a());
            String bw = p.bandwidthBitsPerSecond() == 0 ? "unlimited" : rate(p.bandwidthBitsPerSecond());
            rows.add(List.of(Integer.toString(i + 1), i < specs.size() ? specs.get(i).a().toString() : l.a().name(),
                    i < specs.size() ? specs.get(i).b().toString() : l.b().name(), l.isUp() ? "up" : "down", bw,
                    VirtualDuration.ofNanos(p.delayNanos()).toString(), percent(p.loss())));
        }
        return Tables.table(List.of("#", "A", "B", "STATE", "BANDWIDTH", "DELAY", "LOSS"), rows);
    }

    /** Like Mininet's net: each device and what each of its ports is wired to. */
    static String net(Lab lab) {
        StringBuilder sb = new StringBuilder();
        for (Device d : lab.devices().values()) {
            sb.append(d.name());
            for (Port p : d.ports()) {
                sb.append(' ').append(shortName(p).replace("(-)", ""));
                if (p.isConnected()) sb.append(':').append(p.link().peerOf(p).name());
                if (p.isConnected() && !p.link().isUp()) sb.append("(down)");
            }
            sb.append('\n');
        }
        return sb.toString().stripTrailing();
    }

    /** Like ip addr plus ip route for one host or router. */
    static String ip(LabFacade facade, String device) {
        DeviceFacade d = facade.device(device);
        List<InterfaceInfo> ifaces;
        List<String> routes = new ArrayList<>();
        String gateway = null;
        if (d instanceof HostFacade h) {
            ifaces = h.getInterfaces();
            h.getRoutes().forEach(routes::add);
            gateway = h.getGateway();
        } else if (d instanceof RouterFacade r) {
            ifaces = r.getInterfaces();
            routes.addAll(r.getRoutes());
        } else {
            throw new IllegalArgumentException(device + " is a " + d.getKind() + ": it has no IP addresses (:ip takes a host or a router)");
        }
        List<List<String>> rows = new ArrayList<>();
        for (InterfaceInfo i : ifaces) rows.add(List.of(i.name(), i.cidr() == null ? "-" : i.cidr(), i.mac(), Integer.toString(i.mtu())));
        String table = Tables.table(List.of("IFACE", "ADDRESS", "MAC", "MTU"), rows);
        boolean routesHaveDefault = routes.stream().anyMatch(r -> r.startsWith("default"));
        if (gateway != null && !routesHaveDefault) routes.add("default via " + gateway);
        return table + "\nroutes:\n" + (routes.isEmpty() ? "  (none)" : "  " + String.join("\n  ", routes));
    }

    static String rate(long bps) {
        if (bps % 1_000_000_000L == 0) return bps / 1_000_000_000L + " Gbit/s";
        if (bps % 1_000_000L == 0) return bps / 1_000_000L + " Mbit/s";
        if (bps % 1_000L == 0) return bps / 1_000L + " kbit/s";
        return bps + " bit/s";
    }

    static String percent(double share) {
        double pct = share * 100;
        return (pct == Math.rint(pct) ? Long.toString((long) pct) : String.format(Locale.ROOT, "%.2f", pct)) + "%";
    }
}
