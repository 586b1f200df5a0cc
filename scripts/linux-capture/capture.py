#!/usr/bin/env python3
"""Capture real Linux TCP behaviour for one preset (or all): two namespaces, the wire, tcpdump, ss.

usage: capture.py PRESET|all [--out DIR] [--runs 2] [--keep-tmp] [--golden DIR]

Per preset and run: fresh namespaces syn_c (client 10.99.0.1) and syn_s (server 10.99.0.2), each
with a TUN device syn0 (MTU 1500) that the wire (wire.py, SCHED_FIFO 50) joins with a 50 ms one-way
delay; tcpdump -s 200 -B 8192 on both devices; sock_diag sampling every ~10 ms (sampler.py, SCHED_FIFO
20); the server then the client program (apps.py, SCHED_FIFO 40). Writes into DIR (default
tests/fixtures/linux-data/local): run 1 -> PRESET.{trace.txt,client.pcap,server.pcap,app.log,
states.txt,wire.log}; run 2 -> PRESET.run2.trace.txt (its other files under DIR/run2/ only with
--keep-run2). Then compares run 2 against run 1 (and against the shared golden, when one exists)
with shared/tools/linux-compare.py and appends the verdicts to DIR/compare.log.
Needs root, iproute2, tcpdump, chrt (util-linux), python3 >= 3.9.
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import normalize  # noqa: E402
import presets  # noqa: E402
import states  # noqa: E402

REPO = os.path.abspath(os.path.join(HERE, '..', '..'))
NS = ('syn_c', 'syn_s')
DEV = 'syn0'
ADDR = {'syn_c': '10.99.0.1', 'syn_s': '10.99.0.2'}
SYSCTLS = ['net.ipv4.tcp_congestion_control', 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem', 'net.core.rmem_max',
           'net.core.wmem_max', 'net.ipv4.tcp_timestamps', 'net.ipv4.tcp_sack', 'net.ipv4.tcp_dsack',
           'net.ipv4.tcp_window_scaling', 'net.ipv4.tcp_recovery', 'net.ipv4.tcp_early_retrans',
           'net.ipv4.tcp_frto', 'net.ipv4.tcp_reordering', 'net.ipv4.tcp_slow_start_after_idle',
           'net.ipv4.tcp_autocorking', 'net.ipv4.tcp_ecn', 'net.ipv4.tcp_moderate_rcvbuf',
           'net.ipv4.tcp_syn_retries', 'net.ipv4.tcp_retries2', 'net.ipv4.tcp_rto_min_us',
           'net.ipv4.tcp_no_metrics_save', 'net.ipv4.tcp_thin_linear_timeouts', 'net.ipv4.tcp_tso_win_divisor',
           'net.ipv4.tcp_pacing_ss_ratio', 'net.ipv4.tcp_pacing_ca_ratio', 'net.core.default_qdisc',
           'net.ipv4.tcp_limit_output_bytes', 'net.ipv4.tcp_notsent_lowat', 'net.ipv4.tcp_keepalive_time']


def sh(*cmd, check=True):
    return subprocess.run(list(cmd), check=check, capture_output=True, text=True)


def wait_line(proc, word, stream='stdout', timeout=10.0):
    f = getattr(proc, stream)
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        line = f.readline()
        if word in line:
            return
        if not line and proc.poll() is not None:
            break
    raise RuntimeError('%s did not say %r' % (proc.args, word))


def netns_down():
    for n in NS:
        sh('ip', 'netns', 'del', n, check=False)


def netns_up():
    netns_down()
    for n in NS:
        sh('ip', 'netns', 'add', n)
        sh('ip', 'netns', 'exec', n, 'sysctl', '-qw', 'net.ipv6.conf.all.disable_ipv6=1',
           'net.ipv6.conf.default.disable_ipv6=1')
        sh('ip', '-n', n, 'link', 'set', 'lo', 'up')


def sysctls():
    out = sh('ip', 'netns', 'exec', NS[0], 'sysctl', *SYSCTLS, check=False).stdout
    return out.strip().splitlines()


def one_run(name, cfg, tmp, tail=1.5):
    """Capture one run of a preset into tmp/; returns the first packet's wall clock."""
    os.makedirs(tmp, exist_ok=True)
    netns_up()
    procs = []
    try:
        wire_args = ['chrt', '-f', '50', sys.executable, os.path.join(HERE, 'wire.py'), '--log',
                     os.path.join(tmp, 'wire.log'), '--ns', ','.join(NS), '--dev', DEV]
        if cfg['drop_data']:
            wire_args += ['--drop-data', cfg['drop_data'], '--drop-retx', str(cfg['drop_retx'])]
        if cfg['blackhole']:
            wire_args.append('--blackhole')
        if cfg.get('loss_pct'):
            wire_args += ['--loss-pct', str(cfg['loss_pct']), '--loss-seed', str(cfg.get('loss_seed', 1))]
        wire = subprocess.Popen(wire_args, stdout=subprocess.PIPE, text=True)
        procs.append(wire)
        wait_line(wire, 'ready')
        for n in NS:
            sh('ip', '-n', n, 'addr', 'add', ADDR[n] + '/24', 'dev', DEV)
            sh('ip', '-n', n, 'link', 'set', DEV, 'mtu', '1500', 'up')
        dumps = []
        for n, side in zip(NS, ('client', 'server')):
            p = subprocess.Popen(['ip', 'netns', 'exec', n, 'tcpdump', '-i', DEV, '-n', '-s', '200', '-B', '8192',
                                  '-U', '-w', os.path.join(tmp, side + '.pcap'), 'tcp'],
                                 stderr=subprocess.PIPE, text=True)
            procs.append(p)
            dumps.append(p)
            wait_line(p, 'listening on', 'stderr')
        sampler = subprocess.Popen(['chrt', '-f', '20', sys.executable, os.path.join(HERE, 'sampler.py'),
                                    os.path.join(tmp, 'samples.jsonl'), '--ns', ','.join(NS)],
                                   stdout=subprocess.PIPE, text=True)
        procs.append(sampler)
        wait_line(sampler, 'ready')
        time.sleep(0.3)
        cj = json.dumps(cfg)
        server = subprocess.Popen(['ip', 'netns', 'exec', NS[1], 'chrt', '-f', '40', sys.executable,
                                   os.path.join(HERE, 'apps.py'), 'server', cj, os.path.join(tmp, 'server.log')],
                                  stdout=subprocess.PIPE, text=True)
        procs.append(server)
        wait_line(server, 'listening')
        time.sleep(0.05)
        client = subprocess.Popen(['ip', 'netns', 'exec', NS[0], 'chrt', '-f', '40', sys.executable,
                                   os.path.join(HERE, 'apps.py'), 'client', cj, os.path.join(tmp, 'client.log')])
        procs.append(client)
        for p in (client, server):
            p.wait(timeout=60)
        time.sleep(tail)
        for p in [sampler] + dumps + [wire]:
            p.send_signal(signal.SIGINT if p in dumps else signal.SIGTERM)
        for p in [sampler] + dumps + [wire]:
            p.wait(timeout=20)
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
        netns_down()


def app_lines(tmp):
    lines = []
    for side in ('server', 'client'):
        p = os.path.join(tmp, side + '.log')
        if os.path.exists(p):
            lines += [x.rstrip('\n') for x in open(p) if x.strip()]
    lines.sort(key=lambda x: float(x.split(' ', 1)[0]))
    return lines


def finish(name, cfg, tmp, out, run):
    """Normalize a run's captures; run 1 also gets its pcaps, app log, states and wire log."""
    config = '%s %r' % (name, dict(delay=50, **cfg))
    text, rows = normalize.normalize(os.path.join(tmp, 'client.pcap'), os.path.join(tmp, 'server.pcap'),
                                     name if run == 1 else name + ' (run 2)', config, netns=NS)
    base = os.path.join(out, name)
    trace = base + ('.trace.txt' if run == 1 else '.run2.trace.txt')
    with open(trace, 'w') as f:
        f.write(text)
    if run != 1:
        return trace
    t0 = rows[0][0]['t'] if rows else 0.0
    apps = app_lines(tmp)
    with open(base + '.app.log', 'w') as f:
        f.write('# wallclock role event   (C = client ns 10.99.0.1, S = server ns 10.99.0.2)\n')
        f.write(''.join(x + '\n' for x in apps))
    wire = [x.rstrip('\n') for x in open(os.path.join(tmp, 'wire.log'))]
    states.write(base + '.states.txt', name, t0, os.path.join(tmp, 'samples.jsonl'), apps, wire)
    shutil.copy(os.path.join(tmp, 'client.pcap'), base + '.client.pcap')
    shutil.copy(os.path.join(tmp, 'server.pcap'), base + '.server.pcap')
    with open(base + '.wire.log', 'w') as f:
        f.write(''.join(x + '\n' for x in wire))
    return trace


def compare(golden, other, args):
    tool = os.path.join(args.shared, 'tools', 'linux-compare.py')
    r = subprocess.run([sys.executable, tool, golden, '--sim-trace', other, '--ignore-psh', '--check-window',
                        '--check-sack', '--tol-ms', '3', '--tol-gap-pct', '15'], capture_output=True, text=True)
    out = r.stdout.strip().splitlines()
    return out[-1] if out else r.stderr.strip(), r.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('preset', nargs='+', help='preset name(s) or "all"')
    ap.add_argument('--out', default=os.path.join(REPO, 'tests', 'fixtures', 'linux-data', 'local'))
    ap.add_argument('--runs', type=int, default=2)
    ap.add_argument('--only-run', type=int, help='capture just this run number (1 or 2)')
    ap.add_argument('--tmp', default='/tmp/synack-capture')
    ap.add_argument('--renormalize', action='store_true',
                    help='capture nothing: rewrite the output files from the raw files a previous capture left in --tmp')
    ap.add_argument('--set', action='append', default=[], metavar='KEY=VALUE',
                    help='override a preset setting for this capture (VALUE read as JSON, else as text), '
                    'e.g. --set close_delay=0 (for experiments; do not write such runs into the fixtures)')
    ap.add_argument('--shared', default=os.path.abspath(os.path.join(REPO, '..', '..', 'shared')))
    a = ap.parse_args()
    if a.set and a.tmp == ap.get_default('tmp'):
        a.tmp += '-experiment'  # never mix an experiment's raw files with a preset's
    if not os.path.isdir(a.shared):
        a.shared = '/work/shared'
    names = list(presets.PRESETS) if a.preset == ['all'] else a.preset
    for n in names:
        if n not in presets.PRESETS:
            sys.exit('unknown preset %s (known: %s)' % (n, ', '.join(presets.PRESETS)))
    os.makedirs(a.out, exist_ok=True)
    if not a.renormalize:
        with open(os.path.join(a.out, 'sysctls.txt'), 'w') as f:
            netns_up()
            f.write('# uname -r: %s\n' % os.uname().release)
            f.write('# sysctls inside a fresh namespace, as every capture ran with them\n')
            f.write('\n'.join(sysctls()) + '\n')
            netns_down()
    runs = [a.only_run] if a.only_run else list(range(1, a.runs + 1))
    for n in names:
        cfg = dict(presets.PRESETS[n])
        for kv in a.set:
            k, v = kv.split('=', 1)
            try:
                cfg[k] = json.loads(v)
            except ValueError:
                cfg[k] = v
        for run in runs:
            tmp = os.path.join(a.tmp, '%s.run%d' % (n, run))
            t = time.time()
            if a.renormalize:
                if not os.path.exists(os.path.join(tmp, 'config.json')):
                    sys.exit('nothing to renormalize in %s' % tmp)
                with open(os.path.join(tmp, 'config.json')) as f:
                    rcfg = json.load(f)
            else:
                shutil.rmtree(tmp, ignore_errors=True)
                os.makedirs(tmp)
                with open(os.path.join(tmp, 'config.json'), 'w') as f:
                    json.dump(cfg, f)
                one_run(n, cfg, tmp, tail=3.0 if cfg['app'] == 'keepalive' else 1.5)
                rcfg = cfg
            trace = finish(n, rcfg, tmp, a.out, run)
            segs = sum(1 for x in open(trace) if not x.startswith('#'))
            print('%s run %d: %d segments (%.1f s) -> %s' % (n, run, segs, time.time() - t, trace), flush=True)
        log = []
        base = os.path.join(a.out, n)
        if os.path.exists(base + '.trace.txt') and os.path.exists(base + '.run2.trace.txt'):
            v, full = compare(base + '.trace.txt', base + '.run2.trace.txt', a)
            log.append('%s run1 vs run2: %s' % (n, v))
            if not v.startswith('match') or v.split()[1].split('/')[0] != v.split()[1].split('/')[1]:
                log.append(full)
        g = presets.GOLDEN.get(n)
        if g:
            gp = os.path.join(a.shared, 'fixtures', 'linux-data', g + '.trace.txt')
            for which in ('.trace.txt', '.run2.trace.txt'):
                if os.path.exists(base + which):
                    v, full = compare(gp, base + which, a)
                    log.append('%s golden %s vs local%s: %s' % (n, g, which.replace('.trace.txt', '') or ' run1', v))
                    if not v.startswith('match') or v.split()[1].split('/')[0] != v.split()[1].split('/')[1]:
                        log.append(full)
        for x in log:
            print(x, flush=True)
        if a.renormalize:
            continue
        with open(os.path.join(a.out, 'compare.log'), 'a') as f:
            f.write('# %s %s\n' % (time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()), n))
            f.write(''.join(x.rstrip('\n') + '\n' for x in log))


if __name__ == '__main__':
    main()
