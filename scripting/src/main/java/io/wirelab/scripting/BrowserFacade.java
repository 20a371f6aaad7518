package io.wirelab.scripting;

import io.wirelab.devices.web.client.Browser;
import io.wirelab.devices.web.client.ConnectionPolicy;
import io.wirelab.devices.web.client.HttpClient;
import io.wirelab.devices.web.client.PageLoad;
import java.util.Map;

/**
 * {@code pc1.browser(policy: 'pipelined', connections: 2, depth: 10)}: a fresh browser (empty
 * connection pool) whose {@code load(url)} fetches a page and every img/script/link it embeds,
 * prints a table of the requests and returns a {@link PageLoadResult}. Options as for
 * {@code pc1.http}; the default policy is 'persistent' with 2 connections per host.
 */
public final class BrowserFacade {
    private final HostFacade host;
    private final HttpFacade.Settings settings;
    private final Browser browser;

    BrowserFacade(HostFacade host, Map<String, ?> options) {
        this.host = host;
        this.settings = HttpFacade.Settings.of(host, "browser", options, ConnectionPolicy.persistent());
        HttpClient client = host.web().client(settings.config(), host.names());
        this.browser = new Browser(host.host().simulator(), client);
    }

    public String getPolicy() { return PageLoadResult.describe(settings.policy); }

    public PageLoadResult load(String url) {
        PageLoad p = host.lab().await(browser.load(url), settings.budget() * 4);
        p.exchanges().forEach(x -> host.lab().httpLog().add(host.getName(), x));
        PageLoadResult r = new PageLoadResult(p, settings.policy);
        host.lab().recorder().loaded(host.getName(), r);
        if (!settings.quiet) {
            host.lab().out().println(host.getName() + "$ browser (" + getPolicy() + ") " + url);
            host.lab().out().print(r.table());
            host.lab().out().flush();
        }
        return r;
    }

    @Override public String toString() { return "browser on " + host.getName() + " (" + getPolicy() + ")"; }
}
