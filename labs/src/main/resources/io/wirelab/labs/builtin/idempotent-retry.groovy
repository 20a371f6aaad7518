// The lab's parameters: web1 closes a connection idle for 2 s; the FIN takes the one-way delay, 50 ms.
def timeout = 2.s, oneWay = 50.ms
def persistent = [policy: 'persistent', connections: 1]
pc1.ping('web1', count: 1, quiet: true)

// 1. GET on a connection the server is closing: no response on it, so the client sends it again.
def warm = pc1.http.get(persistent, 'http://web1/')
lab.run(timeout - 10.ms)                                        // the server's FIN is on its way
def get = pc1.http.get(persistent, 'http://web1/')
println "GET crossing the close: ${get.status} ${get.outcome} after ${get.attempts} attempts (${get.detail ?: 'no detail'})"
assert get.ok && get.status == 200 && get.attempts == 2 && !get.reused

// 2. The same with POST: not retried, the client reports the failure (RFC 9110 §9.2.2).
lab.run(timeout - 10.ms)
def post = pc1.http.post(persistent, 'http://web1/', 'order=1')
println "POST crossing the close: ${post.outcome} after ${post.attempts} attempt (${post.detail})"
assert !post.ok && post.attempts == 1 && post.detail.contains('POST is not retried')

// 3. A GET sent once the FIN has arrived goes on a new connection at once: no retry needed.
lab.run(timeout + oneWay * 2)
def late = pc1.http.get(persistent, 'http://web1/')
assert late.ok && late.attempts == 1 && !late.reused
println "GET after the FIN arrived: ${late.status} on a new connection, ${late.attempts} attempt"
