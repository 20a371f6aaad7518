// The lab's parameters (web1's web: in the YAML).
def max = 3, timeout = 2.s
pc1.ping('web1', count: 1, quiet: true)

// 1. Raw requests: who keeps the connection open. read() returns null when the server has closed.
def ask = { String request ->
    def c = pc1.tcpConnect('web1', 80)
    c.send(request)
    def response = c.read()
    def start = lab.now
    def closed = c.read(timeout: 10.s) == null
    c.close()
    [head: response.readLines().first(), connection: response.readLines().find { it.startsWith('Connection:') || it.startsWith('Keep-Alive:') },
     keptFor: lab.now - start, closed: closed]
}
def http10 = ask('GET / HTTP/1.0\r\n\r\n')
def http10ka = ask('GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n')
def http11 = ask('GET / HTTP/1.1\r\nHost: web1\r\n\r\n')
[['HTTP/1.0', http10], ['HTTP/1.0 + Connection: Keep-Alive', http10ka], ['HTTP/1.1 (no Connection header)', http11]].each { name, r ->
    println "${name.padRight(34)} -> ${r.head}; ${r.connection ?: 'no Connection header'}; server closed after ${r.keptFor}"
}
assert http10.keptFor < 20.ms                                   // HTTP/1.0 without Keep-Alive: closed with the response
// Persistent ones stay open until the idle timeout, within 5 % (the FIN needs half an RTT more).
[http10ka, http11].each { assert Math.abs(it.keptFor / timeout - 1) < 0.05 }

// 2. keepalive-max: 7 requests back to back over a persistent client need ceil(7 / max) connections.
def requests = 7
def results = (1..requests).collect { pc1.http.get('http://web1/', policy: 'persistent', connections: 1, quiet: true) }
def connections = results.count { !it.reused }
println "${requests} requests on a persistent client: ${connections} connections (server max ${max}: ceil(${requests} / ${max}) = ${Math.ceil(requests / max) as int})"
assert connections == Math.ceil(requests / max)
assert web1.webServer.counter('http.conn.accepted') == 3 + connections

// 3. keepalive-timeout: a pause shorter than the timeout reuses the connection, a longer one does not.
lab.run(timeout * 2)
def first = pc1.http.get('http://web1/', policy: 'persistent', connections: 1, quiet: true)
lab.run(timeout / 2)
def soon = pc1.http.get('http://web1/', policy: 'persistent', connections: 1, quiet: true)
lab.run(timeout * 1.5)
def late = pc1.http.get('http://web1/', policy: 'persistent', connections: 1, quiet: true)
println "after ${timeout / 2} idle: ${soon.reused ? 'reused' : 'new connection'}; after ${timeout * 1.5} idle: ${late.reused ? 'reused' : 'new connection'}"
assert !first.reused && soon.reused && !late.reused
