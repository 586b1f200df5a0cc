//! The connection: one TCP endpoint's transmission control block (TCB) and its user calls.
//!
//! Segment arrival is in [`input`] (RFC 9293 §3.10.7, one function per group of states),
//! segment building and the ACK policy in [`output`], timers and retransmission in [`timers`].

mod ack;
mod audit;
mod autotune;
mod input;
mod keepalive;
mod output;
mod persist;
mod receive;
mod recover;
mod send;
mod sendq;
mod sockopt;
mod timers;
mod window;

#[cfg(test)]
mod tests;

use crate::event::Rfc;
use crate::event::{Cause, Event, TimerKind};
use crate::profile::Profile;
use crate::rto::RttEstimator;
use crate::wire::{Bytes, Segment};
use crate::{Instant, State};
use alloc::collections::VecDeque;
use alloc::vec::Vec;
use core::fmt;
use core::time::Duration;
pub use sockopt::{Keepalive, SockOpt, SocketOptions};

/// An IPv4 address and a port.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub struct Endpoint {
    pub addr: [u8; 4],
    pub port: u16,
}

impl Endpoint {
    pub const fn new(addr: [u8; 4], port: u16) -> Self {
        Endpoint { addr, port }
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [a, b, c, d] = self.addr;
        write!(f, "{a}.{b}.{c}.{d}:{}", self.port)
    }
}

/// Misuse of a user call (RFC 9293 §3.10.1–§3.10.6 "error: ..." responses).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub enum CallError {
    /// "error: connection already exists" (OPEN when not CLOSED).
    ConnectionExists,
    /// "error: connection does not exist" (the call needs a connection).
    ConnectionDoesNotExist,
    /// "error: connection closing" (SEND after CLOSE, or CLOSE twice).
    ConnectionClosing,
    /// Active OPEN with the remote port 0 or the local endpoint itself.
    InvalidRemote,
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CallError::ConnectionExists => "connection already exists",
            CallError::ConnectionDoesNotExist => "connection does not exist",
            CallError::ConnectionClosing => "connection closing",
            CallError::InvalidRemote => "invalid remote endpoint",
        })
    }
}

/// A snapshot of the transmission control block (RFC 9293 §3.3.1), for display.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub struct Tcb {
    pub state: State,
    /// Initial send sequence number.
    pub iss: u32,
    /// Initial receive sequence number (`None` before a SYN arrived).
    pub irs: Option<u32>,
    /// SND.UNA: oldest unacknowledged sequence number.
    pub snd_una: u32,
    /// SND.NXT: next sequence number to be sent.
    pub snd_nxt: u32,
    /// SND.WND in bytes (the peer's window, scaled).
    pub snd_wnd: u32,
    /// RCV.NXT: next sequence number expected.
    pub rcv_nxt: u32,
    /// RCV.WND in bytes.
    pub rcv_wnd: u32,
    /// Effective send MSS.
    pub mss: u16,
    /// Congestion window in bytes.
    pub cwnd: u32,
    /// Slow-start threshold in bytes (`u32::MAX`: not yet set, RFC 5681 §3.1 "arbitrarily high").
    #[cfg_attr(feature = "serde", serde(default))]
    pub ssthresh: u32,
    /// Bytes sent and not yet acknowledged, less those SACKed or marked lost, plus those
    /// retransmitted (RFC 6675 `pipe`; Linux `tcp_packets_in_flight` in bytes).
    #[cfg_attr(feature = "serde", serde(default))]
    pub in_flight: u32,
    /// Current RTO, backoff included.
    #[cfg_attr(feature = "bin", nserde(proxy = "crate::bin::Nanos"))]
    pub rto: Duration,
    #[cfg_attr(feature = "bin", nserde(proxy = "crate::bin::OptNanos"))]
    pub srtt: Option<Duration>,
    #[cfg_attr(feature = "bin", nserde(proxy = "crate::bin::Nanos"))]
    pub rttvar: Duration,
    /// Bytes queued by the user and not yet acknowledged.
    pub send_queue: u32,
    /// Bytes received in order that the application has not read yet.
    #[cfg_attr(feature = "serde", serde(default))]
    pub rcv_unread: u32,
    /// The sender's loss-recovery state (Linux `icsk_ca_state`).
    #[cfg_attr(feature = "serde", serde(default))]
    pub ca_state: crate::cc::CaState,
    /// Packets SACKed (or, for a peer without SACK, duplicate ACKs counted), lost (marked
    /// by RACK, the duplicate-ACK rule or an RTO) and retransmitted and still in flight
    /// (Linux `sacked_out`, `lost_out`, `retrans_out`).
    #[cfg_attr(feature = "serde", serde(default))]
    pub sacked: u32,
    #[cfg_attr(feature = "serde", serde(default))]
    pub lost: u32,
    #[cfg_attr(feature = "serde", serde(default))]
    pub retrans: u32,
}

/// One armed timer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub struct TimerState {
    pub kind: TimerKind,
    pub armed_at: Instant,
    pub expires: Instant,
}

/// What the user has asked for the sending direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Closing {
    /// Still open for sending.
    Open,
    /// FIN requested after the queued data (shutdown of writing); still reading.
    ShutdownWrite,
    /// CLOSE: FIN requested, and the user no longer reads (an orphan, in Linux terms).
    Closed,
}

/// One TCP endpoint. See the crate documentation for the calling contract.
#[derive(Clone, Debug)]
pub struct Connection {
    pub(crate) profile: Profile,
    pub(crate) local: Endpoint,
    pub(crate) remote: Option<Endpoint>,
    pub(crate) state: State,
    /// Secret for the clock-driven ISN of RFC 9293 §3.4.1 (RFC 6528): ISS = secret + now/4 µs.
    isn_secret: u32,
    /// Whether this connection came from a passive OPEN (SYN-RECEIVED returns to LISTEN).
    passive: bool,

    // --- send sequence space, RFC 9293 §3.3.1 Figure 3 ---
    pub(crate) iss: u32,
    pub(crate) snd_una: u32,
    pub(crate) snd_nxt: u32,
    /// Highest sequence number sent so far (SND.NXT can go back for retransmission).
    pub(crate) snd_max: u32,
    pub(crate) snd_wnd: u32,
    pub(crate) snd_wl1: u32,
    pub(crate) snd_wl2: u32,
    /// The largest window the peer has offered (RFC 9293 §3.8.6.2.1 "Max(SND.WND)").
    pub(crate) max_snd_wnd: u32,
    /// Data queued by the user and not yet acknowledged (the writes' own buffers,
    /// `sendq.rs`); its first octet has sequence number `buf_seq` (ISS + 1 until data is
    /// acknowledged).
    pub(crate) send_buf: sendq::SendQueue,
    pub(crate) buf_seq: u32,
    pub(crate) closing: Closing,
    /// Sequence number of our FIN, once sent.
    pub(crate) fin_seq: Option<u32>,

    // --- receive sequence space, RFC 9293 §3.3.1 Figure 4 ---
    pub(crate) irs: Option<u32>,
    pub(crate) rcv_nxt: u32,
    pub(crate) rcv_wnd: u32,
    /// Out-of-order segments waiting for the gap before them, sorted by distance from RCV.NXT.
    pub(crate) ooo: Vec<receive::OooSeg>,
    pub(crate) fin_received: bool,
    /// Start of the most recently queued out-of-order segment: its SACK block goes first
    /// (RFC 2018 §4).
    pub(crate) last_ooo: Option<u32>,
    /// RCV.NXT as of the last ACK sent: RFC 7323's Last.ACK.sent, Linux's `rcv_wup`.
    pub(crate) last_ack_sent: u32,
    /// Bytes delivered in order and not yet read by the application ([`Connection::read`]).
    pub(crate) rcv_unread: u32,
    /// The socket options the application set ([`Connection::set_option`]).
    pub(crate) opts: SocketOptions,
    /// The receive buffer and the window it allows (`window.rs`).
    pub(crate) rspace: window::RcvSpace,
    /// A D-SACK block to report in the next ACK (RFC 2883; Linux `tcp_dsack_set`).
    pub(crate) dsack: Option<(u32, u32)>,

    // --- negotiated options ---
    pub(crate) peer_mss: u16,
    pub(crate) ts_ok: bool,
    pub(crate) ts_recent: u32,
    pub(crate) ts_offset: u32,
    pub(crate) sack_ok: bool,
    /// Our window-scale shift (applied to windows we announce), 0 without scaling.
    pub(crate) rcv_wscale: u8,
    /// The peer's shift (applied to windows we receive).
    pub(crate) snd_wscale: u8,
    /// The peer's SYN carried Window Scale.
    pub(crate) ws_seen: bool,

    // --- retransmission, RFC 6298 ---
    pub(crate) rtt: RttEstimator,
    /// Consecutive retransmissions of the oldest unacknowledged segment.
    pub(crate) retries: u8,
    /// Current RTO including backoff.
    pub(crate) rto_cur: Duration,
    /// An RTT measurement in progress: (sequence number that completes it, sent at).
    pub(crate) rtt_probe: Option<(u32, Instant)>,
    /// The sending side: scoreboard, loss recovery, congestion control (conn/send.rs).
    pub(crate) snd: send::Sender,

    // --- acknowledgment policy (Linux quick-ACK / ping-pong; RFC 1122 delayed ACK) ---
    pub(crate) ack_pending: bool,
    /// Full-sized segments received and not yet acknowledged.
    pub(crate) unacked_segs: u32,
    pub(crate) quick: u8,
    pub(crate) pingpong: bool,
    /// Linux `icsk_ack.rcv_mss`: the peer's segment size as we estimate it (starts at 536).
    pub(crate) rcv_mss: u32,
    /// Linux `ICSK_ACK_PUSHED` (1) / `PUSHED2` (2): small segments received since the last ACK.
    pub(crate) pushed: u8,
    /// When we last answered an out-of-window segment (Linux `last_oow_ack_time`).
    pub(crate) last_oow_ack: Option<Instant>,
    pub(crate) ato: Duration,
    pub(crate) lrcvtime: Instant,
    /// Linux SACK compression (`__tcp_ack_snd_check`): duplicate ACKs held back
    /// (`compressed_ack`), the RCV.NXT they were counted for and the immediate ones sent for it.
    pub(crate) compressed_ack: u32,
    pub(crate) compressed_ack_rcv_nxt: u32,
    pub(crate) dup_ack_counter: u8,

    pub(crate) timers: [Option<TimerState>; TimerKind::ALL.len()],
    pub(crate) tx: VecDeque<Segment>,
    pub(crate) events: VecDeque<Event>,
    /// The ISS of the most recent connection (kept after the TCB is deleted, for display).
    pub(crate) iss_hint: u32,
    /// The ISS the next connection must use instead of the clock's (a SYN that ended
    /// TIME-WAIT, Linux `tw_isn`).
    pub(crate) iss_override: Option<u32>,
}

impl Connection {
    /// A new endpoint in CLOSED at `local`. `isn_secret` seeds the initial sequence numbers
    /// (RFC 9293 §3.4.1): the caller draws it at random, the core never does.
    pub fn new(profile: Profile, local: Endpoint, isn_secret: u32) -> Self {
        let rtt = RttEstimator::new(&profile);
        Connection {
            rto_cur: rtt.rto,
            rtt,
            rcv_wnd: profile.rcv_space.min(65535),
            snd: send::Sender::new(&profile),
            profile,
            local,
            remote: None,
            state: State::Closed,
            isn_secret,
            passive: false,
            iss: 0,
            snd_una: 0,
            snd_nxt: 0,
            snd_max: 0,
            snd_wnd: 0,
            snd_wl1: 0,
            snd_wl2: 0,
            max_snd_wnd: 0,
            send_buf: sendq::SendQueue::default(),
            buf_seq: 0,
            closing: Closing::Open,
            fin_seq: None,
            irs: None,
            rcv_nxt: 0,
            ooo: Vec::new(),
            fin_received: false,
            last_ooo: None,
            last_ack_sent: 0,
            rcv_unread: 0,
            opts: SocketOptions::default(),
            rspace: window::RcvSpace::new(0, false),
            dsack: None,
            peer_mss: 536,
            ts_ok: false,
            ts_recent: 0,
            ts_offset: isn_secret.wrapping_mul(2_654_435_761).rotate_left(7),
            sack_ok: false,
            rcv_wscale: 0,
            snd_wscale: 0,
            ws_seen: false,
            retries: 0,
            rtt_probe: None,
            ack_pending: false,
            unacked_segs: 0,
            quick: 0,
            compressed_ack: 0,
            compressed_ack_rcv_nxt: 0,
            dup_ack_counter: 0,
            pingpong: false,
            rcv_mss: 536,
            pushed: 0,
            last_oow_ack: None,
            ato: Duration::ZERO,
            lrcvtime: Instant::ZERO,
            timers: [None; TimerKind::ALL.len()],
            tx: VecDeque::new(),
            events: VecDeque::new(),
            iss_hint: 0,
            iss_override: None,
        }
    }

    // ------------------------------------------------------------------ user calls

    /// Passive OPEN (RFC 9293 §3.10.1): CLOSED → LISTEN.
    pub fn listen(&mut self, now: Instant) -> Result<(), CallError> {
        if self.state != State::Closed {
            return Err(CallError::ConnectionExists);
        }
        let _ = now;
        self.passive = true;
        self.set_state(State::Listen, Cause::Listen, Rfc::S3_10_1);
        Ok(())
    }

    /// Active OPEN (RFC 9293 §3.10.1): send SYN, CLOSED → SYN-SENT.
    pub fn connect(&mut self, now: Instant, remote: Endpoint) -> Result<(), CallError> {
        match self.state {
            State::Closed => {}
            // "If the foreign socket is specified, then change the connection from passive to
            // active, select an ISS. Send a SYN segment" (RFC 9293 §3.10.1, LISTEN STATE).
            State::Listen => {}
            _ => return Err(CallError::ConnectionExists),
        }
        if remote.port == 0 || remote == self.local {
            return Err(CallError::InvalidRemote);
        }
        self.passive = false;
        self.remote = Some(remote);
        self.choose_iss(now);
        self.snd_max = self.snd_nxt;
        self.set_state(State::SynSent, Cause::Connect, Rfc::S3_10_1);
        self.send_syn(now, false, false);
        Ok(())
    }

    /// SEND (RFC 9293 §3.10.2): queue data; it goes out as the windows allow. Returns the bytes
    /// queued. Before the connection is established the data waits for it. The octets taken
    /// are copied once, into the buffer that every segment carrying them will share.
    pub fn send(&mut self, now: Instant, data: &[u8]) -> Result<usize, CallError> {
        let n = self.send_room(data.len())?;
        self.queue_data(now, Bytes::from(data.get(..n).unwrap_or_default()));
        Ok(n)
    }

    /// SEND as [`Connection::send`], of octets the caller already holds in a shared buffer:
    /// nothing is copied, and the segments sent carry windows into `data`'s buffer. A write
    /// that continues the previous one in the same buffer extends it.
    pub fn send_bytes(&mut self, now: Instant, data: &Bytes) -> Result<usize, CallError> {
        let n = self.send_room(data.len())?;
        self.queue_data(now, data.slice(0, n));
        Ok(n)
    }

    /// How much of a write of `len` octets SEND takes now, or why it takes none.
    fn send_room(&self, len: usize) -> Result<usize, CallError> {
        match self.state {
            State::Closed => return Err(CallError::ConnectionDoesNotExist),
            // "If the foreign socket is unspecified, return error: foreign socket unspecified"
            State::Listen => return Err(CallError::ConnectionDoesNotExist),
            State::SynSent | State::SynReceived | State::Established | State::CloseWait => {}
            _ => return Err(CallError::ConnectionClosing),
        }
        if self.closing != Closing::Open {
            return Err(CallError::ConnectionClosing);
        }
        // SO_SNDBUF: take what fits (`sk_stream_memory_free`); the caller writes the rest
        // later (the return value, as `send(2)` returns a short count).
        Ok(len.min(self.send_space() as usize))
    }

    fn queue_data(&mut self, now: Instant, data: Bytes) {
        if self.state.is_synchronized() {
            // tcp_skb_entail → tcp_slow_start_after_idle_check.
            self.restart_after_idle(now);
        }
        self.send_buf.push(data);
        if self.state.is_synchronized() {
            self.push_data(now);
        }
    }

    /// Shut down the sending direction: a FIN follows the queued data; data can still arrive
    /// (half-close, RFC 9293 §3.6).
    pub fn shutdown_write(&mut self, now: Instant) -> Result<(), CallError> {
        self.start_close(now, Closing::ShutdownWrite)
    }

    /// CLOSE (RFC 9293 §3.10.4): "I have no more to send"; the user stops reading.
    pub fn close(&mut self, now: Instant) -> Result<(), CallError> {
        self.start_close(now, Closing::Closed)
    }

    fn start_close(&mut self, now: Instant, how: Closing) -> Result<(), CallError> {
        match self.state {
            State::Closed => Err(CallError::ConnectionDoesNotExist),
            // LISTEN, SYN-SENT: "Delete the TCB, enter CLOSED state" (§3.10.4).
            State::Listen | State::SynSent => {
                self.set_state(State::Closed, Cause::Close, Rfc::S3_10_4);
                self.delete_tcb();
                Ok(())
            }
            State::SynReceived | State::Established | State::CloseWait => {
                if self.closing != Closing::Open {
                    if how == Closing::Closed {
                        self.closing = Closing::Closed;
                        return Ok(());
                    }
                    return Err(CallError::ConnectionClosing);
                }
                self.closing = how;
                // SYN-RECEIVED: "If no SENDs have been issued and there is no pending data to
                // send, then form a FIN segment and send it, and enter FIN-WAIT-1 state;
                // otherwise, queue for processing after entering ESTABLISHED state."
                if self.state == State::SynReceived && !self.send_buf.is_empty() {
                    return Ok(());
                }
                let to = if self.state == State::CloseWait {
                    State::LastAck
                } else {
                    State::FinWait1
                };
                self.set_state(to, Cause::Close, Rfc::S3_10_4);
                // tcp_send_fin: the FIN goes on the last queued segment, or alone, and the
                // queue is pushed with Nagle off (`__tcp_push_pending_frames(TCP_NAGLE_OFF)`).
                self.push_frames(now, true);
                Ok(())
            }
            State::FinWait1
            | State::FinWait2
            | State::Closing
            | State::LastAck
            | State::TimeWait => {
                if how == Closing::Closed && self.closing == Closing::ShutdownWrite {
                    // close() after shutdown(): the user stops reading too.
                    self.closing = Closing::Closed;
                    if self.state == State::FinWait2 {
                        self.arm_fin_wait2(now);
                    }
                    return Ok(());
                }
                Err(CallError::ConnectionClosing)
            }
        }
    }

    /// ABORT (RFC 9293 §3.10.5): send RST if synchronized, delete the TCB.
    pub fn abort(&mut self, now: Instant) -> Result<(), CallError> {
        match self.state {
            State::Closed => return Err(CallError::ConnectionDoesNotExist),
            // Linux: after close() the socket is the kernel's; TIME-WAIT cannot be cut short
            // by the application (the RFC deletes the TCB).
            State::TimeWait if self.profile.flavor == crate::profile::Flavor::Linux => {
                return Err(CallError::ConnectionClosing)
            }
            // SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1/2, CLOSE-WAIT: "Send a reset segment:
            // <SEQ=SND.NXT><CTL=RST>".
            State::SynReceived
            | State::Established
            | State::FinWait1
            | State::FinWait2
            | State::CloseWait => self.send_abort_rst(now),
            // LISTEN, SYN-SENT, CLOSING, LAST-ACK, TIME-WAIT: just delete the TCB.
            _ => {}
        }
        self.set_state(State::Closed, Cause::Abort, Rfc::S3_10_5);
        self.delete_tcb();
        Ok(())
    }

    // ------------------------------------------------------------------ polling

    /// The next segment to put on the wire, if any.
    pub fn poll_transmit(&mut self) -> Option<Segment> {
        self.tx.pop_front()
    }

    /// The next event, if any.
    pub fn poll_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    /// When [`Connection::handle_timeout`] must next be called, if any timer is armed.
    pub fn poll_timeout(&self) -> Option<Instant> {
        self.timers.iter().flatten().map(|t| t.expires).min()
    }

    // ------------------------------------------------------------------ inspection

    pub fn state(&self) -> State {
        self.state
    }
    pub fn profile(&self) -> &Profile {
        &self.profile
    }
    pub fn local(&self) -> Endpoint {
        self.local
    }
    pub fn remote(&self) -> Option<Endpoint> {
        self.remote
    }

    /// The TCB's variables, as RFC 9293 §3.3.1 names them.
    pub fn tcb(&self) -> Tcb {
        Tcb {
            state: self.state,
            iss: self.iss,
            irs: self.irs,
            snd_una: self.snd_una,
            snd_nxt: self.snd_nxt,
            snd_wnd: self.snd_wnd,
            rcv_nxt: self.rcv_nxt,
            rcv_wnd: self.rcv_wnd,
            mss: self.eff_mss(),
            cwnd: self.cwnd().saturating_mul(u32::from(self.eff_mss())),
            rto: self.rto_cur,
            srtt: self.rtt.srtt,
            rttvar: self.rtt.rttvar,
            send_queue: self.send_buf.len() as u32,
            ssthresh: send::ssthresh_bytes(&self.snd.ccs, u32::from(self.eff_mss())),
            in_flight: if self.snd.ready {
                self.snd.sb.bytes_in_flight()
            } else {
                self.snd_max.wrapping_sub(self.snd_una)
            },
            rcv_unread: self.rcv_unread,
            ca_state: self.snd.fr.state,
            sacked: self.snd.sb.sacked_out(),
            lost: self.snd.sb.lost_out(),
            retrans: self.snd.sb.retrans_out(),
        }
    }

    /// The armed timers.
    pub fn timers(&self) -> impl Iterator<Item = TimerState> + '_ {
        self.timers.iter().flatten().copied()
    }

    // ------------------------------------------------------------------ internals

    pub(crate) fn set_state(&mut self, to: State, cause: Cause, rfc: Rfc) {
        let from = self.state;
        if from == to {
            return;
        }
        self.state = to;
        self.events.push_back(Event::StateChanged {
            from,
            to,
            cause,
            rfc,
        });
        if to == State::Established {
            self.init_buffer_space();
            self.events.push_back(Event::Connected);
        }
    }

    /// The clock-driven ISN generator of RFC 9293 §3.4.1 (with RFC 6528's secret offset):
    /// a 32-bit counter that ticks every 4 microseconds.
    fn choose_iss(&mut self, now: Instant) {
        self.iss = match self.iss_override.take() {
            Some(isn) => isn,
            None => self.isn_secret.wrapping_add((now.micros() / 4) as u32),
        };
        self.snd_una = self.iss;
        self.snd_nxt = self.iss;
        self.snd_max = self.iss;
        self.buf_seq = self.iss.wrapping_add(1);
        self.iss_hint = self.iss;
    }

    /// Back to CLOSED (or LISTEN): forget everything of the old connection but the profile.
    pub(crate) fn delete_tcb(&mut self) {
        for kind in TimerKind::ALL {
            self.cancel_timer(kind);
        }
        let fresh = Connection::new(self.profile.clone(), self.local, self.isn_secret);
        let events = core::mem::take(&mut self.events);
        let tx = core::mem::take(&mut self.tx);
        let state = self.state;
        let passive = self.passive;
        let iss_hint = self.iss_hint;
        let opts = self.opts;
        *self = fresh;
        self.iss_hint = iss_hint;
        // Socket options belong to the socket, not to one connection's TCB.
        self.opts = opts;
        self.events = events;
        self.tx = tx;
        self.state = state;
        self.passive = passive && state == State::Listen;
        if state == State::Closed {
            self.events.push_back(Event::Closed);
        }
    }

    /// Effective send MSS: the peer's MSS, less the timestamp option when in use.
    pub(crate) fn eff_mss(&self) -> u16 {
        let mss = self.peer_mss.min(self.profile.mss);
        if self.ts_ok {
            mss.saturating_sub(12).max(1)
        } else {
            mss.max(1)
        }
    }
}

#[cfg(test)]
impl Connection {
    /// ISS of the last connection, surviving TCB deletion, for relative numbers in tests.
    pub(crate) fn tcb_iss_hint(&self) -> u32 {
        self.iss_hint
    }
}
