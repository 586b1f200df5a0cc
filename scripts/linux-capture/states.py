"""Write SID.states.txt: sampled TCP states and tcp_info, program calls and wire drops on one time line."""
import json
import statistics

HEADER = """\
# {name} -- TCP states sampled through sock_diag (the netlink dump `ss -tanoi` reads) inside each namespace
# (every ~10 ms), plus program events (app) and emulated-wire drops (W). t_ms from the first packet of the scenario.
# A state shorter than the sampling interval can be missed; "gone" = socket no longer listed.
# An ss line is written when a socket's state, timer kind or count, ca state, cwnd, ssthresh, retransmit count or backoff changes.
# timer:(kind,remaining_ms,retransmits/probes); rto/rtt in ms from tcp_info; ca = icsk_ca_state (Open, Disorder, CWR,
# Recovery, Loss: not printed by ss); cwnd in segments; ssthresh shown once set (< 65535, as ss does);
# retrans:now/total; lost, sacked in segments; snd_wnd in bytes; recvq/sendq bytes.
#
"""


def details(s):
    out = []
    if s['timer'] != 'off':
        out.append('timer:(%s,%dms,%d)' % (s['timer'], s['expires'], s['timer_retrans']))
    if 'cwnd' in s and s['state'] != 'LISTEN':
        out.append('rto:%d' % (s['rto'] // 1000))
        if s.get('rtt'):
            out.append('rtt:%.3f/%.3f' % (s['rtt'] / 1000, s['rttvar'] / 1000))
        if s.get('backoff'):
            out.append('backoff:%d' % s['backoff'])
        out.append('ca:%s' % s['ca_state'])
        out.append('cwnd:%d' % s['cwnd'])
        if s['ssthresh'] < 0xffff:
            out.append('ssthresh:%d' % s['ssthresh'])
        if s.get('unacked'):
            out.append('unacked:%d' % s['unacked'])
        if s.get('total_retrans') or s.get('retrans'):
            out.append('retrans:%d/%d' % (s['retrans'], s['total_retrans']))
        if s.get('lost'):
            out.append('lost:%d' % s['lost'])
        if s.get('sacked'):
            out.append('sacked:%d' % s['sacked'])
        if s.get('snd_wnd') is not None:
            out.append('snd_wnd:%d' % s['snd_wnd'])
    out.append('recvq=%d sendq=%d' % (s['recvq'], s['sendq']))
    return ' '.join(out)


def signature(s):
    return (s['state'], s['timer'], s['timer_retrans'], s.get('ca_state'), s.get('cwnd'), s.get('ssthresh'), s.get('total_retrans'),
            s.get('backoff'))


def write(path, name, t0, samples_path, app_lines, wire_lines):
    samples = [json.loads(x) for x in open(samples_path)]
    events = []  # (t_ms, side, src, text)
    for line in app_lines:
        f = line.split(' ', 2)
        events.append(((float(f[0]) - t0) * 1000, f[1], 'app', f[2]))
    for line in wire_lines:
        f = line.split(' ', 1)
        if ' DROP ' in line:
            events.append(((float(f[0]) - t0) * 1000, 'W', 'wire', f[1]))
    last = {}   # (side, local, peer) -> signature
    hist = {}   # key -> list of (t_ms, sock)
    times = {'C': [], 'S': []}
    for smp in samples:
        t = (smp['t'] - t0) * 1000
        side = smp['side']
        times[side].append(t)
        seen = set()
        for s in smp['socks']:
            key = (side, s['local'], s['peer'])
            seen.add(key)
            hist.setdefault(key, []).append((t, s))
            sig = signature(s)
            if last.get(key) != sig:
                events.append((t, side, 'ss', '%-21s %-21s %-11s %s' % (s['local'], s['peer'], s['state'], details(s))))
                last[key] = sig
        for key in [k for k in last if k[0] == side and k not in seen and last[k] is not None]:
            events.append((t, side, 'ss', '%-21s %-21s %s' % (key[1], key[2], 'gone')))
            last[key] = None
            hist[key].append((t, None))
    summary = ['# summary (state@t_ms per socket, from the samples):']
    for key in sorted(hist, key=lambda k: (k[0], hist[k][0][0])):
        side, local, peer = key
        states, prev = [], None
        for t, s in hist[key]:
            st = s['state'] if s else 'gone'
            if st != prev:
                states.append('%s@%d' % (st, round(t)))
                prev = st
        summary.append('#   %s %s -> %s : %s' % (side, local, peer, '  '.join(states)))
        infos = [s for _, s in hist[key] if s and 'cwnd' in s and s['state'] != 'LISTEN']
        wnds = [s['snd_wnd'] for s in infos if s['state'] not in ('SYN-SENT', 'SYN-RECV')]
        if infos:
            ss_vals, cas = [], []
            for t, s in hist[key]:
                if not s or 'cwnd' not in s:
                    continue
                if s['ssthresh'] < 0xffff and (not ss_vals or ss_vals[-1][1] != s['ssthresh']):
                    ss_vals.append((t, s['ssthresh']))
                if not cas or cas[-1][1] != s['ca_state']:
                    cas.append((t, s['ca_state']))
            summary.append('#   %s   tcp_info: cc=%s cwnd max=%d last=%d ssthresh=%s retrans total=%d '
                           'snd_wnd min=%d max=%d' % (
                               side, infos[-1].get('cc', '?'), max(s['cwnd'] for s in infos), infos[-1]['cwnd'],
                               ','.join('%d@%d' % (v, round(t)) for t, v in ss_vals) or 'never set',
                               max(s['total_retrans'] for s in infos), min(wnds or [0]), max(wnds or [0])))
            summary.append('#   %s   ca states: %s' % (side, '  '.join('%s@%d' % (c, round(t)) for t, c in cas)))
    for side in 'CS':
        ts = times[side]
        if len(ts) > 1:
            gaps = [b - a for a, b in zip(ts, ts[1:])]
            summary.append('#   %s sampling: %d samples, %.1f..%.1f ms from first packet, interval median %.1f ms, '
                           'max %.1f ms' % (side, len(ts), ts[0], ts[-1], statistics.median(gaps), max(gaps)))
    events.sort(key=lambda e: e[0])
    with open(path, 'w') as f:
        f.write(HEADER.format(name=name))
        f.write('\n'.join(summary) + '\n#\n#      t_ms  side src  details\n')
        for t, side, src, text in events:
            f.write('%11.3f  %s  %-4s %s\n' % (t, side, src, text))
