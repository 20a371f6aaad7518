#!/usr/bin/env python3
"""The Linux side of LinuxDifferentialTest: plain kernel sockets, stdlib only.

  linux_peer.py listen ADDR PORT ACTION [N]      accept one connection, then run ACTION
  linux_peer.py connect ADDR PORT ACTION [N]     connect, then run ACTION

Actions (N in bytes):
  sink         read to EOF, close; prints the count and whether the bytes follow the bulk pattern
  source N     send N pattern bytes, shut down output, read to EOF, close
  request N M  send N bytes, read exactly M bytes, close at once (a client that knows the length)
Prints one line 'ready' once listening, one result line at the end; exits non-zero on any error.
"""
import socket
import sys


def pattern(n):
    # devices' BulkPattern.at: (byte) (position * 31 + (position >>> 8))
    return bytes(((i * 31 + (i >> 8)) & 0xFF) for i in range(n))


def read_exactly(s, n):
    got = bytearray()
    while len(got) < n:
        chunk = s.recv(n - len(got))
        if not chunk:
            raise SystemExit("EOF after %d of %d bytes" % (len(got), n))
        got += chunk
    return bytes(got)


def run(s, action, args):
    if action == "sink":
        data = bytearray()
        while True:
            chunk = s.recv(1 << 16)
            if not chunk:
                break
            data += chunk
        s.close()
        print("sink bytes=%d pattern=%s" % (len(data), bytes(data) == pattern(len(data))), flush=True)
    elif action == "source":
        s.sendall(pattern(int(args[0])))
        s.shutdown(socket.SHUT_WR)
        while s.recv(1 << 16):
            pass
        s.close()
        print("source bytes=%d" % int(args[0]), flush=True)
    elif action == "request":
        s.sendall(b"q" * int(args[0]))
        reply = read_exactly(s, int(args[1]))
        local = s.getsockname()
        s.close()
        print("request local=%s:%d reply=%d" % (local[0], local[1], len(reply)), flush=True)
    else:
        raise SystemExit("unknown action " + action)


def main():
    mode, addr, port, action, args = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5:]
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        # the kernel default here may be bbr; the Linux reference captures use cubic, the upstream default
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_CONGESTION, b"cubic")
    except OSError:
        pass
    if mode == "listen":
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((addr, port))
        s.listen(1)
        print("ready", flush=True)
        conn, _ = s.accept()
        s.close()
        run(conn, action, args)
    elif mode == "connect":
        s.settimeout(30)
        s.connect((addr, port))
        run(s, action, args)
    else:
        raise SystemExit("unknown mode " + mode)


if __name__ == "__main__":
    main()
