#!/usr/bin/env python3
"""Check the normalizer against captures whose traces are known.

usage: selftest.py [SHARED_DIR]

For every X.trace.txt that has X.client.pcap and X.server.pcap beside it (the shared golden
captures in SHARED_DIR/fixtures/linux*/ and ours in tests/fixtures/linux-data/local/),
normalize.py must reproduce every segment line exactly (header comments are not compared: the
`# config:` line describes the program that made the capture). Exit status 1 on any difference.
"""
import glob
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import normalize  # noqa: E402

REPO = os.path.abspath(os.path.join(HERE, '..', '..'))


def body(text):
    return [x for x in text.splitlines() if not x.startswith('#')]


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else '/work/shared'
    traces = sorted(glob.glob(os.path.join(shared, 'fixtures', 'linux*', '*.trace.txt')))
    traces += sorted(glob.glob(os.path.join(REPO, 'tests', 'fixtures', 'linux-data', 'local', '*.trace.txt')))
    bad = n = 0
    for t in traces:
        base = t[:-len('.trace.txt')]
        if base.endswith('.run2') or not os.path.exists(base + '.client.pcap'):
            continue
        n += 1
        text, _ = normalize.normalize(base + '.client.pcap', base + '.server.pcap', os.path.basename(base))
        want, got = body(open(t).read()), body(text)
        diff = [(i, w, g) for i, (w, g) in enumerate(zip(want, got)) if w != g]
        if diff or len(want) != len(got):
            bad += 1
            print('DIFF %s: %d lines vs %d, first: %s' % (t, len(want), len(got), diff[:1]))
        else:
            print('ok   %s (%d segments)' % (os.path.relpath(t, os.path.dirname(base)), len(want)))
    print('%d/%d traces reproduced exactly' % (n - bad, n))
    sys.exit(1 if bad or not n else 0)


if __name__ == '__main__':
    main()
