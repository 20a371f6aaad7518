// The lab's parameters: four 1 ms cables between a PC and a server, so one round trip is 8 ms.
def rtt = 8.ms
def near = { measured, rounds -> Math.abs(measured / (rtt * rounds) - 1) < 0.05 }

// 1. DHCP through the relay: each PC gets an address of its own subnet from dhcp1, two routers away.
def l1 = pc1.dhcp(), l2 = pc2.dhcp()
assert pc1.cidr.startsWith('10.2.0.') && pc2.cidr.startsWith('10.3.0.')
assert pc1.gateway == '10.2.0.1' && pc2.gateway == '10.3.0.1'
assert l1.dnsServers()*.toString() == ['10.1.0.53'] && l1.domainName() == 'lab.test'
assert r1.counter('dhcp_relay.tx.to_server') == 4 && r1.counter('dhcp_relay.tx.to_client') == 4

// 2. Ping across the router by address, device name and DNS name; then PC to PC.
for (target in ['10.1.0.80', 'web1', 'www']) {
    def p = pc1.ping(target, count: 3, interval: 200.ms)
    assert p.received == 3 && near(p.rttMin, 1)
}
assert pc1.ping('pc2', count: 2).received == 2

// 3. traceroute: r1 answers TTL 1 with time exceeded, web1 answers TTL 2 with port unreachable.
def t = pc1.traceroute('web1')
assert t.reached() && t.path()*.toString() == ['10.2.0.1', '10.1.0.80']

// 4. HTTP and HTTPS by name, across the router.
for (url in ['http://www.lab.test/', 'https://www.lab.test/']) {
    def r = pc2.http.get(url)
    assert r.status == 200 && r.body.contains('Two subnets')
}

// 5. What the router did.
println "\nr1 routes: ${r1.routes}"
println "r1 counters: ${r1.counters}"
assert r1.counter('forward.drop.ttl_exceeded') == 3 && r1.counter('icmp.tx.time_exceeded') == 3
