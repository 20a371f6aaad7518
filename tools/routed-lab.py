#!/usr/bin/env python3
"""Writes examples/scale/routed-100k.yaml's lab at another size (docs/performance.md, "Routed").

usage: tools/routed-lab.py D A P > lab.yaml   (D distribution routers x A access subnets x P PCs each)
20 20 250 is routed-100k.yaml apart from its header comment, name and description. The lab's script is
scale.groovy: copy it next to the file written.
"""
import sys


def lab(d_count, a_count, p_count):
    n = d_count * a_count * p_count
    out = [f"name: routed-{n}",
           f"description: {n} PCs in {d_count * a_count} subnets behind {d_count + 1} routers with DHCP relay "
           "take leases, resolve a name and fetch it over HTTPS",
           "seed: 1",
           "defaults:",
           "  link: { bandwidth: 1Gbps, delay: 10us }",
           "nodes:",
           "  dhcp1:",
           "    kind: server",
           "    ip: 10.255.0.10/24",
           "    gateway: 10.255.0.1",
           "    services:",
           "      dhcp:",
           "        dns: 10.255.0.53",
           "        domain: lab.test",
           "        lease: 1h",
           "        pools:"]
    for d in range(1, d_count + 1):
        for a in range(1, a_count + 1):
            out.append(f"          - {{ subnet: 10.{d}.{a}.0/24, range: 10.{d}.{a}.2-10.{d}.{a}.254, router: 10.{d}.{a}.1 }}")
    out += ["  dns1:",
            "    kind: server",
            "    ip: 10.255.0.53/24",
            "    gateway: 10.255.0.1",
            "    services:",
            "      dns: { zones: { lab.test: { www: 10.255.0.80 } } }",
            "  web1:",
            "    kind: server",
            "    ip: 10.255.0.80/24",
            "    gateway: 10.255.0.1",
            "    services:",
            "      web: { https: true, pages: { /: hello from web1 } }",
            "  srvsw: { kind: switch, ports: 4 }",
            "  core:",
            "    kind: router",
            "    interfaces:",
            "      eth0: { ip: 10.255.0.1/24 }"]
    out += [f"      eth{d}: {{ ip: 10.254.{d}.1/30 }}" for d in range(1, d_count + 1)]
    out.append("    routes:")
    out += [f"      - {{ to: 10.{d}.0.0/16, via: 10.254.{d}.2 }}" for d in range(1, d_count + 1)]
    for d in range(1, d_count + 1):
        out += [f"  d{d}:", "    kind: router", "    interfaces:", f"      eth0: {{ ip: 10.254.{d}.2/30 }}"]
        out += [f"      eth{a}: {{ ip: 10.{d}.{a}.1/24, dhcp-relay: {{ server: 10.255.0.10 }} }}" for a in range(1, a_count + 1)]
        out.append(f"    routes: [ {{ to: default, via: 10.254.{d}.1 }} ]")
    out += [f"  sw1..sw{d_count * a_count}: {{ kind: switch, ports: {p_count + 1} }}",
            f"  pc1..pc{n}: {{ kind: pc, ip: dhcp }}",
            "links:",
            "  - [dhcp1, srvsw]",
            "  - [dns1, srvsw]",
            "  - [web1, srvsw]",
            "  - [core:eth0, srvsw]"]
    out += [f"  - [core:eth{d}, d{d}:eth0]" for d in range(1, d_count + 1)]
    out += [f"  - [sw{(d - 1) * a_count + 1}..sw{d * a_count}, d{d}]            # p1 of each to d{d}:eth1..eth{a_count}"
            for d in range(1, d_count + 1)]
    out += [f"  - [pc1..pc{n}, sw1..sw{d_count * a_count}]    # pc1..pc{p_count} to sw1, ...",
            "script: scale.groovy"]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    d_count, a_count, p_count = (int(x) for x in sys.argv[1:])
    if not (1 <= d_count <= 253 and 1 <= a_count <= 253 and 1 <= p_count <= 253):
        sys.exit("each of D, A and P must be 1..253 (D and A are address octets, P PCs fill a /24)")
    sys.stdout.write(lab(d_count, a_count, p_count))
