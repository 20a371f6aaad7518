package io.wirelab.labs.build;

import io.wirelab.devices.host.Host;
import io.wirelab.devices.stream.TcpTransport;
import io.wirelab.devices.tls.LabCa;
import io.wirelab.devices.tls.TlsServerEndpoint;
import io.wirelab.devices.tls.TlsVersions;
import io.wirelab.devices.web.CloseMode;
import io.wirelab.devices.web.HttpServer;
import io.wirelab.devices.web.HttpServerConfig;
import io.wirelab.devices.web.Resource;
import io.wirelab.devices.web.Site;
import io.wirelab.labs.model.DnsZoneSpec;
import io.wirelab.labs.model.InterfaceSpec;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.model.NodeSpec;
import io.wirelab.labs.model.WebServerSpec;
import io.wirelab.labs.run.WebService;
import io.wirelab.wire.ipv4.Ipv4Address;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Starts a lab's {@code services: web:} on a host: one site (its names: the configured ones, then
 * every name the lab's DNS zones give the host's static addresses, then those addresses) with the
 * lab's pages and directory, HTTP on its port and, with {@code https}, TLS 1.3/1.2 with a
 * certificate from the lab CA whose SANs are those names and addresses.
 */
public final class WebServers {
    private WebServers() {}

    static WebService start(LabContext lab, NodeSpec node, Host host, WebServerSpec spec) {
        HttpServerConfig config = HttpServerConfig.defaults().withEpoch(lab.tls().epochSeconds());
        if (spec.keepAliveTimeoutNanos() > 0) config = config.withIdleTimeout(spec.keepAliveTimeoutNanos());
        if (spec.keepAliveMax() > 0) config = config.withMaxRequests(spec.keepAliveMax());
        if (spec.abruptClose()) config = config.withCloseMode(CloseMode.ABRUPT);

        List<Ipv4Address> addresses = new ArrayList<>();
        for (InterfaceSpec i : node.interfaces()) if (i.address() != null) addresses.add(i.address().address());
        List<String> dnsNames = names(lab.spec(), spec, addresses);
        List<String> virtualNames = spec.sites().stream().map(WebServerSpec.VirtualSite::name).toList();
        List<String> siteNames = new ArrayList<>(dnsNames);
        siteNames.removeAll(virtualNames);                     // a virtual host's name picks its own site
        for (Ipv4Address a : addresses) siteNames.add(a.toString());
        if (siteNames.isEmpty()) siteNames.add(node.name());
        for (String v : virtualNames) if (!dnsNames.contains(v)) dnsNames.add(v);

        Site site = site(node, new Site(siteNames.toArray(String[]::new)), spec.pages(), spec.directory(), siteNames.getFirst())
                .fault(spec.fault());
        HttpServer server = new HttpServer(host.simulator(), config).addSite(site);
        TcpTransport transport = new TcpTransport(host.stack().tcp(), StandardServices.httpTcp(node));
        for (WebServerSpec.VirtualSite v : spec.sites())
            server.addSite(site(node, new Site(v.name()), v.pages(), v.directory(), v.name()).fault(v.fault()));
        server.listen(transport, spec.port());
        TlsServerEndpoint tls = null;
        LabCa.ServerIdentity identity = null;
        if (spec.https()) {
            if (dnsNames.isEmpty() && addresses.isEmpty())
                throw new LabBuildException(node.name() + ": an HTTPS server needs a static address or names: for its certificate");
            identity = lab.tls().ca().issue(dnsNames, addresses);
            tls = new TlsServerEndpoint(host.simulator(), "tls/server/" + node.name(), identity, TlsVersions.TLS13_AND_12,
                    lab.tls().keyLog());
            server.listen(transport, spec.httpsPort(), tls::accept);
        }
        return new WebService(server, tls, identity);
    }

    /** Fills a site with its pages and directory; a site without content gets a small index page. */
    private static Site site(NodeSpec node, Site site, List<WebServerSpec.Page> pages, java.nio.file.Path directory, String title) {
        for (WebServerSpec.Page p : pages) {
            String path = p.path().endsWith("/") ? p.path() + "index.html" : p.path();        // how the server maps "/"
            if (p.body() != null) site.put(path, p.body());
            else site.put(path, new Resource(Resource.typeFor(path), generated(path, p.sizeBytes()), false));
            if (p.fault() != null) site.fault(path, p.fault());
        }
        if (directory != null) {
            try {
                site.putDirectory(directory);
            } catch (UncheckedIOException e) {
                throw new LabBuildException(node.name() + ": cannot read the web directory " + directory + ": " + e.getCause().getMessage(), e);
            }
        }
        if (site.content().isEmpty())
            site.put("/index.html", "<!DOCTYPE html>\n<html><head><title>" + title + "</title></head>\n<body><h1>"
                    + node.name() + "</h1></body></html>\n");
        return site;
    }

    /** The configured names, then the names of A records in the lab's zones that point at one of addresses; lower case, no repeats. */
    static List<String> names(LabSpec lab, WebServerSpec spec, List<Ipv4Address> addresses) {
        List<String> names = new ArrayList<>();
        for (String n : spec.names()) add(names, n);
        if (lab == null) return names;
        for (NodeSpec n : lab.nodes()) {
            if (n.services().dns() == null) continue;
            for (DnsZoneSpec z : n.services().dns().zones())
                for (DnsZoneSpec.ARecord r : z.records()) if (addresses.contains(r.address())) add(names, r.fqdn(z.name()));
        }
        return names;
    }

    private static void add(List<String> names, String n) {
        String lower = n.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".")) lower = lower.substring(0, lower.length() - 1);
        if (!names.contains(lower)) names.add(lower);
    }

    /** size bytes of printable filler: "/big.bin 0000000000\n" lines, so a capture shows where in the object a segment is. */
    static byte[] generated(String path, long size) {
        if (size > Integer.MAX_VALUE - 8) throw new LabBuildException("page " + path + " is too large: " + size + " bytes");
        byte[] out = new byte[(int) size];
        int at = 0;
        long line = 0;
        while (at < out.length) {
            byte[] l = String.format(Locale.ROOT, "%s %010d\n", path, line++).getBytes(StandardCharsets.US_ASCII);
            int n = Math.min(l.length, out.length - at);
            System.arraycopy(l, 0, out, at, n);
            at += n;
        }
        return out;
    }
}
