#!/usr/bin/env python3
"""How much longer real Linux takes to move bulk-transfer's 1.5 MiB with random loss.

usage: sudo python3 scripts/linux-capture/loss_ratio.py [--loss-pct 2] [--seeds 1-10] [--out DIR]

Runs the `bulk-transfer` capture preset (presets.py) once loss-free and once per seed with
`--loss-pct` random loss in both directions (wire.py), each in fresh namespaces, and prints
each run's completion time (client's connect() to the server's EOF, from the programs' own
clocks) and the median's ratio to the loss-free run: the number issue 12's "2 % loss within
2x" target is held against (crates/sim/tests/loss_recovery.rs says what the engine gives).
"""
import argparse
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def completion(app_log):
    start = end = None
    for line in open(app_log):
        if line.startswith('#'):
            continue
        t, role, event = line.split(' ', 2)
        if role == 'C' and event.startswith('connect() called'):
            start = float(t)
        if role == 'S' and event.startswith('recv EOF after 1572864 bytes'):
            end = float(t)
    if start is None or end is None:
        return None
    return end - start


def run(out, sets):
    cmd = [sys.executable, os.path.join(HERE, 'capture.py'), 'bulk-transfer', '--runs', '1', '--out', out]
    for s in sets:
        cmd += ['--set', s]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return completion(os.path.join(out, 'bulk-transfer.app.log'))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--loss-pct', type=float, default=2.0)
    ap.add_argument('--seeds', default='1-10')
    ap.add_argument('--out', default='/tmp/synack-loss-ratio')
    a = ap.parse_args()
    lo, _, hi = a.seeds.partition('-')
    seeds = range(int(lo), int(hi or lo) + 1)
    base = run(os.path.join(a.out, 'clean'), [])
    print('loss-free: %.3f s' % base, flush=True)
    times = []
    for seed in seeds:
        t = run(os.path.join(a.out, 'seed%d' % seed), ['loss_pct=%g' % a.loss_pct, 'loss_seed=%d' % seed])
        print('seed %d: %s' % (seed, 'incomplete' if t is None else '%.3f s' % t), flush=True)
        if t is not None:
            times.append(t)
    med = statistics.median(times)
    print('%g %% loss both ways, %d runs: median %.3f s (min %.3f, max %.3f), ratio %.2f' % (
        a.loss_pct, len(times), med, min(times), max(times), med / base))


if __name__ == '__main__':
    main()
