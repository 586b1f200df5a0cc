#!/usr/bin/env python3
"""The emulated wire: two TUN devices (one per network namespace), a fixed one-way delay, drops by rule.

usage: wire.py --log WIRE.log [--delay-ms 50] [--drop-data 20,21] [--drop-retx K] [--blackhole]
               [--loss-pct P --loss-seed S] [--ns syn_c,syn_s] [--dev syn0]

Opens IFF_TUN|IFF_NO_PI devices (no virtio-net header, so no offloads: the kernel hands the wire
single MTU-sized segments) in the client and the server namespace, prints `ready` when both
exist, and forwards every IPv4 packet to the other side exactly delay-ms after it read it
(a heap keyed by due time and arrival order on the monotonic clock, so it never reorders or
duplicates). Drop rules, all about the client's segments (C->S) unless said:
  --drop-data N,...  drop the client's n-th segment that carries TCP payload (counting every such
                     segment, retransmissions included, from 1);
  --drop-retx K      also drop the first K later client payload segments that overlap a segment
                     dropped by --drop-data (its retransmissions, however Linux cut them);
  --blackhole        once the client's handshake ACK (first non-SYN segment) has passed, drop
                     everything in both directions.
  --loss-pct P       random loss: every TCP segment after the handshake's SYNs, in both
                     directions, is dropped with probability P % (Python's random.Random seeded
                     with --loss-seed, so a run's drop pattern is reproducible; scripts/
                     linux-capture/loss_ratio.py uses it for issue 12's 2 % target).
Each drop is logged as `WALLCLOCK DROP DIR FLAGS (rule) seq=RAW len=N`. Ends on SIGTERM/SIGINT,
logging a summary (packets, drops, worst lateness of a delivery against its due time).
Run it SCHED_FIFO (chrt -f) for sub-millisecond timing.
"""
import argparse
import fcntl
import heapq
import os
import random
import select
import signal
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import netns  # noqa: E402

TUNSETIFF = 0x400454ca
IFF_TUN, IFF_NO_PI = 0x0001, 0x1000
FLAGS = [(0x02, 'SYN'), (0x01, 'FIN'), (0x04, 'RST'), (0x08, 'PSH'), (0x10, 'ACK'), (0x20, 'URG'),
         (0x40, 'ECE'), (0x80, 'CWR')]
M32 = 1 << 32


def open_tun(ns, dev):
    with netns.inside(ns):
        fd = os.open('/dev/net/tun', os.O_RDWR | os.O_NONBLOCK)
        fcntl.ioctl(fd, TUNSETIFF, struct.pack('16sH22x', dev.encode(), IFF_TUN | IFF_NO_PI))
    return fd


def tcp_fields(pkt):
    """(flags, seq, payload length) of an IPv4 TCP packet, else None."""
    if len(pkt) < 20 or pkt[0] >> 4 != 4 or pkt[9] != 6:
        return None
    ihl = (pkt[0] & 15) * 4
    total = struct.unpack('!H', pkt[2:4])[0]
    if len(pkt) < ihl + 20:
        return None
    seq = struct.unpack('!I', pkt[ihl + 4:ihl + 8])[0]
    thl = (pkt[ihl + 12] >> 4) * 4
    flags = pkt[ihl + 13]
    return flags, seq, total - ihl - thl


def flagstr(f):
    return '|'.join(n for b, n in FLAGS if f & b) or 'none'


class Rules:
    def __init__(self, drop_data, drop_retx, blackhole, loss_pct=0.0, loss_seed=1):
        self.loss = loss_pct / 100.0
        self.rng = random.Random(loss_seed)
        self.drop_data = set(drop_data)
        self.drop_retx = drop_retx
        self.blackhole = blackhole
        self.dark = False
        self.nth = 0
        self.dropped = []  # [seq, len, retransmissions still to drop]

    def verdict(self, direction, pkt):
        """None to forward, else the rule's name."""
        f = tcp_fields(pkt)
        if self.dark:
            return 'blackhole'
        if f is None:
            return None
        flags, seq, plen = f
        if self.loss > 0 and not flags & 0x02 and self.rng.random() < self.loss:
            return 'random loss %g %%' % (self.loss * 100)
        if direction != 'C->S':
            return None
        if self.blackhole and not flags & 0x02 and flags & 0x10:
            self.dark = True  # this handshake ACK still passes; everything after it is dropped
            return None
        if plen <= 0:
            return None
        self.nth += 1
        for d in self.dropped:
            if d[2] > 0 and ((seq - d[0]) % M32 < d[1] or (d[0] - seq) % M32 < plen):
                d[2] -= 1
                return 'retransmission of data_nth #%d' % d[3]
        if self.nth in self.drop_data:
            self.dropped.append([seq, plen, self.drop_retx, self.nth])
            return 'data_nth #%d' % self.nth
        return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--log', required=True)
    ap.add_argument('--delay-ms', type=float, default=50.0)
    ap.add_argument('--drop-data', default='')
    ap.add_argument('--drop-retx', type=int, default=0)
    ap.add_argument('--blackhole', action='store_true')
    ap.add_argument('--loss-pct', type=float, default=0.0)
    ap.add_argument('--loss-seed', type=int, default=1)
    ap.add_argument('--ns', default='syn_c,syn_s')
    ap.add_argument('--dev', default='syn0')
    a = ap.parse_args()
    cns, sns = a.ns.split(',')
    fc, fs = open_tun(cns, a.dev), open_tun(sns, a.dev)
    rules = Rules([int(x) for x in a.drop_data.split(',') if x], a.drop_retx, a.blackhole, a.loss_pct, a.loss_seed)
    delay = a.delay_ms / 1000.0
    log = []
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    print('ready', flush=True)
    heap, n, late_max, fwd = [], 0, 0.0, 0
    route = {fc: (fs, 'C->S'), fs: (fc, 'S->C')}
    while not stop:
        now = time.monotonic()
        while heap and heap[0][0] <= now:
            due, _, dst, pkt = heapq.heappop(heap)
            try:
                os.write(dst, pkt)
            except OSError as e:
                log.append('%.6f WRITE-ERROR %s' % (time.time(), e))
            late_max = max(late_max, time.monotonic() - due)
            fwd += 1
            now = time.monotonic()
        timeout = max(0.0, heap[0][0] - now) if heap else 0.5
        try:
            r, _, _ = select.select([fc, fs], [], [], timeout)
        except InterruptedError:
            continue
        for fd in r:
            dst, direction = route[fd]
            while True:
                try:
                    pkt = os.read(fd, 65536)
                except BlockingIOError:
                    break
                t = time.monotonic()
                if not pkt or pkt[0] >> 4 != 4:
                    continue  # IPv4 only
                why = rules.verdict(direction, pkt)
                if why:
                    f = tcp_fields(pkt)
                    log.append('%.6f DROP %s %s (%s) seq=%s len=%s' % (
                        time.time(), direction, flagstr(f[0]) if f else 'non-TCP', why,
                        f[1] if f else '-', f[2] if f else len(pkt)))
                    continue
                n += 1
                heapq.heappush(heap, (t + delay, n, dst, pkt))
    log.append('%.6f END forwarded=%d dropped=%d late_max_ms=%.3f' % (
        time.time(), fwd, sum(1 for x in log if ' DROP ' in x), late_max * 1000))
    with open(a.log, 'w') as f:
        f.write(''.join(x + '\n' for x in log))


if __name__ == '__main__':
    main()
