// A tiny object over a new connection at each round-trip time: connect is the handshake.
pc1.ping('web1', count: 1, quiet: true)                          // ARP first, so no fetch pays for it
def rows = []
for (rtt in [1.ms, 20.ms, 100.ms, 400.ms]) {
    lab.link('pc1:eth0').set(delay: rtt / 2)
    def http = pc1.http.get('http://10.0.0.80/tiny.txt', quiet: true)
    def https = pc1.http.get('https://10.0.0.80/tiny.txt', quiet: true)
    assert http.status == 200 && https.status == 200
    def tcpShare = http.connect / http.total                       // theory: 1 RTT of 2
    def setupShare = (https.connect + https.tls) / https.total     // theory: 2 RTTs of 3 (TLS 1.3)
    rows << [rtt: rtt, http: http.total, tcp: tcpShare, https: https.total, setup: setupShare]
    lab.run(10.s)                                                  // the connections close meanwhile
}
def pct = { x -> String.format('%5.1f %%', x * 100) }
println 'RTT        HTTP total   handshake share (theory 50.0 %)   HTTPS total   TCP+TLS setup share (theory 66.7 %)'
rows.each { r ->
    println "${r.rtt.toString().padRight(10)} ${r.http.toString().padRight(12)} ${pct(r.tcp).padRight(33)} ${r.https.toString().padRight(13)} ${pct(r.setup)}"
}
// Within 5 % of the formula: the microseconds of serialization and processing are small next to a round trip.
rows.each { r ->
    assert Math.abs(r.tcp / 0.5 - 1) < 0.05 : "handshake share ${pct(r.tcp)} at RTT ${r.rtt}"
    assert Math.abs(r.setup / (2 / 3) - 1) < 0.05 : "setup share ${pct(r.setup)} at RTT ${r.rtt}"
}
def longest = rows.last()
assert longest.setup > 0.5                                        // more than half the transaction is setup
println "at RTT ${longest.rtt}: the handshake is ${pct(longest.tcp).trim()} of a tiny HTTP fetch, TCP + TLS setup ${pct(longest.setup).trim()} of an HTTPS one"
