//! The data-phase presets (issue 12): the programs of the real Linux captures in
//! `tests/fixtures/linux-data` (their README and `*.app.log` say what each did), over the
//! same wire: 50 ms each way, no jitter, the client at 0 and the Linux profile.

use crate::scenario::{Blackout, Call, Fault, Reader, Scenario, Script, SockOpts, Trigger, Writer};
use crate::trace::Side;
use synack_core::CongestionKind;

fn cc(k: CongestionKind) -> SockOpts {
    SockOpts::default().congestion(k)
}

/// `upload-100k` and its variants: the client (SO_SNDBUF 1 MiB) writes `bytes` in one
/// `sendall` and closes `close_after_us` after it returned; the server sets SO_RCVLOWAT to
/// `bytes` on the accepted socket, so its read returns only when everything has arrived,
/// reads to EOF and closes.
fn upload_with(bytes: u32, k: CongestionKind, close_after_us: u64) -> Scenario {
    Scenario::new("")
        .client(
            Script::new()
                .at_ms(0, Call::Connect)
                .setsockopt(cc(k).sndbuf(1 << 20))
                .writer(Writer::once(bytes).then_close_us(close_after_us)),
        )
        .server(
            Script::new()
                .at_ms(0, Call::Listen)
                .setsockopt(cc(k))
                .setsockopt_accepted(SockOpts::default().rcvlowat(bytes))
                .on(Trigger::Eof, 0, Call::Close),
        )
}

fn upload(bytes: u32) -> Scenario {
    upload_with(bytes, CongestionKind::Cubic, 0)
}

/// Drop the client's `n`-th data segment (from 1, retransmissions counted).
fn lose(n: u32) -> Fault {
    Fault::drop_data(Side::Client, n, 0)
}

pub(super) fn upload_100k() -> Scenario {
    upload(100_000)
}

pub(super) fn fast_retransmit() -> Scenario {
    upload(100_000).fault(lose(20))
}

pub(super) fn fast_retransmit_reno() -> Scenario {
    upload_with(100_000, CongestionKind::Reno, 0).fault(lose(20))
}

pub(super) fn burst_loss() -> Scenario {
    upload(100_000)
        .fault(lose(20))
        .fault(lose(21))
        .fault(lose(22))
}

pub(super) fn burst_loss_reno() -> Scenario {
    upload_with(100_000, CongestionKind::Reno, 0)
        .fault(lose(20))
        .fault(lose(21))
        .fault(lose(22))
}

pub(super) fn retransmission_lost() -> Scenario {
    upload(100_000).fault(Fault::drop_data(Side::Client, 20, 1))
}

pub(super) fn tail_loss_probe() -> Scenario {
    upload(20_000).fault(lose(14))
}

pub(super) fn tail_rto() -> Scenario {
    upload(20_000).fault(Fault::drop_data(Side::Client, 14, 1))
}

/// The FIN leaves on its own: the client closes 5 ms after its write.
pub(super) fn rack_reorder() -> Scenario {
    upload_with(10_000, CongestionKind::Cubic, 5_000).fault(lose(7))
}

pub(super) fn zero_window() -> Scenario {
    Scenario::new("")
        .client(
            Script::new()
                .at_ms(0, Call::Connect)
                .setsockopt(cc(CongestionKind::Cubic))
                .writer(Writer::once(20_000).then_close_us(0)),
        )
        .server(
            Script::new()
                .at_ms(0, Call::Listen)
                .setsockopt(cc(CongestionKind::Cubic).rcvbuf(2_048))
                .reader(Reader::After {
                    delay_us: 3_000_000,
                })
                .on(Trigger::Eof, 0, Call::Close),
        )
}

fn small_writes(nodelay: bool) -> Scenario {
    let mut opts = cc(CongestionKind::Cubic);
    if nodelay {
        opts = opts.nodelay(true);
    }
    Scenario::new("")
        .client(
            Script::new()
                .at_ms(0, Call::Connect)
                .setsockopt(opts)
                .writer(Writer::repeat(20, 10, 8).then_close_ms(8)),
        )
        .server(
            Script::new()
                .at_ms(0, Call::Listen)
                .setsockopt(cc(CongestionKind::Cubic))
                .on(Trigger::Eof, 0, Call::Close),
        )
}

pub(super) fn nagle() -> Scenario {
    small_writes(false)
}

pub(super) fn nodelay() -> Scenario {
    small_writes(true)
}

pub(super) fn keepalive() -> Scenario {
    Scenario::new("")
        .client(
            Script::new()
                .at_ms(0, Call::Connect)
                .setsockopt(cc(CongestionKind::Cubic).keepalive(2_000, 1_000, 3)),
        )
        .server(
            Script::new()
                .at_ms(0, Call::Listen)
                .setsockopt(cc(CongestionKind::Cubic))
                .on(Trigger::Connected, 6_000, Call::Abort),
        )
        .blackout(Blackout::AfterHandshake)
}
