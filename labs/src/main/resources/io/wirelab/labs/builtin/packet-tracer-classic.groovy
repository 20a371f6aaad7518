// The lab's parameters: two 1 ms cables between pc1 and any server, so one round trip is 4 ms.
def rtt = 4.ms
def near = { measured, rounds -> Math.abs(measured / (rtt * rounds) - 1) < 0.05 }

// 1. DHCP: DISCOVER, OFFER, REQUEST, ACK; the lease brings the DNS server and the search domain.
def lease = pc1.dhcp()
assert lease.dnsServers()*.toString() == ['192.168.1.53'] && lease.domainName() == 'lab.test'

// 2. Ping by address, by device name and by DNS name (www -> www.lab.test).
for (target in ['192.168.1.80', 'web1', 'www']) {
    def p = pc1.ping(target, count: 3, interval: 200.ms)
    assert p.received == 3 && near(p.rttMin, 1)                // one round trip, within 5 %
}

// 3. HTTP and HTTPS by address and by name, each on a new connection.
println 'URL                           TOTAL          ROUND TRIPS  THEORY'
def fetch = { String url, int theory ->
    pc1.resolver.flushCache()                                  // every fetch by name asks DNS again
    def r = pc1.http.get(url, quiet: true)
    assert r.status == 200 && r.body.contains('Packet Tracer classic')
    println "${url.padRight(28)}  ${r.total.toString().padRight(13)}  ${String.format('%11.2f', r.total / rtt)}  ${theory}"
    assert near(r.total, theory) : "${url}: ${r.total}"
    r
}
fetch('http://192.168.1.80/', 2)                               // handshake + request
fetch('http://www/', 3)                                        // + DNS query
fetch('http://web1/', 2)                                       // a device name needs no DNS
fetch('https://192.168.1.80/', 3)                              // handshake + TLS 1.3 + request
fetch('https://www.lab.test/', 4)                              // + DNS query
