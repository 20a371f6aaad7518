// Every PC takes a DHCP lease, resolves www and fetches https://www.lab.test/ once (docs/performance.md, "Scale").
def pcs = lab.devices.values().findAll { it.kind == 'pc' }
while (pcs.any { it.dhcpClient.lease() == null } && lab.now < 60.s) lab.run(1.s)
int leased = pcs.count { it.dhcpClient.lease() != null }
println "${lab.now}: ${leased} of ${pcs.size()} PCs hold a lease; dhcp1 has ${dhcp1.leases.bound.size()} bound"
int resolved = 0, ok = 0
pcs.each { pc ->
    if (pc.resolve('www') == [web1.ip.toString()]) resolved++
    def r = pc.http.get('https://www.lab.test/', quiet: true)
    if (r.status == 200 && r.body == 'hello from web1') ok++
}
println "${lab.now}: ${resolved} of ${pcs.size()} PCs resolved www, ${ok} got 200 OK over HTTPS"
assert leased == pcs.size() && resolved == pcs.size() && ok == pcs.size()
