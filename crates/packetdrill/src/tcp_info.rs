//! The `tcp_info` fields a `%{ }%` block reads (Linux `tcp_get_info`), from the engine's TCB.
//! Linux counts the congestion window and ssthresh in segments (`snd_cwnd`, in units of
//! `mss_cache`); the engine counts bytes, so they are divided by the effective MSS.
//! Fields the engine's snapshot does not carry yet are reported as unsupported.

use alloc::format;
use alloc::string::String;
use synack_core::{Connection, State};

/// Linux's `TCP_INFINITE_SSTHRESH`.
const INFINITE_SSTHRESH: i64 = 0x7fff_ffff;

/// Linux's `TCP_ESTABLISHED` … `TCP_CLOSING` (include/net/tcp_states.h).
pub fn state_number(s: State) -> i64 {
    match s {
        State::Established => 1,
        State::SynSent => 2,
        State::SynReceived => 3,
        State::FinWait1 => 4,
        State::FinWait2 => 5,
        State::TimeWait => 6,
        State::Closed => 7,
        State::CloseWait => 8,
        State::LastAck => 9,
        State::Listen => 10,
        State::Closing => 11,
    }
}

/// Constants a block may name.
fn constant(name: &str) -> Option<i64> {
    Some(match name {
        "TCP_CA_Open" => 0,
        "TCP_CA_Disorder" => 1,
        "TCP_CA_CWR" => 2,
        "TCP_CA_Recovery" => 3,
        "TCP_CA_Loss" => 4,
        "TCP_ESTABLISHED" => 1,
        "TCP_SYN_SENT" => 2,
        "TCP_SYN_RECV" => 3,
        "TCP_FIN_WAIT1" => 4,
        "TCP_FIN_WAIT2" => 5,
        "TCP_TIME_WAIT" => 6,
        "TCP_CLOSE" => 7,
        "TCP_CLOSE_WAIT" => 8,
        "TCP_LAST_ACK" => 9,
        "TCP_LISTEN" => 10,
        "TCP_CLOSING" => 11,
        "TCP_INFINITE_SSTHRESH" => INFINITE_SSTHRESH,
        _ => return None,
    })
}

/// Why a name cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Missing {
    /// A real `tcp_info` field the engine does not expose (yet).
    Unsupported(String),
    /// Not a field or constant at all.
    Unknown(String),
}

/// The value of a field or constant.
pub fn lookup(conn: Option<&Connection>, name: &str) -> Result<i64, Missing> {
    if let Some(v) = constant(name) {
        return Ok(v);
    }
    let Some(conn) = conn else {
        return Err(Missing::Unsupported(format!(
            "{name} before a connection exists"
        )));
    };
    let t = conn.tcb();
    let mss = i64::from(t.mss.max(1));
    Ok(match name {
        "tcpi_state" => state_number(t.state),
        "tcpi_snd_cwnd" | "tcpi_cwnd" => i64::from(t.cwnd) / mss,
        "tcpi_snd_ssthresh" => {
            if t.ssthresh == u32::MAX {
                INFINITE_SSTHRESH
            } else {
                i64::from(t.ssthresh) / mss
            }
        }
        "tcpi_rto" => t.rto.as_micros().try_into().unwrap_or(i64::MAX),
        "tcpi_rtt" => t
            .srtt
            .map_or(0, |d| d.as_micros().try_into().unwrap_or(i64::MAX)),
        "tcpi_rttvar" => t.rttvar.as_micros().try_into().unwrap_or(i64::MAX),
        "tcpi_snd_mss" => mss,
        "tcpi_snd_wnd" => i64::from(t.snd_wnd),
        n if n.starts_with("tcpi_") => {
            return Err(Missing::Unsupported(format!(
                "tcp_info field {n} (the engine's snapshot does not carry it)"
            )))
        }
        n => return Err(Missing::Unknown(String::from(n))),
    })
}
