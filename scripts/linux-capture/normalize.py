#!/usr/bin/env python3
"""Merge the client-side and server-side captures of one connection into a normalized trace.

usage: normalize.py CLIENT.pcap SERVER.pcap [-o OUT.trace.txt] [--name NAME] [--config TEXT]
                    [--client-ip 10.99.0.1] [--netns syn_c,syn_s]

One line per segment a side sent, in the order of their send times (the time the segment passed
the sender's interface, from the sender's own capture), paired with its arrival in the other
capture (LOST when it never arrived). This is the format of shared/fixtures/linux*/ *.trace.txt:
  t_ms arr_ms dir flags seq ack len win wbytes options [notes]
seq/ack relative to each side's ISN, TS=val/ecr relative to each side's first TSval ("-" when the
echo is 0), wbytes = win << the window scale the sender announced (only when both SYNs carried
WS; SYN windows are never scaled), SACK blocks relative to the ISN of the side whose data they
cover. Notes: [retransmission] (SYN, FIN or payload starting below the highest sequence number
that side had sent), [probe: seq = SND.NXT-1] (empty segment one below it: zero-window or
keepalive probe), [zero window] (win 0, RST excepted), [D-SACK] (first SACK block below the
cumulative ACK or inside the second block, RFC 2883).

Pairing: the wire never changes a segment, so a sent segment and its arrival have identical IP
id, length and TCP header; identical copies are matched in FIFO order, and where copies were lost
the pairing whose delays are closest to the typical one-way delay wins.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pcap  # noqa: E402

FLAGS = [(0x02, 'SYN'), (0x01, 'FIN'), (0x04, 'RST'), (0x08, 'PSH'), (0x10, 'ACK'), (0x20, 'URG'),
         (0x40, 'ECE'), (0x80, 'CWR'), (0x100, 'AE')]
OTHER = {'C->S': 'S->C', 'S->C': 'C->S'}
M32 = 1 << 32
BIG = 1e9

HEADER = """\
# {name} -- merged trace (client-side + server-side captures)
{config}# client C = {cip} (netns {cns}), server S = {sip} (netns {sns})
# t_ms: time at the sending side's interface, ms from the first packet of the scenario
# seq/ack relative to each side's ISN; TS=val/ecr relative to each side's first TSval ("-" = 0 in a SYN)
# win = raw header field; wbytes = win << announced window scale (SYN segments are never scaled)
# arr_ms: time the segment reached the receiver's interface (LOST = dropped by the emulated wire)
#    t_ms    arr_ms  dir   flags           seq    ack  len    win  wbytes  options
"""


def flagstr(f):
    return '|'.join(n for b, n in FLAGS if f & b) or 'none'


def pair(sent, recv):
    """[(sent, arrival or None)] for one direction; see the module docstring."""
    gs, gr = {}, {}
    for i, p in enumerate(sent):
        gs.setdefault(p['key'], []).append(i)
    for j, p in enumerate(recv):
        gr.setdefault(p['key'], []).append(j)
    delays = sorted(recv[gr[k][0]]['t'] - sent[v[0]]['t'] for k, v in gs.items()
                    if len(v) == 1 and len(gr.get(k, ())) == 1)
    typ = delays[len(delays) // 2] if delays else 0.0
    match = {}
    for k, si in gs.items():
        ri = gr.get(k, [])
        n, m = len(si), len(ri)
        if not m:
            continue
        if n == m:
            match.update(zip(si, ri))
            continue

        def cost(a, b):
            d = recv[ri[b]]['t'] - sent[si[a]]['t']
            return abs(d - typ) + (1e6 if d < -1e-6 else 0.0)
        f = [[0.0] * (m + 1) for _ in range(n + 1)]
        for b in range(1, m + 1):
            f[0][b] = b * BIG
        for a in range(1, n + 1):
            for b in range(1, m + 1):
                f[a][b] = min(f[a - 1][b], f[a][b - 1] + BIG, f[a - 1][b - 1] + cost(a - 1, b - 1))
        a, b = n, m
        while a > 0 and b > 0:
            if f[a][b] == f[a - 1][b - 1] + cost(a - 1, b - 1):
                match[si[a - 1]] = ri[b - 1]
                a, b = a - 1, b - 1
            elif f[a][b] == f[a - 1][b]:
                a -= 1
            else:
                b -= 1
    return [(p, recv[match[i]] if i in match else None) for i, p in enumerate(sent)]


def merge(cpk, spk, cip):
    """Rows (sent, arrival) of both directions, by send time."""
    def d(p):
        return 'C->S' if p['src'] == cip else 'S->C'
    rows = []
    for dr, sent, recv in (('C->S', cpk, spk), ('S->C', spk, cpk)):
        s = sorted((p for p in sent if d(p) == dr), key=lambda p: p['t'])
        r = sorted((p for p in recv if d(p) == dr), key=lambda p: p['t'])
        for p, a in pair(s, r):
            p['dir'] = dr
            rows.append((p, a))
    rows.sort(key=lambda x: x[0]['t'])
    return rows


def opt_ts(o):
    v = o[1]
    if len(v) != 8:
        return None
    return int.from_bytes(v[:4], 'big'), int.from_bytes(v[4:], 'big')


def lines(rows):
    """The normalized trace lines (without header) for merged rows."""
    if not rows:
        return []
    t0 = rows[0][0]['t']
    isn, ws, tsbase = {}, {}, {}
    for p, _ in rows:
        dr = p['dir']
        if p['flags'] & 0x02 and dr not in isn:
            isn[dr] = p['seq']
            for k, v in p['opts']:
                if k == 3 and v:
                    ws[dr] = v[0]
        for o in p['opts']:
            if o[0] == 8 and dr not in tsbase and opt_ts(o):
                tsbase[dr] = opt_ts(o)[0]
    if len(ws) < 2:
        ws = {}
    snd_max = {}
    out = []
    for p, a in rows:
        dr, od = p['dir'], OTHER[p['dir']]
        fl = p['flags']
        rel = (p['seq'] - isn[dr]) % M32 if dr in isn else None
        seq = str(rel) if rel is not None else 'raw:%d' % p['seq']
        if fl & 0x10:
            ack_rel = (p['ack'] - isn[od]) % M32 if od in isn else None
            ack = str(ack_rel) if ack_rel is not None else 'raw:%d' % p['ack']
        else:
            ack_rel, ack = None, '-'
        opts, sacks = [], []
        for o in p['opts']:
            k, v = o
            if k == 1:
                opts.append('NOP')
            elif k == 2 and len(v) == 2:
                opts.append('MSS=%d' % int.from_bytes(v, 'big'))
            elif k == 3 and len(v) == 1:
                opts.append('WS=%d' % v[0])
            elif k == 4:
                opts.append('SACK_PERM')
            elif k == 8 and opt_ts(o):
                val, ecr = opt_ts(o)
                sv = (val - tsbase[dr]) % M32
                if ecr == 0:
                    se = '-'
                elif od in tsbase:
                    se = str((ecr - tsbase[od]) % M32)
                else:
                    se = 'raw:%d' % ecr
                opts.append('TS=%d/%s' % (sv, se))
            elif k == 5 and len(v) % 8 == 0:
                base = isn.get(od, 0)
                for i in range(0, len(v), 8):
                    le = (int.from_bytes(v[i:i + 4], 'big') - base) % M32
                    re_ = (int.from_bytes(v[i + 4:i + 8], 'big') - base) % M32
                    sacks.append((le, re_))
                opts.append('SACK=' + ';'.join('%d-%d' % s for s in sacks))
            else:
                opts.append('OPT%d' % k)
        wb = p['win'] if fl & 0x02 else p['win'] << ws.get(dr, 0)
        notes = []
        if rel is not None:
            end = (rel + p['len'] + (1 if fl & 0x02 else 0) + (1 if fl & 0x01 else 0)) % M32
            hi = snd_max.get(dr)
            if hi is not None:
                if (p['len'] > 0 or fl & 0x03) and (rel - hi) % M32 > M32 // 2:
                    notes.append('retransmission')
                elif (p['len'] == 0 and not fl & 0x07 and (hi - rel) % M32 == 1):
                    notes.append('probe: seq = SND.NXT-1')
            if hi is None or (end - hi) % M32 < M32 // 2:
                snd_max[dr] = end
        if p['win'] == 0 and not fl & 0x04:
            notes.append('zero window')
        if sacks and ack_rel is not None:
            le, re_ = sacks[0]
            below = (ack_rel - re_) % M32 < M32 // 2
            inside = len(sacks) > 1 and (le - sacks[1][0]) % M32 < M32 // 2 and (sacks[1][1] - re_) % M32 < M32 // 2
            if below or inside:
                notes.append('D-SACK')
        arr = 'LOST' if a is None else '%.3f' % ((a['t'] - t0) * 1000.0)
        line = '%9.3f %9s  %-4s  %-12s %6s %6s %4d %6d %7d  %s' % (
            (p['t'] - t0) * 1000.0, arr, dr, flagstr(fl), seq, ack, p['len'], p['win'], wb,
            ','.join(opts) or '-')
        if notes:
            line += '   ' + ' '.join('[%s]' % n for n in notes)
        out.append(line)
    return out


def normalize(client_pcap, server_pcap, name, config='', cip='10.99.0.1', sip='10.99.0.2',
              netns=('syn_c', 'syn_s')):
    rows = merge(pcap.read(client_pcap), pcap.read(server_pcap), cip)
    head = HEADER.format(name=name, config=('# config: %s\n' % config) if config else '', cip=cip,
                         sip=sip, cns=netns[0], sns=netns[1])
    return head + ''.join(line + '\n' for line in lines(rows)), rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('client_pcap')
    ap.add_argument('server_pcap')
    ap.add_argument('-o', '--out')
    ap.add_argument('--name', default='trace')
    ap.add_argument('--config', default='')
    ap.add_argument('--client-ip', default='10.99.0.1')
    ap.add_argument('--server-ip', default='10.99.0.2')
    ap.add_argument('--netns', default='syn_c,syn_s')
    a = ap.parse_args()
    text, _ = normalize(a.client_pcap, a.server_pcap, a.name, a.config, a.client_ip, a.server_ip,
                        tuple(a.netns.split(',')))
    if a.out:
        with open(a.out, 'w') as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == '__main__':
    main()
