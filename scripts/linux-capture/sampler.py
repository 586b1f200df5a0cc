#!/usr/bin/env python3
"""Sample every TCP socket of two namespaces every ~10 ms through sock_diag (what `ss -tanoi` reads).

usage: sampler.py OUT.jsonl [--ns syn_c,syn_s] [--interval-ms 10]

One netlink socket per namespace (created inside it); each sample dumps all TCP sockets with
INET_DIAG_INFO (struct tcp_info) and INET_DIAG_CONG, and writes one JSON line per namespace:
{"t": wallclock, "side": "C"|"S", "socks": [...]}, each socket with the fields ss -i prints
(state, timer, rto, rtt, cwnd, ssthresh, retrans, unacked, snd_wnd, ...) plus ca_state, which
ss does not print. Samples are kept in memory and written on SIGTERM/SIGINT.
"""
import json
import os
import signal
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import netns  # noqa: E402

NETLINK_SOCK_DIAG = 4
SOCK_DIAG_BY_FAMILY = 20
NLM_F_REQUEST, NLM_F_DUMP = 0x1, 0x300
NLMSG_DONE, NLMSG_ERROR = 3, 2
INET_DIAG_INFO, INET_DIAG_CONG = 2, 4
STATES = {1: 'ESTAB', 2: 'SYN-SENT', 3: 'SYN-RECV', 4: 'FIN-WAIT-1', 5: 'FIN-WAIT-2', 6: 'TIME-WAIT',
          7: 'UNCONN', 8: 'CLOSE-WAIT', 9: 'LAST-ACK', 10: 'LISTEN', 11: 'CLOSING', 12: 'SYN-RECV'}
TIMERS = {0: 'off', 1: 'on', 2: 'keepalive', 3: 'timewait', 4: 'persist'}
CA = {0: 'Open', 1: 'Disorder', 2: 'CWR', 3: 'Recovery', 4: 'Loss'}
# struct tcp_info (include/uapi/linux/tcp.h): name -> (offset, struct format)
TI = dict(ca_state=(1, 'B'), retransmits=(2, 'B'), probes=(3, 'B'), backoff=(4, 'B'),
          rto=(8, 'I'), ato=(12, 'I'), snd_mss=(16, 'I'), unacked=(24, 'I'), sacked=(28, 'I'),
          lost=(32, 'I'), retrans=(36, 'I'), rcv_ssthresh=(64, 'I'), rtt=(68, 'I'), rttvar=(72, 'I'),
          ssthresh=(76, 'I'), cwnd=(80, 'I'), reordering=(88, 'I'), total_retrans=(100, 'I'),
          bytes_acked=(120, 'Q'), bytes_received=(128, 'Q'), segs_out=(136, 'I'), segs_in=(140, 'I'),
          notsent=(144, 'I'), min_rtt=(148, 'I'), delivered=(192, 'I'), bytes_retrans=(208, 'Q'),
          dsack_dups=(216, 'I'), reord_seen=(220, 'I'), snd_wnd=(228, 'I'), rcv_wnd=(232, 'I'),
          total_rto=(240, 'H'), total_rto_recoveries=(242, 'H'))


def request():
    sockid = b'\0' * 48
    body = struct.pack('=BBBBI', socket.AF_INET, socket.IPPROTO_TCP,
                       (1 << (INET_DIAG_INFO - 1)) | (1 << (INET_DIAG_CONG - 1)), 0, 0xffffffff) + sockid
    return struct.pack('=IHHII', 16 + len(body), SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST | NLM_F_DUMP, 1, 0) + body


def parse(msg):
    fam, state, timer, retrans = struct.unpack('=BBBB', msg[:4])
    sport, dport = struct.unpack('!HH', msg[4:8])
    src, dst = socket.inet_ntoa(msg[8:12]), socket.inet_ntoa(msg[24:28])
    expires, rq, wq = struct.unpack('=III', msg[52:64])
    d = dict(local='%s:%d' % (src, sport), peer='%s:%d' % (dst, dport) if dport else '*',
             state=STATES.get(state, str(state)), timer=TIMERS.get(timer, str(timer)),
             expires=expires, timer_retrans=retrans, recvq=rq, sendq=wq)
    pos = 72
    while pos + 4 <= len(msg):
        alen, atype = struct.unpack('=HH', msg[pos:pos + 4])
        if alen < 4:
            break
        val = msg[pos + 4:pos + alen]
        if atype == INET_DIAG_INFO and len(val) >= 104:
            for k, (off, fmt) in TI.items():
                if off + struct.calcsize(fmt) <= len(val):
                    d[k] = struct.unpack_from('=' + fmt, val, off)[0]
            d['ca_state'] = CA.get(d['ca_state'], d['ca_state'])
        elif atype == INET_DIAG_CONG:
            d['cc'] = val.rstrip(b'\0').decode()
        pos += (alen + 3) & ~3
    return d


def dump(sk):
    sk.send(request())
    out = []
    while True:
        data = sk.recv(65536)
        pos = 0
        while pos + 16 <= len(data):
            mlen, mtype = struct.unpack('=IH', data[pos:pos + 6])
            if mtype == NLMSG_DONE or mtype == NLMSG_ERROR:
                return out
            out.append(parse(data[pos + 16:pos + mlen]))
            pos += (mlen + 3) & ~3
        if not data:
            return out


def main():
    path = sys.argv[1]
    args = sys.argv[2:]
    ns = args[args.index('--ns') + 1].split(',') if '--ns' in args else ['syn_c', 'syn_s']
    interval = float(args[args.index('--interval-ms') + 1]) / 1000 if '--interval-ms' in args else 0.010
    socks = []
    for side, name in zip('CS', ns):
        with netns.inside(name):
            socks.append((side, socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_SOCK_DIAG)))
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    samples = []
    print('ready', flush=True)
    nxt = time.monotonic()
    while not stop:
        for side, sk in socks:
            samples.append(dict(t=time.time(), side=side, socks=dump(sk)))
        nxt += interval
        wait = nxt - time.monotonic()
        if wait > 0:
            try:
                time.sleep(wait)
            except InterruptedError:
                pass
        else:
            nxt = time.monotonic()
    with open(path, 'w') as f:
        for s in samples:
            f.write(json.dumps(s, separators=(',', ':')) + '\n')


if __name__ == '__main__':
    main()
