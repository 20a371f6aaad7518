// ping prints its replies and summary like ping(8); the result is also a value to check.
def r = pc1.ping('10.0.0.2', count: 4)
assert r.received == 4
assert r.rttMin == 4.039040.ms   // 4 hops x (1 ms delay + 9.76 us to clock out a 98-byte frame)
