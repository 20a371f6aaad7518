// Write-write-read, three rounds per connection: the client sends a request in two small writes
// (headers, then a 6-byte body) and the server answers once it has both.
def request = 'POST /echo HTTP/1.1\r\nHost: srv\r\nContent-Length: 6\r\n\r\n'
def listeners = [linux: linux.tcpListen(80), textbook: textbook.tcpListen(80)]

def rounds = { client, server ->
    def c = client.tcpConnect(server.name, 80)
    def s = listeners[server.name].accept()
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
    println "${client.name.padRight(8)} -> profile ${server.name.padRight(8)} rounds: ${times.join(', ')}"
    times
}

def linuxNagle = rounds(nagle, linux)
def textbookNagle = rounds(nagle, textbook)
def linuxNoDelay = rounds(nodelay, linux)
def textbookNoDelay = rounds(nodelay, textbook)
// Round 1 against Linux is quick: a new connection ACKs at once (quick-ACK mode). After that the
// server is interactive (it answered within ato) and delays its ACK by ato, 40 ms; Nagle holds the body
// for that ACK. The textbook server has no quick-ACK mode and delays every ACK by its fixed 200 ms.
assert linuxNagle[0] < 10.ms
assert linuxNagle[1..2].every { it >= 40.ms && it < 60.ms }
assert textbookNagle.every { it >= 200.ms && it < 220.ms }
assert (linuxNoDelay + textbookNoDelay).every { it < 10.ms }
println "Nagle + delayed ACK stall per request: ${linuxNagle[1] - linuxNoDelay[1]} with profile linux (Linux's 40 ms delayed ACK, TCP_ATO_MIN), " +
        "${textbookNagle[1] - textbookNoDelay[1]} with profile textbook (the book's fixed 200 ms timer)"
