//! Interop with smoltcp, a TCP stack nobody here wrote. smoltcp runs behind an `Interface`
//! over an in-memory IP-medium `Device`; our segments are wrapped in IPv4 headers built
//! here and smoltcp's packets are stripped of theirs. One simulated clock (microseconds)
//! drives both stacks; the wire has a fixed delay and, in the lossy tests, a seeded PRNG
//! that drops packets in both directions.
//!
//! Each story checks that the bytes arrive intact both ways and that both ends reach the
//! expected final states, for smoltcp as server and as client, for a close from either side,
//! a simultaneous close and an abort.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use smoltcp::iface::{Config, Interface, SocketHandle, SocketSet};
use smoltcp::phy::{self, Device, DeviceCapabilities, Medium};
use smoltcp::socket::tcp;
use smoltcp::time::Instant as SmolInstant;
use smoltcp::wire::{HardwareAddress, IpAddress, IpCidr};
use std::cell::Cell;
use std::collections::VecDeque;
use synack_core::wire::{Ipv4Pair, Segment};
use synack_core::{Connection, Endpoint, Event, Instant, Profile, State};

const OURS: [u8; 4] = [10, 0, 0, 1];
const SMOL: [u8; 4] = [10, 0, 0, 2];
const OUR_PORT: u16 = 40001;
const SMOL_PORT: u16 = 5000;

// ------------------------------------------------------------------ IPv4 framing

/// RFC 1071 one's-complement sum.
fn ip_checksum(h: &[u8]) -> u16 {
    let mut sum = 0u32;
    for w in h.chunks(2) {
        sum += u32::from(u16::from_be_bytes([w[0], *w.get(1).unwrap_or(&0)]));
    }
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    !(sum as u16)
}

/// An IPv4 header (RFC 791, no options, DF, TTL 64, protocol 6) in front of `tcp`.
fn ipv4_wrap(src: [u8; 4], dst: [u8; 4], tcp: &[u8]) -> Vec<u8> {
    let total = (20 + tcp.len()) as u16;
    let mut p = vec![0x45, 0, 0, 0, 0, 0, 0x40, 0, 64, 6, 0, 0];
    p[2..4].copy_from_slice(&total.to_be_bytes());
    p.extend_from_slice(&src);
    p.extend_from_slice(&dst);
    let c = ip_checksum(&p);
    p[10..12].copy_from_slice(&c.to_be_bytes());
    p.extend_from_slice(tcp);
    p
}

/// The TCP bytes of an IPv4 packet (checked: version, header checksum, protocol).
fn ipv4_unwrap(p: &[u8]) -> (&[u8], [u8; 4], [u8; 4]) {
    assert_eq!(p[0] >> 4, 4, "IPv4");
    let ihl = usize::from(p[0] & 0x0f) * 4;
    assert_eq!(ip_checksum(&p[..ihl]), 0, "IPv4 header checksum");
    assert_eq!(p[9], 6, "TCP");
    let total = usize::from(u16::from_be_bytes([p[2], p[3]]));
    let src = [p[12], p[13], p[14], p[15]];
    let dst = [p[16], p[17], p[18], p[19]];
    (&p[ihl..total], src, dst)
}

// ------------------------------------------------------------------ smoltcp's device

struct SimDevice {
    rx: VecDeque<Vec<u8>>,
    tx: Vec<Vec<u8>>,
}

struct RxTok(Vec<u8>);
struct TxTok<'a>(&'a mut Vec<Vec<u8>>);

impl phy::RxToken for RxTok {
    fn consume<R, F: FnOnce(&[u8]) -> R>(self, f: F) -> R {
        f(&self.0)
    }
}

impl phy::TxToken for TxTok<'_> {
    fn consume<R, F: FnOnce(&mut [u8]) -> R>(self, len: usize, f: F) -> R {
        let mut b = vec![0; len];
        let r = f(&mut b);
        self.0.push(b);
        r
    }
}

impl Device for SimDevice {
    type RxToken<'a> = RxTok;
    type TxToken<'a> = TxTok<'a>;
    fn capabilities(&self) -> DeviceCapabilities {
        let mut c = DeviceCapabilities::default();
        c.medium = Medium::Ip;
        c.max_transmission_unit = 1500;
        c
    }
    fn receive(&mut self, _: SmolInstant) -> Option<(RxTok, TxTok<'_>)> {
        let b = self.rx.pop_front()?;
        Some((RxTok(b), TxTok(&mut self.tx)))
    }
    fn transmit(&mut self, _: SmolInstant) -> Option<TxTok<'_>> {
        Some(TxTok(&mut self.tx))
    }
}

thread_local! {
    /// The simulated clock in ms, for smoltcp's timestamp generator (a plain fn pointer).
    static CLOCK_MS: Cell<u32> = const { Cell::new(0) };
}

fn smol_tsval() -> u32 {
    CLOCK_MS.with(|c| c.get())
}

// ------------------------------------------------------------------ the network

struct Packet {
    at: u64,
    order: u64,
    to_smol: bool,
    bytes: Vec<u8>,
}

struct Net {
    now: u64,
    delay: u64,
    ours: Connection,
    our_states: Vec<State>,
    our_rx: Vec<u8>,
    our_eof: bool,
    iface: Interface,
    dev: SimDevice,
    sockets: SocketSet<'static>,
    smol: SocketHandle,
    smol_rx: Vec<u8>,
    smol_states: Vec<tcp::State>,
    wire: Vec<Packet>,
    order: u64,
    /// xorshift64* state and loss probability in per mille.
    rng: u64,
    loss: u64,
    lost: u32,
}

impl Net {
    fn new(profile: Profile, seed: u64, loss_per_mille: u64) -> Net {
        let mut dev = SimDevice {
            rx: VecDeque::new(),
            tx: Vec::new(),
        };
        let mut config = Config::new(HardwareAddress::Ip);
        config.random_seed = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        let mut iface = Interface::new(config, &mut dev, SmolInstant::from_micros(0));
        iface.update_ip_addrs(|a| {
            a.push(IpCidr::new(IpAddress::v4(10, 0, 0, 2), 24)).unwrap();
        });
        let mut sock = tcp::Socket::new(
            tcp::SocketBuffer::new(vec![0; 65_536]),
            tcp::SocketBuffer::new(vec![0; 65_536]),
        );
        if seed % 2 == 1 {
            sock.set_tsval_generator(Some(smol_tsval));
        }
        let mut sockets = SocketSet::new(Vec::new());
        let smol = sockets.add(sock);
        Net {
            now: 0,
            delay: 20_000,
            ours: Connection::new(
                profile,
                Endpoint::new(OURS, OUR_PORT),
                (seed as u32).wrapping_mul(2_654_435_761),
            ),
            our_states: vec![State::Closed],
            our_rx: Vec::new(),
            our_eof: false,
            iface,
            dev,
            sockets,
            smol,
            smol_rx: Vec::new(),
            smol_states: vec![tcp::State::Closed],
            wire: Vec::new(),
            order: 0,
            rng: seed.wrapping_add(0x2545_f491_4f6c_dd1d),
            loss: loss_per_mille,
            lost: 0,
        }
    }

    fn smol(&mut self) -> &mut tcp::Socket<'static> {
        self.sockets.get_mut::<tcp::Socket>(self.smol)
    }

    fn t(&self) -> Instant {
        Instant::from_micros(self.now)
    }

    fn st(&self) -> SmolInstant {
        SmolInstant::from_micros(self.now as i64)
    }

    fn lose(&mut self) -> bool {
        self.rng ^= self.rng >> 12;
        self.rng ^= self.rng << 25;
        self.rng ^= self.rng >> 27;
        let r = self.rng.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 32;
        let lost = r % 1000 < self.loss;
        self.lost += u32::from(lost);
        lost
    }

    fn put_on_wire(&mut self, to_smol: bool, bytes: Vec<u8>) {
        let lost = self.lose();
        if std::env::var_os("SYNACK_TRACE").is_some() {
            let tcp = if to_smol {
                ipv4_unwrap(&bytes).0
            } else {
                &bytes[..]
            };
            let s = Segment::parse(tcp, None).unwrap().segment;
            eprintln!(
                "{:>9.3} {} {:<12} seq={} ack={} len={} win={} {:?}{}",
                self.now as f64 / 1000.0,
                if to_smol { "us->smol" } else { "smol->us" },
                s.flags.to_string(),
                s.seq,
                s.ack,
                s.payload.len(),
                s.window,
                s.options,
                if lost { " LOST" } else { "" }
            );
        }
        if lost {
            return;
        }
        self.order += 1;
        self.wire.push(Packet {
            at: self.now + self.delay,
            order: self.order,
            to_smol,
            bytes,
        });
    }

    /// Run both stacks' outputs onto the wire and record what happened.
    fn pump(&mut self) {
        CLOCK_MS.with(|c| c.set((self.now / 1000) as u32));
        let now = self.st();
        self.iface.poll(now, &mut self.dev, &mut self.sockets);
        for p in std::mem::take(&mut self.dev.tx) {
            let (tcp, src, dst) = ipv4_unwrap(&p);
            assert_eq!((src, dst), (SMOL, OURS));
            let tcp = tcp.to_vec();
            self.put_on_wire(false, tcp);
        }
        while let Some(ev) = self.ours.poll_event() {
            match ev {
                Event::StateChanged {
                    from, to, cause, ..
                } => {
                    assert_eq!(Some(&from), self.our_states.last());
                    assert!(cause.is_rfc_edge(from, to), "{from} -> {to} by {cause:?}");
                    self.our_states.push(to);
                }
                Event::DataReceived { data } => self.our_rx.extend_from_slice(&data),
                Event::Eof => self.our_eof = true,
                _ => {}
            }
        }
        self.ours.check_invariants().unwrap();
        while let Some(seg) = self.ours.poll_transmit() {
            let tcp = seg.emit(Ipv4Pair {
                src: OURS,
                dst: SMOL,
            });
            let pkt = ipv4_wrap(OURS, SMOL, &tcp);
            self.put_on_wire(true, pkt);
        }
        let s = self.smol().state();
        if self.smol_states.last() != Some(&s) {
            self.smol_states.push(s);
        }
        // smoltcp's application reads everything at once.
        let mut buf = [0u8; 4096];
        while let Ok(n @ 1..) = self.smol().recv_slice(&mut buf) {
            self.smol_rx.extend_from_slice(&buf[..n]);
        }
    }

    /// Advance to `until` (µs), letting `app` act after every step.
    fn run(&mut self, until: u64, mut app: impl FnMut(&mut Net)) {
        for _ in 0..1_000_000 {
            self.pump();
            app(self);
            self.pump();
            let wire = self.wire.iter().map(|p| p.at).min();
            let ours = self.ours.poll_timeout().map(|t| t.micros());
            let now = self.st();
            let smol = self
                .iface
                .poll_at(now, &self.sockets)
                .map(|t| t.total_micros().max(0) as u64);
            let next = [wire, ours, smol].into_iter().flatten().min();
            let Some(next) = next else {
                self.now = until;
                return;
            };
            if next > until {
                self.now = until;
                return;
            }
            self.now = next.max(self.now);
            // Deliver what arrives now, in send order.
            let mut due: Vec<Packet> = Vec::new();
            let mut i = 0;
            while i < self.wire.len() {
                if self.wire[i].at <= self.now {
                    due.push(self.wire.swap_remove(i));
                } else {
                    i += 1;
                }
            }
            due.sort_by_key(|p| p.order);
            for p in due {
                if p.to_smol {
                    self.dev.rx.push_back(p.bytes);
                } else {
                    let parsed = Segment::parse(
                        &p.bytes,
                        Some(Ipv4Pair {
                            src: SMOL,
                            dst: OURS,
                        }),
                    )
                    .expect("smoltcp's segment parses");
                    assert_eq!(parsed.checksum_ok, Some(true));
                    let t = self.t();
                    self.ours.handle_segment(t, SMOL, &parsed.segment);
                    let n = self.ours.unread();
                    self.ours.read(t, n);
                }
            }
            if self.ours.poll_timeout().is_some_and(|d| d <= self.t()) {
                let t = self.t();
                self.ours.handle_timeout(t);
                assert!(self.ours.poll_timeout().is_none_or(|d| d > t));
            }
        }
        panic!("the simulation did not settle");
    }
}

/// Octet `k` of a test stream.
fn stream(len: usize, salt: u8) -> Vec<u8> {
    (0..len)
        .map(|k| (k as u8).wrapping_mul(7).wrapping_add(salt) ^ (k >> 8) as u8)
        .collect()
}

/// Send as much of `data[*sent..]` as smoltcp takes.
fn smol_send(net: &mut Net, data: &[u8], sent: &mut usize) {
    if *sent < data.len() && net.smol().can_send() {
        *sent += net.smol().send_slice(&data[*sent..]).unwrap_or(0);
    }
}

const SECS: u64 = 1_000_000;

// ------------------------------------------------------------------ stories

/// We connect to a smoltcp server, send `up` octets; it answers `down` octets once it has
/// them all; we close on reading them, smoltcp closes on EOF. We pass through TIME-WAIT.
fn we_connect_and_close_first(profile: Profile, seed: u64, loss: u64) -> Net {
    let (up, down) = (stream(10_000, 1), stream(7_000, 2));
    let mut net = Net::new(profile, seed, loss);
    net.smol().listen(SMOL_PORT).unwrap();
    let t = net.t();
    net.ours.connect(t, Endpoint::new(SMOL, SMOL_PORT)).unwrap();
    let (mut queued, mut answered, mut closed, mut smol_closed) = (false, 0, false, false);
    net.run(900 * SECS, |n| {
        let t = n.t();
        if !queued && n.ours.state() == State::Established {
            n.ours.send(t, &up).unwrap();
            queued = true;
        }
        if n.smol_rx.len() == up.len() {
            smol_send(n, &down, &mut answered);
        }
        if !closed && n.our_rx.len() == down.len() {
            n.ours.close(t).unwrap();
            closed = true;
        }
        if !smol_closed && answered == down.len() && !n.smol().may_recv() {
            n.smol().close();
            smol_closed = true;
        }
    });
    assert_eq!(net.smol_rx, up, "seed {seed}: smoltcp got our bytes");
    assert_eq!(net.our_rx, down, "seed {seed}: we got smoltcp's bytes");
    assert!(
        net.our_states.contains(&State::TimeWait),
        "{:?}",
        net.our_states
    );
    assert_eq!(net.ours.state(), State::Closed, "TIME-WAIT over");
    assert_eq!(net.smol().state(), tcp::State::Closed);
    assert!(
        net.smol_states.contains(&tcp::State::LastAck),
        "{:?}",
        net.smol_states
    );
    net
}

/// A smoltcp client connects to us; it sends, we answer, it closes first, we close on EOF
/// from CLOSE-WAIT and end through LAST-ACK.
fn smol_connects_and_closes_first(profile: Profile, seed: u64, loss: u64) -> Net {
    let (up, down) = (stream(6_000, 3), stream(9_000, 4));
    let mut net = Net::new(profile, seed, loss);
    let t = net.t();
    net.ours.listen(t).unwrap();
    {
        let cx = net.iface.context();
        let s = net.sockets.get_mut::<tcp::Socket>(net.smol);
        s.connect(cx, (IpAddress::v4(10, 0, 0, 1), OUR_PORT), 49152)
            .unwrap();
    }
    let (mut sent_up, mut answered, mut smol_closed, mut closed) = (0, false, false, false);
    net.run(900 * SECS, |n| {
        let t = n.t();
        smol_send(n, &up, &mut sent_up);
        if !answered && n.our_rx.len() == up.len() {
            n.ours.send(t, &down).unwrap();
            answered = true;
        }
        if !smol_closed && n.smol_rx.len() == down.len() {
            n.smol().close();
            smol_closed = true;
        }
        if !closed && n.our_eof {
            n.ours.close(t).unwrap();
            closed = true;
        }
    });
    assert_eq!(net.our_rx, up, "seed {seed}");
    assert_eq!(net.smol_rx, down, "seed {seed}");
    use State::*;
    assert_eq!(
        net.our_states[..4],
        [Closed, Listen, SynReceived, Established]
    );
    assert!(
        net.our_states.ends_with(&[CloseWait, LastAck, Closed]),
        "{:?}",
        net.our_states
    );
    assert_eq!(net.smol().state(), tcp::State::Closed);
    assert!(
        net.smol_states.contains(&tcp::State::TimeWait),
        "{:?}",
        net.smol_states
    );
    net
}

#[test]
fn smoltcp_server_linux_client() {
    let net = we_connect_and_close_first(Profile::linux(), 1, 0);
    use State::*;
    assert_eq!(
        net.our_states,
        [
            Closed,
            SynSent,
            Established,
            FinWait1,
            FinWait2,
            TimeWait,
            Closed
        ]
    );
}

#[test]
fn smoltcp_server_textbook_client() {
    we_connect_and_close_first(Profile::textbook(), 2, 0);
}

#[test]
fn smoltcp_client_linux_server() {
    smol_connects_and_closes_first(Profile::linux(), 3, 0);
}

#[test]
fn smoltcp_client_textbook_server() {
    smol_connects_and_closes_first(Profile::textbook(), 4, 0);
}

/// Connect, then both close at the same instant: returns the network after 300 s.
fn simultaneous_close(profile: Profile, seed: u64, loss: u64) -> Net {
    let mut net = Net::new(profile, seed, loss);
    net.smol().listen(SMOL_PORT).unwrap();
    let t = net.t();
    net.ours.connect(t, Endpoint::new(SMOL, SMOL_PORT)).unwrap();
    let mut closed = false;
    net.run(300 * SECS, |n| {
        let t = n.t();
        let both =
            n.ours.state() == State::Established && n.smol().state() == tcp::State::Established;
        if !closed && both {
            n.ours.close(t).unwrap();
            n.smol().close();
            closed = true;
        }
    });
    assert!(closed, "seed {seed}: both reached ESTABLISHED");
    assert_eq!(net.ours.state(), State::Closed, "seed {seed}");
    assert!(
        net.our_states.contains(&State::TimeWait),
        "{:?}",
        net.our_states
    );
    assert_eq!(net.smol().state(), tcp::State::Closed, "seed {seed}");
    net
}

/// Both close at the same instant after the exchange: the FINs cross, both sides pass
/// CLOSING and TIME-WAIT.
#[test]
fn simultaneous_close_with_smoltcp() {
    for profile in [Profile::linux(), Profile::textbook()] {
        let mut net = Net::new(profile, 5, 0);
        net.smol().listen(SMOL_PORT).unwrap();
        let t = net.t();
        net.ours.connect(t, Endpoint::new(SMOL, SMOL_PORT)).unwrap();
        let mut closed = false;
        net.run(300 * SECS, |n| {
            let t = n.t();
            if !closed
                && n.ours.state() == State::Established
                && n.smol().state() == tcp::State::Established
            {
                n.ours.close(t).unwrap();
                n.smol().close();
                closed = true;
            }
        });
        assert!(
            net.our_states.contains(&State::Closing),
            "{:?}",
            net.our_states
        );
        assert!(net.our_states.ends_with(&[State::TimeWait, State::Closed]));
        assert!(
            net.smol_states.contains(&tcp::State::Closing),
            "{:?}",
            net.smol_states
        );
        assert!(net.smol_states.contains(&tcp::State::TimeWait));
        assert_eq!(net.smol().state(), tcp::State::Closed);
    }
}

/// Our ABORT: smoltcp accepts the RST and closes; smoltcp's abort: we hear "reset".
#[test]
fn aborts_both_ways() {
    let mut net = Net::new(Profile::linux(), 6, 0);
    net.smol().listen(SMOL_PORT).unwrap();
    let t = net.t();
    net.ours.connect(t, Endpoint::new(SMOL, SMOL_PORT)).unwrap();
    net.run(SECS, |_| {});
    let t = net.t();
    net.ours.abort(t).unwrap();
    net.run(2 * SECS, |_| {});
    assert_eq!(net.smol().state(), tcp::State::Closed);

    let mut net = Net::new(Profile::linux(), 7, 0);
    net.smol().listen(SMOL_PORT).unwrap();
    let t = net.t();
    net.ours.connect(t, Endpoint::new(SMOL, SMOL_PORT)).unwrap();
    net.run(SECS, |_| {});
    net.smol().abort();
    net.run(2 * SECS, |_| {});
    assert_eq!(net.ours.state(), State::Closed);
    assert_eq!(
        net.our_states,
        [
            State::Closed,
            State::SynSent,
            State::Established,
            State::Closed
        ]
    );
}

/// A connect to a smoltcp interface with no listener is refused with a RST.
#[test]
fn refused_by_smoltcp() {
    let mut net = Net::new(Profile::linux(), 8, 0);
    let t = net.t();
    net.ours.connect(t, Endpoint::new(SMOL, SMOL_PORT)).unwrap();
    net.run(5 * SECS, |_| {});
    assert_eq!(
        net.our_states,
        [State::Closed, State::SynSent, State::Closed]
    );
}

/// The same stories with 10 % of packets lost in both directions, for many seeds.
#[test]
fn lossy_interop_many_seeds() {
    let mut lost = 0;
    for seed in 0..24 {
        let p = if seed % 3 == 0 {
            Profile::textbook()
        } else {
            Profile::linux()
        };
        lost += we_connect_and_close_first(p.clone(), 100 + seed, 100).lost;
        lost += smol_connects_and_closes_first(p.clone(), 200 + seed, 100).lost;
        lost += simultaneous_close(p, 300 + seed, 100).lost;
    }
    assert!(lost > 100, "the wire really lost packets ({lost})");
}
