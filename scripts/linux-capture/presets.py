"""The capture presets: what the programs and the wire do (see README.md)."""

BULK = dict(app='bulk', cc='cubic', nbytes=100000, c_sndbuf=1048576, s_rcvbuf=0, s_rcvlowat=100000,
            read_delay=0.0, close_delay=0.0, drop_data='', drop_retx=0, blackhole=False,
            write_delay_ns_per_byte=36)
SMALL = dict(app='smallwrites', cc='cubic', writes=20, write_size=10, interval=0.008, nodelay=False,
             drop_data='', drop_retx=0, blackhole=False)


def _p(base, **kw):
    d = dict(base)
    d.update(kw)
    return d


PRESETS = {
    'upload-100k': _p(BULK),
    'fast-retransmit': _p(BULK, drop_data='20'),
    'fast-retransmit-reno': _p(BULK, cc='reno', drop_data='20'),
    'burst-loss': _p(BULK, drop_data='20,21,22'),
    'burst-loss-reno': _p(BULK, cc='reno', drop_data='20,21,22'),
    'retransmission-lost': _p(BULK, drop_data='20', drop_retx=1),
    'tail-loss-probe': _p(BULK, nbytes=20000, s_rcvlowat=20000, drop_data='14'),
    'tail-rto': _p(BULK, nbytes=20000, s_rcvlowat=20000, drop_data='14', drop_retx=1),
    'rack-reorder': _p(BULK, nbytes=10000, s_rcvlowat=10000, drop_data='7', close_delay=0.005),
    'zero-window': _p(BULK, nbytes=20000, c_sndbuf=0, s_rcvbuf=2048, s_rcvlowat=0, read_delay=3.0),
    'nagle': _p(SMALL),
    'nodelay': _p(SMALL, nodelay=True),
    # the simulator's bulk-transfer (1 MiB + 512 KiB, default buffers, the server reads as data
    # comes); loss_ratio.py runs it with --set loss_pct=2 for issue 12's 2 % target
    'bulk-transfer': _p(BULK, nbytes=1572864, c_sndbuf=0, s_rcvlowat=0),
    'keepalive': dict(app='keepalive', cc='cubic', keepalive=[2, 1, 3], abort_after=6.0, drop_data='',
                      drop_retx=0, blackhole=True),
    # bulk-transfer with a server that keeps up (reads each segment as it arrives, by polling)
    # and a client that writes as soon as connect() returns, as the simulator's preset does:
    # Linux's receive-buffer auto-tuning then grows the window as the engine does (see
    # tests/fixtures/linux-data/local/README.md)
    'bulk-transfer-fast-reader': _p(BULK, nbytes=1572864, c_sndbuf=0, s_rcvlowat=0,
                                    write_delay_ns_per_byte=0, spin_read=True),
}

# the shared golden capture of the same preset, for validation
GOLDEN = {'upload-100k': 'D1_bulk', 'fast-retransmit': 'D2_one_loss', 'zero-window': 'D5_zero_window',
          'nodelay': 'D6b_nodelay'}

for _i, _name in enumerate(PRESETS):
    PRESETS[_name]['cport'] = 40201 + _i
