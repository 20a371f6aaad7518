def r = pc1.ping('10.0.0.2', count: 4)
println r
assert r.received == 4
