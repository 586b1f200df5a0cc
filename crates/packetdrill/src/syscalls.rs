//! The socket calls a TCP script makes, played against the engine as Linux's socket layer
//! would answer them: return values, `errno`, blocking and `O_NONBLOCK`. One socket (and the
//! one connection it listens for or opens) per script.

use crate::ast::{Call, Event, Expr};
use crate::runner::{
    Pending, Runner, Step, Stop, CLIENT_PORT, LOCAL_ADDR, R, REMOTE_ADDR, SERVER_PORT,
};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::time::Duration;
use synack_core::{
    CallError, CongestionKind, Connection, Endpoint, Event as CoreEvent, Instant, SockOpt, State,
};

/// What a file descriptor is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// From `socket()`, not yet listening or connecting.
    Fresh,
    Listener,
    /// The connection: accepted, or the socket that connected.
    Conn,
}

#[derive(Clone, Debug)]
pub(crate) struct Sock {
    pub fd: i64,
    pub role: Role,
    pub nonblock: bool,
    /// `SO_LINGER` with a zero timeout: close() resets.
    pub linger0: bool,
    /// `shutdown(SHUT_RD)`: reads return 0 (Linux `RCV_SHUTDOWN`).
    pub rd_shut: bool,
}

/// The script's descriptors and what the socket layer remembers of the connection.
#[derive(Clone, Debug, Default)]
pub(crate) struct Fds {
    pub socks: Vec<Sock>,
    /// Options set with setsockopt, replayed when the connection is made.
    pub opts: Vec<SockOpt>,
    pub accepted: bool,
    pub established: bool,
    pub eof: bool,
    /// `sk_err`: reported once by the next call (Linux `sock_error`).
    pub sock_err: Option<&'static str>,
}

/// Linux errno numbers (for `SO_ERROR`).
fn errno_number(e: &str) -> i64 {
    match e {
        "EPIPE" => 32,
        "ECONNRESET" => 104,
        "ETIMEDOUT" => 110,
        "ECONNREFUSED" => 111,
        _ => 0,
    }
}

impl Fds {
    /// Learn from an engine event.
    pub fn note(&mut self, e: &CoreEvent) {
        match e {
            CoreEvent::Connected => self.established = true,
            CoreEvent::Eof => self.eof = true,
            CoreEvent::Reset { .. } => self.sock_err = Some("ECONNRESET"),
            CoreEvent::Refused => self.sock_err = Some("ECONNREFUSED"),
            CoreEvent::TimedOut { .. } => self.sock_err = Some("ETIMEDOUT"),
            _ => {}
        }
    }
    /// A listener is open and its connection is over (or never came): a SYN starts a new one.
    pub fn listening(&self) -> bool {
        self.socks.iter().any(|s| s.role == Role::Listener)
    }
    /// Forget the previous connection's state (a listener's next child).
    pub fn new_incarnation(&mut self) {
        self.accepted = false;
        self.established = false;
        self.eof = false;
        self.sock_err = None;
    }
    pub fn info_conn<'a>(&self, c: Option<&'a Connection>) -> Option<&'a Connection> {
        c
    }
    fn get(&self, fd: i64) -> Option<&Sock> {
        self.socks.iter().find(|s| s.fd == fd)
    }
    fn get_mut(&mut self, fd: i64) -> Option<&mut Sock> {
        self.socks.iter_mut().find(|s| s.fd == fd)
    }
}

type Ret = Result<i64, &'static str>;

enum Done {
    Now(Ret),
    Block,
}

fn int_of(e: &Expr) -> Option<i64> {
    match e {
        Expr::Int(v) => Some(*v),
        Expr::List(v) if v.len() == 1 => v.first().and_then(int_of),
        _ => None,
    }
}

fn word(e: Option<&Expr>) -> &str {
    match e {
        Some(Expr::Word(w)) => w,
        _ => "",
    }
}

impl Runner {
    pub(crate) fn call(&mut self, ev: &Event, c: &Call, end_us: Option<u64>) -> R {
        if self.pending.is_some() {
            return Err(Stop::Unsupported(
                ev.line,
                "a system call while another one is blocked".into(),
            ));
        }
        match self.syscall(ev.line, c)? {
            Done::Now(ret) => self.finish(ev.line, c, ret, None),
            Done::Block => {
                self.pending = Some(Pending {
                    ev: ev.clone(),
                    call: c.clone(),
                    end_us,
                });
                Ok(())
            }
        }
    }

    /// Complete a blocked call if it can now return.
    pub(crate) fn try_pending(&mut self) -> R {
        let Some(p) = self.pending.clone() else {
            return Ok(());
        };
        if let Some(ret) = self.attempt(p.ev.line, &p.call)? {
            self.pending = None;
            self.finish(p.ev.line, &p.call, ret, p.end_us)?;
            self.steps.push(Step::Done {
                at: self.now,
                line: p.ev.line,
            });
        }
        Ok(())
    }

    fn finish(&mut self, line: u32, c: &Call, ret: Ret, end_us: Option<u64>) -> R {
        let shown = match ret {
            Ok(v) => format!("{}() = {v}", c.name),
            Err(e) => format!("{}() = -1 {e}", c.name),
        };
        self.steps.push(Step::Call {
            at: self.now,
            text: shown.clone(),
            line,
        });
        if let Some(want) = c.expect.value {
            let got = ret.unwrap_or(-1);
            let errno_ok = match (&c.expect.errno, ret) {
                (Some(w), Err(e)) => w == e,
                (Some(_), Ok(_)) => false,
                (None, _) => true,
            };
            if got != want || (want == -1 && !errno_ok) {
                let w = match &c.expect.errno {
                    Some(e) => format!("{want} {e}"),
                    None => format!("{want}"),
                };
                return Err(Stop::Fail(
                    line,
                    format!("expected {}() = {w}, got {shown}", c.name),
                ));
            }
        }
        if let Some(e) = end_us.filter(|e| *e != u64::MAX) {
            let tol = self.tolerance(e);
            if self.now.abs_diff(e) > tol {
                return Err(Stop::Fail(
                    line,
                    format!(
                        "timing error: expected {}() to return at {} s but it returned at {} s",
                        c.name,
                        crate::runner::secs(e),
                        crate::runner::secs(self.now)
                    ),
                ));
            }
        }
        Ok(())
    }

    pub(crate) fn new_conn(&mut self, port: u16) {
        let mut conn = Connection::new(
            self.env.profile.clone(),
            Endpoint::new(LOCAL_ADDR, port),
            crate::runner::ISN_SECRET,
        );
        let now = Instant(self.now);
        if self.env.congestion != CongestionKind::Cubic {
            let _ = conn.set_option(now, SockOpt::Congestion(self.env.congestion));
        }
        for o in &self.fds.opts {
            let _ = conn.set_option(now, *o);
        }
        self.conn = Some(conn);
    }

    fn fd_arg(&self, line: u32, c: &Call) -> R<Option<Sock>> {
        match c.args.first().and_then(int_of) {
            Some(fd) => Ok(self.fds.get(fd).cloned()),
            None => Err(Stop::Fail(
                line,
                format!("{}(): the first argument must be a descriptor", c.name),
            )),
        }
    }

    fn syscall(&mut self, line: u32, c: &Call) -> R<Done> {
        let unsupported = |w: String| Err(Stop::Unsupported(line, w));
        if c.name == "socket" {
            if !self.fds.socks.is_empty() {
                return unsupported("more than one socket".into());
            }
            if word(c.args.first()) == "AF_INET6" || word(c.args.get(1)) != "SOCK_STREAM" {
                return unsupported("a socket other than an IPv4 TCP socket".into());
            }
            self.fds.socks.push(Sock {
                fd: 3,
                role: Role::Fresh,
                nonblock: false,
                linger0: false,
                rd_shut: false,
            });
            self.new_conn(0);
            return Ok(Done::Now(Ok(3)));
        }
        let Some(sock) = self.fd_arg(line, c)? else {
            return Ok(Done::Now(Err("EBADF")));
        };
        let now = Instant(self.now);
        let ret = match c.name.as_str() {
            "bind" => Ok(0),
            "listen" => {
                if sock.role == Role::Fresh {
                    self.new_conn(SERVER_PORT);
                    if let Some(conn) = self.conn.as_mut() {
                        let _ = conn.listen(now);
                    }
                    if let Some(s) = self.fds.get_mut(sock.fd) {
                        s.role = Role::Listener;
                    }
                    self.drain();
                }
                Ok(0)
            }
            "connect" => {
                if sock.role != Role::Fresh {
                    return Ok(Done::Now(Err(if self.fds.established {
                        "EISCONN"
                    } else {
                        "EALREADY"
                    })));
                }
                self.active = true;
                self.new_conn(CLIENT_PORT);
                if let Some(conn) = self.conn.as_mut() {
                    let _ = conn.connect(now, Endpoint::new(REMOTE_ADDR, SERVER_PORT));
                }
                if let Some(s) = self.fds.get_mut(sock.fd) {
                    s.role = Role::Conn;
                }
                self.drain();
                if sock.nonblock {
                    Err("EINPROGRESS")
                } else {
                    return Ok(Done::Block);
                }
            }
            "accept" | "read" | "recv" => {
                if c.name == "recv" && c.args.get(3).and_then(int_of) != Some(0) {
                    return unsupported("recv() with flags".into());
                }
                return Ok(match self.attempt(line, c)? {
                    Some(r) => Done::Now(r),
                    None if sock.nonblock => Done::Now(Err("EAGAIN")),
                    None => Done::Block,
                });
            }
            "write" | "send" => {
                if c.name == "send" && c.args.get(3).and_then(int_of) != Some(0) {
                    return unsupported("send() with flags".into());
                }
                let n = c
                    .args
                    .get(2)
                    .and_then(int_of)
                    .unwrap_or(0)
                    .clamp(0, 1 << 24);
                if let Some(e) = self.fds.sock_err.take() {
                    Err(e)
                } else if sock.role != Role::Conn {
                    Err("EPIPE")
                } else {
                    let data = alloc::vec![b'x'; n as usize];
                    let r = match self.conn.as_mut() {
                        Some(conn) => conn.send(now, &data),
                        None => Err(CallError::ConnectionDoesNotExist),
                    };
                    self.drain();
                    match r {
                        Ok(k) => Ok(k as i64),
                        Err(CallError::ConnectionDoesNotExist) if !self.fds.established => {
                            Err("ENOTCONN")
                        }
                        Err(_) => Err("EPIPE"),
                    }
                }
            }
            "shutdown" => {
                let how = word(c.args.get(1));
                if matches!(how, "SHUT_RD" | "SHUT_RDWR") {
                    if let Some(s) = self.fds.get_mut(sock.fd) {
                        s.rd_shut = true;
                    }
                }
                if matches!(how, "SHUT_WR" | "SHUT_RDWR") {
                    let r = match self.conn.as_mut() {
                        Some(conn) => conn.shutdown_write(now),
                        None => Err(CallError::ConnectionDoesNotExist),
                    };
                    self.drain();
                    match r {
                        Ok(()) => Ok(0),
                        Err(CallError::ConnectionClosing) => Ok(0),
                        Err(_) => Err("ENOTCONN"),
                    }
                } else if how == "SHUT_RD" {
                    Ok(0)
                } else {
                    return unsupported(format!("shutdown({how})"));
                }
            }
            "close" => {
                self.close(&sock);
                self.fds.socks.retain(|s| s.fd != sock.fd);
                Ok(0)
            }
            "fcntl" => match word(c.args.get(1)) {
                "F_SETFL" => {
                    let flags = c.args.get(2).cloned().unwrap_or(Expr::Int(0));
                    let set = match &flags {
                        Expr::Or(v) => v.iter().any(|e| word(Some(e)) == "O_NONBLOCK"),
                        e => word(Some(e)) == "O_NONBLOCK",
                    };
                    if let Some(s) = self.fds.get_mut(sock.fd) {
                        s.nonblock = set;
                    }
                    Ok(0)
                }
                // O_RDWR (2), plus O_NONBLOCK (04000).
                "F_GETFL" => Ok(2 | if sock.nonblock { 0o4000 } else { 0 }),
                o => return unsupported(format!("fcntl({o})")),
            },
            "setsockopt" => return self.setsockopt(line, c, &sock).map(Done::Now),
            "getsockopt" => return self.getsockopt(line, c).map(Done::Now),
            n => return unsupported(format!("system call {n}()")),
        };
        Ok(Done::Now(ret))
    }

    /// A call that may block: its result if it can return now.
    fn attempt(&mut self, line: u32, c: &Call) -> R<Option<Ret>> {
        let Some(sock) = self.fd_arg(line, c)? else {
            return Ok(Some(Err("EBADF")));
        };
        let state = self.conn.as_ref().map_or(State::Closed, |c| c.state());
        Ok(match c.name.as_str() {
            "accept" => {
                if sock.role != Role::Listener {
                    Some(Err("EINVAL"))
                } else if self.fds.established && !self.fds.accepted {
                    self.fds.accepted = true;
                    // The lowest free descriptor, as Linux gives.
                    let fd = (3..)
                        .find(|n| self.fds.socks.iter().all(|s| s.fd != *n))
                        .unwrap_or(3);
                    self.fds.socks.push(Sock {
                        fd,
                        role: Role::Conn,
                        nonblock: false,
                        linger0: sock.linger0,
                        rd_shut: false,
                    });
                    Some(Ok(fd))
                } else {
                    None
                }
            }
            "connect" => {
                if let Some(e) = self.fds.sock_err.take() {
                    Some(Err(e))
                } else if self.fds.established {
                    Some(Ok(0))
                } else {
                    None
                }
            }
            _ => {
                // read, recv
                let max = c
                    .args
                    .get(2)
                    .and_then(int_of)
                    .unwrap_or(0)
                    .clamp(0, i64::from(u32::MAX));
                let unread = self.conn.as_ref().map_or(0, |c| c.unread());
                let lowat = self
                    .conn
                    .as_ref()
                    .map_or(1, |c| c.options().rcvlowat)
                    .min(max as u32)
                    .max(1);
                if sock.role != Role::Conn {
                    Some(Err("ENOTCONN"))
                } else if unread >= lowat || (unread > 0 && self.fds.eof) {
                    let n = self
                        .conn
                        .as_mut()
                        .map_or(0, |conn| conn.read(Instant(self.now), max as u32));
                    self.drain();
                    Some(Ok(i64::from(n)))
                } else if sock.rd_shut {
                    // Linux tcp_recvmsg: what is queued is still read, then 0.
                    Some(Ok(0))
                } else if let Some(e) = self.fds.sock_err.take() {
                    Some(Err(e))
                } else if self.fds.eof || (state == State::Closed && self.fds.established) {
                    Some(Ok(0))
                } else if !self.fds.established
                    && !matches!(state, State::SynSent | State::SynReceived)
                {
                    Some(Err("ENOTCONN"))
                } else {
                    None
                }
            }
        })
    }

    fn close(&mut self, sock: &Sock) {
        let now = Instant(self.now);
        let Some(conn) = self.conn.as_mut() else {
            return;
        };
        match sock.role {
            Role::Fresh => {}
            // Closing the listener: a connection not yet accepted is reset
            // (Linux inet_csk_listen_stop); an accepted one lives on.
            Role::Listener => {
                if !self.fds.accepted {
                    if matches!(conn.state(), State::Listen) {
                        let _ = conn.close(now);
                    } else {
                        let _ = conn.abort(now);
                    }
                }
            }
            Role::Conn => {
                // Linux tcp_close: unread data, or SO_LINGER with a zero timeout, resets.
                if conn.unread() > 0 || sock.linger0 {
                    let _ = conn.abort(now);
                } else {
                    let _ = conn.close(now);
                }
            }
        }
        self.drain();
    }

    fn setsockopt(&mut self, line: u32, c: &Call, sock: &Sock) -> R<Ret> {
        let level = word(c.args.get(1));
        let name = word(c.args.get(2));
        let val = c.args.get(3);
        let n = val.and_then(int_of);
        let num = |what: &str| {
            n.ok_or_else(|| Stop::Fail(line, format!("setsockopt({what}) needs an integer")))
        };
        let secs = |v: i64| Duration::from_secs(u64::try_from(v).unwrap_or(0));
        let opt = match (level, name) {
            ("SOL_SOCKET", "SO_REUSEADDR" | "SO_REUSEPORT") => None,
            ("SOL_SOCKET", "SO_RCVBUF") => {
                Some(SockOpt::RcvBuf(num(name)?.clamp(0, 1 << 30) as u32))
            }
            ("SOL_SOCKET", "SO_SNDBUF") => {
                Some(SockOpt::SndBuf(num(name)?.clamp(0, 1 << 30) as u32))
            }
            ("SOL_SOCKET", "SO_KEEPALIVE") => Some(SockOpt::KeepAlive(num(name)? != 0)),
            ("SOL_SOCKET", "SO_RCVLOWAT") => Some(SockOpt::RcvLowat(
                num(name)?.clamp(0, i64::from(u32::MAX)) as u32,
            )),
            ("SOL_SOCKET", "SO_LINGER") => {
                let fields = match val {
                    Some(Expr::Struct(f)) => f.clone(),
                    _ => Vec::new(),
                };
                let get = |k: &[&str]| {
                    fields
                        .iter()
                        .find(|(n, _)| k.contains(&n.as_str()))
                        .and_then(|(_, e)| int_of(e))
                };
                let on = get(&["l_onoff", "onoff"]).unwrap_or(0);
                let secs = get(&["l_linger", "linger"]).unwrap_or(0);
                if on != 0 && secs != 0 {
                    return Err(Stop::Unsupported(line, "SO_LINGER with a timeout".into()));
                }
                if let Some(s) = self.fds.get_mut(sock.fd) {
                    s.linger0 = on != 0;
                }
                None
            }
            ("IPPROTO_TCP" | "SOL_TCP", "TCP_NODELAY") => Some(SockOpt::NoDelay(num(name)? != 0)),
            ("IPPROTO_TCP" | "SOL_TCP", "TCP_KEEPIDLE") => {
                Some(SockOpt::KeepIdle(secs(num(name)?)))
            }
            ("IPPROTO_TCP" | "SOL_TCP", "TCP_KEEPINTVL") => {
                Some(SockOpt::KeepIntvl(secs(num(name)?)))
            }
            ("IPPROTO_TCP" | "SOL_TCP", "TCP_KEEPCNT") => {
                Some(SockOpt::KeepCnt(num(name)?.clamp(0, 255) as u8))
            }
            ("IPPROTO_TCP" | "SOL_TCP", "TCP_CONGESTION") => match val {
                Some(Expr::Str(s)) if s == "cubic" => {
                    Some(SockOpt::Congestion(CongestionKind::Cubic))
                }
                Some(Expr::Str(s)) if s == "reno" => {
                    Some(SockOpt::Congestion(CongestionKind::Reno))
                }
                _ => {
                    return Err(Stop::Unsupported(
                        line,
                        "a congestion control other than cubic or reno".into(),
                    ))
                }
            },
            (l, n) => return Err(Stop::Unsupported(line, format!("setsockopt({l}, {n})"))),
        };
        if let Some(o) = opt {
            self.fds.opts.push(o);
            if let Some(conn) = self.conn.as_mut() {
                let _ = conn.set_option(Instant(self.now), o);
            }
            self.drain();
        }
        Ok(Ok(0))
    }

    fn getsockopt(&mut self, line: u32, c: &Call) -> R<Ret> {
        let name = word(c.args.get(2));
        let Some(conn) = self.conn.as_ref() else {
            return Ok(Err("EBADF"));
        };
        let o = *conn.options();
        let got: i64 = match name {
            "SO_ERROR" => self.fds.sock_err.take().map_or(0, errno_number),
            "TCP_NODELAY" => i64::from(o.nodelay),
            "SO_KEEPALIVE" => i64::from(o.keepalive),
            "TCP_KEEPIDLE" => o.keepalive_params.idle.as_secs() as i64,
            "TCP_KEEPINTVL" => o.keepalive_params.interval.as_secs() as i64,
            "TCP_KEEPCNT" => i64::from(o.keepalive_params.count),
            "SO_RCVLOWAT" => i64::from(o.rcvlowat),
            "SO_RCVBUF" if o.rcvbuf.is_some() => i64::from(o.rcvbuf.unwrap_or(0)),
            "SO_SNDBUF" if o.sndbuf.is_some() => i64::from(o.sndbuf.unwrap_or(0)),
            "TCP_CONGESTION" => {
                let have = match o.congestion {
                    CongestionKind::Cubic => "cubic",
                    CongestionKind::Reno => "reno",
                };
                if let Some(Expr::Str(want)) = c.args.get(3) {
                    if want != have {
                        return Err(Stop::Fail(
                            line,
                            format!("TCP_CONGESTION is {have}, not {want}"),
                        ));
                    }
                }
                return Ok(Ok(0));
            }
            n => return Err(Stop::Unsupported(line, format!("getsockopt({n})"))),
        };
        if let Some(want) = c.args.get(3).and_then(int_of) {
            if want != got {
                return Err(Stop::Fail(
                    line,
                    format!("getsockopt({name}) gave {got}, expected {want}"),
                ));
            }
        }
        let _: Option<String> = None;
        Ok(Ok(0))
    }
}
