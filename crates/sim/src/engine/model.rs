//! The application model at run time: socket options at listen()/connect() and when the
//! connection is established, the reader (when the program reads what has arrived, and so
//! when it learns of data and EOF), and the writer (blocking writes, the rest written as the
//! core accepts more).

use super::{PerSide, Sim, What};
use crate::scenario::{
    copy_us, filler_at, filler_stream, Call, Reader, SockOpts, Trigger, RATE_TICK_US,
};
use crate::trace::{AppCall, SendData, Side, TraceEventKind};
use alloc::string::ToString;
use synack_core::CallError;

/// One side's application, as it runs.
#[derive(Clone, Debug, Default)]
pub(super) struct AppRun {
    /// The core reported EOF (the peer's FIN), not yet told to a deferred reader.
    eof_seen: bool,
    /// An `After` reader has started reading.
    reading: bool,
    /// A `Rate` reader's next read is queued.
    tick_armed: bool,
    /// The writer's current write (0-based) and its bytes not yet accepted by the core.
    write_index: u32,
    write_left: u32,
    /// The writer stopped (its send failed).
    write_failed: bool,
    /// Where this side's last send ended in the shared filler stream (`filler_stream`).
    stream_at: usize,
}

impl Sim<'_> {
    /// Does `side`'s application learn of data and EOF only by reading (so that reading
    /// later than arrival delays `on_data` and `on_eof`)? Not for the default reader without
    /// `SO_RCVLOWAT`, which reads everything the instant it arrives (the model before the
    /// data phase; its traces are unchanged).
    pub(super) fn deferred(&self, side: Side) -> bool {
        let app = &self.sc.script(side).app;
        app.reader != Reader::Instant
            || app.sockopts.rcvlowat.is_some()
            || app.accepted_sockopts.rcvlowat.is_some()
    }

    /// The core reported EOF to a deferred reader: remember it until everything is read.
    pub(super) fn note_eof(&mut self, side: Side) {
        self.app_run.get_mut(side).eof_seen = true;
    }

    /// `setsockopt` calls on `side`'s socket (errors go into the trace as the program would
    /// see them, but the core refuses none today).
    pub(super) fn set_options(&mut self, side: Side, opts: &SockOpts) {
        let now = self.now;
        for o in opts.calls() {
            let result = self.conn(side).set_option(now, o);
            self.rec.event(
                now,
                side,
                TraceEventKind::App {
                    call: AppCall::SetOption { opt: o },
                    error: result.err().map(|e| e.to_string()),
                },
            );
        }
    }

    /// Before listen()/connect(): the options a program sets on a fresh socket. (The reader
    /// and writer run once per run, like the reaction lists: a second open does not restart
    /// them.)
    pub(super) fn before_open(&mut self, side: Side) {
        let opts = self.sc.script(side).app.sockopts.clone();
        if !opts.is_empty() {
            self.set_options(side, &opts);
        }
    }

    /// connect()/accept() returned: the options on the connected socket, the writer's first
    /// write, the delayed reader's start.
    pub(super) fn on_connected(&mut self, side: Side) {
        let app = &self.sc.script(side).app;
        let base = self.now.0.saturating_add(self.cfg.app_delay_us);
        let (accepted, reader, writer) =
            (!app.accepted_sockopts.is_empty(), app.reader, app.writer);
        if accepted {
            self.push(base, What::SetOpts(side));
        }
        if let Some(w) = writer {
            let at = base
                .saturating_add(w.after_us)
                .saturating_add(copy_us(w.bytes));
            self.push(at, What::Write(side));
        }
        if let Reader::After { delay_us } = reader {
            self.push(base.saturating_add(delay_us), What::ReadStart(side));
        }
    }

    /// The options of the connected socket, now.
    pub(super) fn accepted_options(&mut self, side: Side) {
        let opts = self.sc.script(side).app.accepted_sockopts.clone();
        self.set_options(side, &opts);
        self.drain(side);
    }

    /// An `After` reader starts reading.
    pub(super) fn read_start(&mut self, side: Side) {
        self.app_run.get_mut(side).reading = true;
        self.drain(side);
    }

    /// A `Rate` reader's tick: read up to a tick's worth.
    pub(super) fn read_tick(&mut self, side: Side) {
        self.app_run.get_mut(side).tick_armed = false;
        if let Reader::Rate { bytes_per_sec } = self.sc.script(side).app.reader {
            let budget = bytes_per_sec.saturating_mul(RATE_TICK_US) / 1_000_000;
            let budget = budget.clamp(1, u64::from(u32::MAX)) as u32;
            self.read_some(side, budget);
        }
        self.drain(side);
    }

    /// The writer's current write has been copied: hand its bytes to the core.
    pub(super) fn write(&mut self, side: Side) {
        let Some(w) = self.sc.script(side).app.writer else {
            return;
        };
        let now = self.now;
        let run = self.app_run.get(side);
        if run.write_failed || run.write_index >= w.count {
            return;
        }
        // The core takes what fits in its send buffer (`Connection::send`): offering only that
        // much is the same call, without making a long write's whole filler.
        let take = (w.bytes as usize).min(self.conn(side).send_space() as usize);
        let result = self.send_filler(side, 0, take);
        let error = match result {
            Ok(n) => {
                let run = self.app_run.get_mut(side);
                run.write_left = w.bytes.saturating_sub(n as u32);
                None
            }
            Err(e) => {
                let run = self.app_run.get_mut(side);
                run.write_failed = true;
                run.write_left = 0;
                Some(e.to_string())
            }
        };
        self.rec.event(
            now,
            side,
            TraceEventKind::App {
                call: AppCall::Send {
                    data: SendData::filler(w.bytes),
                },
                error,
            },
        );
        if self.app_run.get(side).write_left == 0 {
            self.write_done(side);
        }
        self.drain(side);
    }

    /// A write completed (every byte accepted): the next one after `every`, or the close.
    fn write_done(&mut self, side: Side) {
        let Some(w) = self.sc.script(side).app.writer else {
            return;
        };
        let run = self.app_run.get_mut(side);
        if run.write_failed {
            return;
        }
        run.write_index = run.write_index.saturating_add(1);
        let now = self.now.0;
        if run.write_index < w.count {
            let at = now
                .saturating_add(w.every_us)
                .saturating_add(copy_us(w.bytes));
            self.push(at, What::Write(side));
        } else if let Some(after) = w.close_after_us {
            self.push(now.saturating_add(after), What::App(side, Call::Close));
        }
    }

    /// What the application does after an input to `side`: read as its reader reads, and
    /// write the rest of a write the core did not take at once. True if it did anything
    /// (the core may then have more to say).
    pub(super) fn app_act(&mut self, side: Side) -> bool {
        let mut acted = false;
        let reader = self.sc.script(side).app.reader;
        let run = self.app_run.get(side).clone();
        let unread = self.conns.get(side).unread();
        match reader {
            Reader::Instant | Reader::Lowat(_) => acted |= self.read_some(side, u32::MAX),
            Reader::After { .. } if run.reading => acted |= self.read_some(side, u32::MAX),
            Reader::Rate { .. } if unread > 0 && !run.tick_armed => {
                self.app_run.get_mut(side).tick_armed = true;
                let at = self.now.0.saturating_add(RATE_TICK_US);
                self.push(at, What::ReadTick(side));
            }
            _ => {}
        }
        if self.deferred(side) {
            let run = self.app_run.get(side);
            if run.eof_seen && self.conns.get(side).unread() == 0 && self.reads_at_all(side) {
                self.app_run.get_mut(side).eof_seen = false;
                self.react(side, Trigger::Eof);
            }
        }
        if run.write_left > 0 && !run.write_failed {
            acted |= self.write_rest(side, run.write_left);
        }
        acted
    }

    /// Whether the reader ever reads (a `None` reader never learns of EOF).
    fn reads_at_all(&self, side: Side) -> bool {
        match self.sc.script(side).app.reader {
            Reader::None => false,
            Reader::After { .. } => self.app_run.get(side).reading,
            _ => true,
        }
    }

    /// Read up to `max` bytes if the read may return: at least the low-water mark waits (the
    /// reader's own, else `SO_RCVLOWAT`), or EOF came. True if anything was read.
    fn read_some(&mut self, side: Side, max: u32) -> bool {
        let now = self.now;
        let lowat = match self.sc.script(side).app.reader {
            Reader::Lowat(n) => n,
            _ => self.conns.get(side).options().rcvlowat,
        };
        let unread = self.conns.get(side).unread();
        if unread == 0 || (unread < lowat && !self.app_run.get(side).eof_seen) {
            return false;
        }
        let n = self.conn(side).read(now, max);
        if n > 0 {
            self.rec.event(
                now,
                side,
                TraceEventKind::App {
                    call: AppCall::Read { bytes: n },
                    error: None,
                },
            );
        }
        if n > 0 && self.deferred(side) {
            self.react(side, Trigger::Data);
        }
        n > 0
    }

    /// SEND of octets `done..done + take` of a write of filler, handed to the core as a window
    /// into the shared filler stream (`Connection::send_bytes`: no copy). The window continues
    /// this side's last one when the pattern lines up there, so that the core sees one run of
    /// octets and cuts every segment from it; else it starts at the right letter near the
    /// stream's start. Only a send longer than the stream is copied (`Connection::send`).
    pub(super) fn send_filler(
        &mut self,
        side: Side,
        done: usize,
        take: usize,
    ) -> Result<usize, CallError> {
        let now = self.now;
        let stream = filler_stream();
        let phase = done % 26;
        let at = self.app_run.get(side).stream_at;
        let start = if at % 26 == phase && at.saturating_add(take) <= stream.len() {
            at
        } else {
            phase
        };
        if start.saturating_add(take) > stream.len() {
            return self.conn(side).send(now, &filler_at(done, take));
        }
        let sent = self
            .conn(side)
            .send_bytes(now, &stream.slice(start, start + take));
        if let Ok(n) = sent {
            self.app_run.get_mut(side).stream_at = start + n;
        }
        sent
    }

    /// `sendall` goes on: offer the core the bytes it has not taken yet.
    fn write_rest(&mut self, side: Side, left: u32) -> bool {
        let Some(w) = self.sc.script(side).app.writer else {
            return false;
        };
        let done = w.bytes.saturating_sub(left) as usize;
        let take = (left as usize).min(self.conn(side).send_space() as usize);
        let n = match self.send_filler(side, done, take) {
            Ok(n) => n as u32,
            Err(_) => {
                let run = self.app_run.get_mut(side);
                run.write_failed = true;
                run.write_left = 0;
                return false;
            }
        };
        let run = self.app_run.get_mut(side);
        run.write_left = left.saturating_sub(n);
        if run.write_left == 0 {
            self.write_done(side);
        }
        n > 0
    }
}

/// Per-side run state, empty.
pub(super) fn app_runs() -> PerSide<AppRun> {
    PerSide::default()
}
