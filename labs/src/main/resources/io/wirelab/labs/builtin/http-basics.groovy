// 1. pc1 boots with DHCP: address, DNS server and domain come with the lease.
def lease = pc1.dhcp()
assert lease.ip().toString().startsWith('10.0.0.1')
assert lease.dnsServers()*.toString() == ['10.0.0.53']

// 2. Ping the web server by address, then by name (pc1 asks dns1 for www.wirelab.test).
assert pc1.ping('10.0.0.80', count: 2).received == 2
assert pc1.resolve('www.wirelab.test') == ['10.0.0.80']
assert pc1.ping('www.wirelab.test', count: 2).received == 2

// 3. HTTP and HTTPS, by address and by name: a new connection each, closed after the response.
def step = { String title, String url ->
    println "\n== ${title}"
    def r = pc1.http.get(url)
    assert r.status == 200 : "${url}: ${r}"
    assert r.body.contains('Welcome to www.wirelab.test')
    assert r.connect > 0.s : 'every step opens its own TCP connection'
    assert url.startsWith('https') ? r.tls > 0.s : r.tls == 0.s
    r
}
def httpIp = step('HTTP by IP', 'http://10.0.0.80/')
def httpsIp = step('HTTPS by IP', 'https://10.0.0.80/')
def httpName = step('HTTP by name', 'http://www.wirelab.test/')
def httpsName = step('HTTPS by name', 'https://www.wirelab.test/')
assert httpsIp.total > httpIp.total : 'the TLS handshake costs round trips'
assert httpsName.total > httpName.total

// 4. The whole page (index + 4 objects) like a browser: serial HTTPS pays TCP + TLS per object,
//    one pipelined keep-alive connection pays them once.
println '\n== Page load'
def serial = pc1.browser(policy: 'serial').load('https://www.wirelab.test/')
def pipelined = pc1.browser(policy: 'pipelined', depth: 10).load('https://www.wirelab.test/')
assert serial.ok && pipelined.ok
assert serial.objects == 5 && pipelined.objects == 5
assert serial.connections == 5 && pipelined.connections == 1
assert pipelined.total < serial.total
println "\npipelined keep-alive saved ${serial.total - pipelined.total} (${serial.total} -> ${pipelined.total})"

// 5. web1 closes the idle keep-alive connection after its 5 s timeout (FIN), then the lab ends.
lab.run(10.s)
assert web1.webServer.counter('http.conn.accepted') == 10
