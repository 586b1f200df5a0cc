"""Read IPv4/TCP segments from a pcap file (stdlib only).

Understands classic pcap (micro- and nanosecond magic, either byte order) with link types
RAW (101), IPV4 (228), EN10MB (1) and LINUX_SLL (113). Every IPv4 TCP packet becomes a dict:
t (float seconds), src, dst, sport, dport, ipid, flags (int), seq, ack, win, len (payload
bytes, from the IP total length, so a snap length that cuts the payload does not matter),
opts (list of (kind, bytes) in header order), key (bytes that identify one copy on the wire).
"""
import socket
import struct

LINK_OFFSET = {101: 0, 228: 0, 1: 14, 113: 16}


def read(path):
    with open(path, 'rb') as f:
        data = f.read()
    if len(data) < 24:
        return []
    magic = data[:4]
    if magic in (b'\xd4\xc3\xb2\xa1', b'\x4d\x3c\xb2\xa1'):
        end = '<'
    elif magic in (b'\xa1\xb2\xc3\xd4', b'\xa1\xb2\x3c\x4d'):
        end = '>'
    else:
        raise ValueError('%s: not a classic pcap file (pcapng is not supported)' % path)
    nano = magic in (b'\x4d\x3c\xb2\xa1', b'\xa1\xb2\x3c\x4d')
    linktype = struct.unpack(end + 'I', data[20:24])[0] & 0x0fffffff
    if linktype not in LINK_OFFSET:
        raise ValueError('%s: unsupported link type %d' % (path, linktype))
    off = LINK_OFFSET[linktype]
    pos, out = 24, []
    while pos + 16 <= len(data):
        sec, frac, incl, _orig = struct.unpack(end + 'IIII', data[pos:pos + 16])
        pkt = data[pos + 16:pos + 16 + incl]
        pos += 16 + incl
        t = sec + frac / (1e9 if nano else 1e6)
        p = parse_ip(pkt[off:], t)
        if p is not None:
            out.append(p)
    return out


def parse_ip(b, t):
    if len(b) < 20 or b[0] >> 4 != 4 or b[9] != 6:
        return None
    ihl = (b[0] & 15) * 4
    total = struct.unpack('!H', b[2:4])[0]
    ipid = struct.unpack('!H', b[4:6])[0]
    tcp = b[ihl:]
    if len(tcp) < 20:
        return None
    sport, dport, seq, ack, offflags, win = struct.unpack('!HHIIHH', tcp[:16])
    thl = (offflags >> 12) * 4
    flags = offflags & 0x1ff
    opts, i, raw = [], 20, tcp[:thl]
    while i < len(raw):
        kind = raw[i]
        if kind == 0:
            break
        if kind == 1:
            opts.append((1, b''))
            i += 1
            continue
        if i + 1 >= len(raw) or raw[i + 1] < 2:
            break
        n = raw[i + 1]
        opts.append((kind, raw[i + 2:i + n]))
        i += n
    return dict(t=t, src=socket.inet_ntoa(b[12:16]), dst=socket.inet_ntoa(b[16:20]), sport=sport,
                dport=dport, ipid=ipid, flags=flags, seq=seq, ack=ack, win=win,
                len=total - ihl - thl, opts=opts, key=(ipid, total, bytes(raw)))
