// A browser of 1996: HTTP/1.0 with keep-alive, two requests on one persistent connection, 5 s timeout.
def old = [policy: 'persistent', connections: 1, http10: true, timeout: 5.s, quiet: true]
def twoRequests = { String label, Map options ->
    def a = pc1.http.get(options, 'http://web1/')
    def b = pc1.http.get(options, 'http://web1/style.css')
    println "${label.padRight(42)} page: ${a.outcome} ${a.header('Connection') ?: ''}; style: ${b.outcome} on " +
            "${b.reused ? 'the same' : 'a new'} connection after ${b.total}${b.ok ? '' : ' (' + b.detail + ')'}"
    [a, b]
}

// 1. The hang: the dumb proxy forwards Connection: keep-alive, web1 agrees, the second request waits.
def (hangPage, hang) = twoRequests('dumb proxy, Connection: keep-alive', old + [proxy: 'dumb1:3128'])
assert hangPage.ok && hangPage.header('Connection') == 'keep-alive' && hangPage.header('Via') == null
assert web1.webServer.log()[0].keptAlive                         // web1 kept its connection open for the proxy
assert hang.outcome == 'TIMEOUT' && hang.reused
assert Math.abs(hang.total.toSeconds() - 5.0) <= 0.05 * 5.0      // the client's timeout, not web1's 30 s
assert dumb1.proxy.counter('proxy.dumb.ignored_bytes') > 0       // the style request reached the proxy and died there

// 2. Proxy-Connection: web1 never sees a keep-alive it understands, closes, the proxy closes, nothing hangs.
def (pcPage, pcLogo) = twoRequests('dumb proxy, Proxy-Connection: keep-alive', old + [proxy: 'dumb1:3128', proxyConnection: true])
assert pcPage.ok && pcPage.header('Connection') == 'close'
assert pcLogo.ok && !pcLogo.reused && pcLogo.total < 100.ms

// 3. A smart proxy: hop-by-hop fields stay on their hop, both sides persist, Via shows the proxy.
def (smartPage, smartLogo) = twoRequests('smart proxy, Connection: keep-alive', old + [proxy: 'smart1:3128'])
assert smartPage.ok && smartPage.header('Via') == '1.1 smart1' && smartPage.header('Keep-Alive') == null
assert smartLogo.ok && smartLogo.reused && smartLogo.total < 100.ms
assert web1.webServer.log().findAll { it.headers().get('Via') == '1.0 smart1' }.size() == 2
assert smart1.proxy.counter('proxy.header.hop_by_hop_removed') >= 2 && smart1.proxy.counter('proxy.origin.conn_opened') == 1

// HTTPS through either proxy is a CONNECT tunnel: the proxy relays TLS it cannot read.
def tls = pc1.http.get('https://10.0.0.80/', proxy: 'smart1:3128')
assert tls.ok && tls.header('Via') == null && smart1.proxy.counter('proxy.tunnel.opened') == 1
println "hang ${hang.total} (client timeout 5 s); Proxy-Connection ${pcLogo.total}; smart proxy ${smartLogo.total}"
