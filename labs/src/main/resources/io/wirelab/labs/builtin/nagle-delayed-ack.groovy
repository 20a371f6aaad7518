// Write-write-read, three rounds per connection: the client sends a request in two small writes
// (headers, then a 6-byte body) and the server answers once it has both.
def listener = srv.tcpListen(80)
def request = 'POST /echo HTTP/1.1\r\nHost: srv\r\nContent-Length: 6\r\n\r\n'

def rounds = { client ->
    def c = client.tcpConnect('srv', 80)
    def s = listener.accept()
    def times = (1..3).collect {
        def start = lab.now
        c.send(request)                   // small segment: leaves at once
        c.send('hello!')                  // with Nagle: held until the first segment is ACKed
        def got = ''
        while (!got.endsWith('hello!')) got += s.read()
        s.send('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n')
        c.read()
        lab.now - start
    }
    c.close(); s.close()
    println "${client.name.padRight(8)} rounds: ${times.join(', ')}"
    times
}

def withNagle = rounds(nagle)
def withoutNagle = rounds(nodelay)
// Round 1 is quick: a new connection ACKs at once (quick-ACK mode, as Linux). After that the server
// is interactive (it answered within ato) and delays its ACK by ato, 40 ms (Linux TCP_ATO_MIN), because
// it has nothing to send until the body arrives; Nagle holds the body for that ACK.
assert withNagle[0] < 10.ms
assert withNagle[1] >= 40.ms && withNagle[1] < 60.ms && withNagle[2] >= 40.ms && withNagle[2] < 60.ms
assert withoutNagle.every { it < 10.ms }
println "Nagle + delayed ACK stall: ${withNagle[1] - withoutNagle[1]} per request"
