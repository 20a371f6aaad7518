#!/usr/bin/env python3
"""Real Linux on tcp-bulk's path, for docs/conformance-tcp.md ("Lossy path"). Run as root:

    python3 tools/linux-lossy-path.py --runs 10 --cc cubic

Two network namespaces (wlA 198.18.0.1, wlB 198.18.0.2) joined through TUN devices by a relay that plays
two 100 Mbit/s links with a store-and-forward switch between them, each link delaying every packet and
losing 1 % of them in each direction (netem is not built into every kernel; this needs only TUN). wlA
sends 10 MB to a reader in wlB with the kernel's defaults (SACK, timestamps, autotuning) and the chosen
congestion control; goodput runs from connect() to the reader's FIN, as wirelab's tcpSend reports it.
The TCP metrics cache is flushed before each run so every connection starts fresh. Prints each run and
the median; removes the namespaces at the end.
"""
import argparse, ctypes, fcntl, heapq, os, random, select, signal, socket, statistics, struct, subprocess, sys, time

TUNSETIFF, IFF_TUN, IFF_NO_PI, CLONE_NEWNET = 0x400454ca, 0x0001, 0x1000, 0x40000000
RATE, QUEUE, BYTES = 100e6, 1000, 10_000_000


def ip(*args):
    subprocess.run(['ip', *args], check=True)


def setup():
    for ns, dev, addr in (('wlA', 'wlt0', '198.18.0.1/24'), ('wlB', 'wlt1', '198.18.0.2/24')):
        subprocess.run(['ip', 'netns', 'del', ns], stderr=subprocess.DEVNULL)
        ip('netns', 'add', ns)
        ip('-n', ns, 'link', 'set', 'lo', 'up')
        ip('-n', ns, 'tuntap', 'add', 'dev', dev, 'mode', 'tun')
        ip('-n', ns, 'addr', 'add', addr, 'dev', dev)
        ip('-n', ns, 'link', 'set', dev, 'up', 'mtu', '1500')


def teardown():
    for ns in ('wlA', 'wlB'):
        subprocess.run(['ip', 'netns', 'del', ns], stderr=subprocess.DEVNULL)


def enter(ns):
    libc = ctypes.CDLL(None, use_errno=True)
    fd = os.open(f'/run/netns/{ns}', os.O_RDONLY)
    if libc.setns(fd, CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), 'setns ' + ns)
    os.close(fd)


def tun(ns, name):
    enter(ns)
    t = os.open('/dev/net/tun', os.O_RDWR | os.O_NONBLOCK)
    fcntl.ioctl(t, TUNSETIFF, struct.pack('16sH', name.encode(), IFF_TUN | IFF_NO_PI))
    return t


def relay(delay, loss):
    """Each packet: link 1 (queue, serialization, delay, loss), the switch, link 2 (the same), then out."""
    a, b = tun('wlA', 'wlt0'), tun('wlB', 'wlt1')
    out = {a: b, b: a}
    free = {(a, 1): 0.0, (a, 2): 0.0, (b, 1): 0.0, (b, 2): 0.0}
    heap, n = [], 0
    while True:
        now = time.monotonic()
        r, _, _ = select.select([a, b], [], [], max(0.0, heap[0][0] - now) if heap else 1.0)
        now = time.monotonic()
        for fd in r:
            while True:
                try:
                    pkt = os.read(fd, 65536)
                except BlockingIOError:
                    break
                ser = (max(len(pkt) + 14, 60) + 24) * 8 / RATE     # Ethernet header, padding, preamble, FCS, gap
                if free[(fd, 1)] - now > QUEUE * ser:
                    continue                                      # drop-tail queue of 1000 frames
                done = max(now, free[(fd, 1)]) + ser
                free[(fd, 1)] = done
                if random.random() < loss:
                    continue
                done = max(done + delay, free[(fd, 2)]) + ser
                free[(fd, 2)] = done
                if random.random() < loss:
                    continue
                n += 1
                heapq.heappush(heap, (done + delay, n, out[fd], pkt))
        while heap and heap[0][0] <= time.monotonic():
            _, _, fd, pkt = heapq.heappop(heap)
            os.write(fd, pkt)


def sink():
    enter('wlB')
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(('198.18.0.2', 5001))
    s.listen()
    while True:
        c, _ = s.accept()
        while c.recv(1 << 20):
            pass
        c.close()


def send(cc):
    s = socket.socket()
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_CONGESTION, cc.encode())
    data = bytes(BYTES)
    t0 = time.monotonic()
    s.connect(('198.18.0.2', 5001))
    s.sendall(data)
    s.shutdown(socket.SHUT_WR)
    while s.recv(65536):
        pass
    elapsed = time.monotonic() - t0
    retrans = struct.unpack_from('I', s.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 256), 100)[0]   # tcpi_total_retrans
    s.close()
    return BYTES * 8 / elapsed / 1e6, retrans


def child(target, *args):
    pid = os.fork()
    if pid == 0:
        os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(40))   # the relay's timing matters most
        try:
            target(*args)
        finally:
            os._exit(0)
    return pid


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--runs', type=int, default=10)
    p.add_argument('--cc', default='cubic')
    p.add_argument('--loss', type=float, default=0.01, help='per link and direction')
    p.add_argument('--link-delay-us', type=float, default=1920,
                   help="per link; 2 ms less the relay's own ~80 us, so the data/ACK RTT is tcp-bulk's 8.3 ms")
    o = p.parse_args()
    setup()
    pids = []
    try:
        pids.append(child(relay, o.link_delay_us / 1e6, o.loss))
        pids.append(child(sink))
        time.sleep(1)
        enter('wlA')
        os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(30))
        results = []
        for i in range(o.runs):
            subprocess.run(['ip', 'tcp_metrics', 'flush', 'all'], stderr=subprocess.DEVNULL)
            mbps, retrans = send(o.cc)
            results.append(mbps)
            print(f'run {i + 1}: {mbps:.2f} Mbit/s, {retrans} retransmissions', flush=True)
            time.sleep(0.3)
        print(f'{o.cc}: median {statistics.median(results):.2f} Mbit/s over {o.runs} runs '
              f'(min {min(results):.2f}, max {max(results):.2f}); kernel {os.uname().release}')
    finally:
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        teardown()


if __name__ == '__main__':
    sys.exit(main())
