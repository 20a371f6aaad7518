def l = srv.tcpListen(80)

// 1. Half close: pc1 uploads, shuts down its output (FIN) and still gets the whole answer.
def c = pc1.tcpConnect('srv', 80)
def s = l.accept()
def upload = 'u' * 20_000, answer = 'a' * 100_000
c.send(upload)
c.shutdownOutput()                                  // FIN: "I am done sending", not "I am done"
def got = new StringBuilder()
for (String t = s.read(); t != null; t = s.read()) got << t   // srv reads until pc1's FIN
s.send(answer)
s.close()
def received = c.readAll()
c.close()
println "half close: srv read ${got.size()} of ${upload.size()} bytes, then pc1 read all ${received.size()} of ${answer.size()} bytes of the answer"
assert got.size() == upload.size() && received.size() == answer.size() && c.closeReason == 'closed normally'

// 2. Reset: srv closes while pc1's second request is unread; pc1 has not read srv's second answer yet.
c = pc1.tcpConnect('srv', 80)
s = l.accept()
c.send('request 1\n')
assert s.read() == 'request 1\n'
s.send('response 1\n')
assert c.read() == 'response 1\n'
c.send('request 2\n')                               // srv will never read this
def second = 'z' * 50_000
s.send(second)
lab.run(200.ms)                                     // all of it reaches pc1's TCP and is ACKed ...
def arrived = c.info.bytesReceived - 'response 1\n'.size()
assert arrived == second.size()                     // ... but pc1's application has not read it
s.close()                                           // unread 'request 2' at srv: RST, not FIN
lab.run(100.ms)
assert c.closeReason == 'connection reset by peer'
def readAfterReset = 0
try {
    readAfterReset = c.read().size()
} catch (IllegalStateException e) {
    println "pc1 read(): ${e.message}"
}
def lost = arrived - readAfterReset
println "reset: ${arrived} bytes had reached pc1's TCP, its application then read ${readAfterReset}: ${lost} bytes lost"
assert lost == second.size()
