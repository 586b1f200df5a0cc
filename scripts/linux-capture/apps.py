#!/usr/bin/env python3
"""The client and server programs of a capture (Python sockets), logging their calls.

usage: apps.py server|client CONFIG_JSON LOGFILE

CONFIG_JSON is a preset's config (see presets.py). Each call is logged with the wall clock as
`WALLCLOCK ROLE event` (ROLE C or S), the format of shared/fixtures/linux*/ *.app.log. The log is
kept in memory and written when the program ends, so logging costs no I/O on the timed path.
The server prints `listening` on stdout once listen() returned (the capture starts the client then).
"""
import errno
import json
import socket
import struct
import sys
import time

SERVER = ('10.99.0.2', 5000)
CLIENT_IP = '10.99.0.1'
TCP_CONGESTION = getattr(socket, 'TCP_CONGESTION', 13)
SO_RCVLOWAT = socket.SO_RCVLOWAT


class Log:
    def __init__(self, role, path):
        self.role, self.path, self.lines = role, path, []

    def __call__(self, text):
        self.lines.append('%.6f %s %s' % (time.time(), self.role, text))

    def save(self):
        with open(self.path, 'w') as f:
            f.write(''.join(x + '\n' for x in self.lines))


def set_cc(s, cc, log):
    s.setsockopt(socket.IPPROTO_TCP, TCP_CONGESTION, cc.encode())
    got = s.getsockopt(socket.IPPROTO_TCP, TCP_CONGESTION, 16).rstrip(b'\0').decode()
    log("setsockopt(TCP_CONGESTION, '%s') -> %s" % (cc, got))


def get_cc(s):
    return s.getsockopt(socket.IPPROTO_TCP, TCP_CONGESTION, 16).rstrip(b'\0').decode()


def server(cfg, log):
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if cfg.get('s_rcvbuf'):
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, cfg['s_rcvbuf'])
        log('setsockopt(SO_RCVBUF, %d) -> getsockopt %d' % (
            cfg['s_rcvbuf'], ls.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF)))
    set_cc(ls, cfg['cc'], log)
    ls.bind(SERVER)
    ls.listen(8)
    log('listen() on %s:%d' % SERVER)
    print('listening', flush=True)
    ls.settimeout(cfg.get('server_wait', 10.0))
    try:
        s, peer = ls.accept()
    except socket.timeout:
        log('accept() timed out')
        return
    s.settimeout(None)
    log('accept() returned peer=%s:%d cc=%s SO_RCVBUF=%d' % (
        peer[0], peer[1], get_cc(s), s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF)))
    if cfg.get('s_rcvlowat'):
        s.setsockopt(socket.SOL_SOCKET, SO_RCVLOWAT, cfg['s_rcvlowat'])
        log('setsockopt(SO_RCVLOWAT, %d) -> %d' % (
            cfg['s_rcvlowat'], s.getsockopt(socket.SOL_SOCKET, SO_RCVLOWAT)))
    if cfg['app'] == 'keepalive':
        log('not reading; abort in %.3f s' % cfg['abort_after'])
        time.sleep(cfg['abort_after'])
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
        log('setsockopt(SO_LINGER, on, 0 s)')
        s.close()
        log('close() (abort: RST)')
        return
    if cfg.get('read_delay'):
        log('not reading for %.3f s' % cfg['read_delay'])
        time.sleep(cfg['read_delay'])
        log('start reading')
    total = calls = 0
    while True:
        try:
            if cfg.get('spin_read'):
                # A reader that keeps up: poll without sleeping, so each segment is read as
                # it arrives (a blocking recv() wakes up to ~1 ms late on this machine, when
                # a burst has queued; that changes the receive-buffer auto-tuning).
                while True:
                    try:
                        b = s.recv(65536, socket.MSG_DONTWAIT)
                        break
                    except BlockingIOError:
                        continue
            else:
                b = s.recv(65536)
        except OSError as e:
            log('recv() failed: %s after %d bytes' % (errno.errorcode.get(e.errno, e), total))
            break
        calls += 1
        if not b:
            log('recv EOF after %d bytes in %d recv() calls' % (total, calls))
            break
        if total == 0:
            log('first recv %d bytes' % len(b))
        total += len(b)
    s.close()
    log('close()')


def client(cfg, log):
    payload = bytes(i % 256 for i in range(cfg.get('nbytes', 0)))
    chunk = b'y' * cfg.get('write_size', 10)
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if cfg.get('c_sndbuf'):
        s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, cfg['c_sndbuf'])
        log('setsockopt(SO_SNDBUF, %d) -> getsockopt %d' % (
            cfg['c_sndbuf'], s.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF)))
    set_cc(s, cfg['cc'], log)
    if cfg.get('nodelay'):
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        log('setsockopt(TCP_NODELAY, 1)')
    if cfg['app'] == 'keepalive':
        idle, intvl, cnt = cfg['keepalive']
        s.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, idle)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, intvl)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT, cnt)
        log('setsockopt(SO_KEEPALIVE, 1) TCP_KEEPIDLE=%d TCP_KEEPINTVL=%d TCP_KEEPCNT=%d' % (idle, intvl, cnt))
    s.bind((CLIENT_IP, cfg['cport']))
    log('connect() called %s:%d -> %s:%d' % (CLIENT_IP, cfg['cport'], SERVER[0], SERVER[1]))
    s.connect(SERVER)
    log('connect() returned')
    if cfg['app'] == 'bulk':
        log('cc=%s' % get_cc(s))
        # The shared captures' client did not write at once: their first data segment leaves
        # 3.4-4.3 ms after the handshake ACK for 100,000 bytes and 0.9 ms for 20,000 (their data
        # leaves at the end of that gap, so their program evidently built its payload after
        # connect() returned, ~36 ns a byte). A payload generator here reproduced it but varied
        # with CPU load (4.2-8.3 ms); a sleep of the same length does not.
        if cfg.get('write_delay_ns_per_byte'):
            time.sleep(len(payload) * cfg['write_delay_ns_per_byte'] / 1e9)
        s.sendall(payload)
        log('sendall() returned: %d bytes' % len(payload))
        if cfg.get('close_delay'):
            time.sleep(cfg['close_delay'])
    elif cfg['app'] == 'smallwrites':
        t0 = time.monotonic()
        for k in range(cfg['writes']):
            wait = t0 + k * cfg['interval'] - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            s.send(chunk)
        log('%d writes of %d bytes done (%s)' % (cfg['writes'], len(chunk),
                                                   'TCP_NODELAY' if cfg.get('nodelay') else 'Nagle on'))
        wait = t0 + cfg['writes'] * cfg['interval'] - time.monotonic()
        if wait > 0:
            time.sleep(wait)
    elif cfg['app'] == 'keepalive':
        log('recv() waiting')
        try:
            b = s.recv(65536)
            log('recv() returned %d bytes' % len(b))
        except OSError as e:
            log('recv() failed: %s' % errno.errorcode.get(e.errno, str(e)))
    s.close()
    log('close()')


def main():
    role, cfg, path = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
    log = Log('S' if role == 'server' else 'C', path)
    try:
        (server if role == 'server' else client)(cfg, log)
    except Exception as e:  # the log says what failed; the capture goes on to normalize
        log('error: %r' % e)
        raise
    finally:
        log.save()


if __name__ == '__main__':
    main()
