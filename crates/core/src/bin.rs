//! The compact binary form of the types a trace holds (feature `bin`): what the web app's
//! main module and its lazily fetched second module (`web/extras`) hand each other, since the
//! derives of `nanoserde` cost far less WebAssembly than serde's (docs/WEB.md, "Two modules").
//! Both modules come from the same build, so the form needs no versioning; a byte string that
//! does not decode is an error, never a panic, and never a large allocation.
//!
//! `nanoserde` has no impls for `core::time::Duration` or `VecDeque`, and the orphan rule
//! forbids adding them: fields of those types name a proxy here (`#[nserde(proxy = …)]`).

use alloc::collections::VecDeque;
use alloc::vec::Vec;
use core::time::Duration;
use nanoserde::{DeBin, DeBinErr, SerBin};

/// A `Duration` in nanoseconds (smoothed RTTs have sub-microsecond parts).
#[derive(nanoserde::SerBin, nanoserde::DeBin)]
pub struct Nanos(u64);

impl From<&Duration> for Nanos {
    fn from(d: &Duration) -> Nanos {
        Nanos(u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
    }
}

impl From<&Nanos> for Duration {
    fn from(u: &Nanos) -> Duration {
        Duration::from_nanos(u.0)
    }
}

/// An `Option<Duration>` in nanoseconds.
#[derive(nanoserde::SerBin, nanoserde::DeBin)]
pub struct OptNanos(Option<u64>);

impl From<&Option<Duration>> for OptNanos {
    fn from(d: &Option<Duration>) -> OptNanos {
        OptNanos(d.map(|d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)))
    }
}

impl From<&OptNanos> for Option<Duration> {
    fn from(u: &OptNanos) -> Option<Duration> {
        u.0.map(Duration::from_nanos)
    }
}

/// A `VecDeque` as a sequence.
pub struct Deque<T>(Vec<T>);

impl<T: Clone> From<&VecDeque<T>> for Deque<T> {
    fn from(d: &VecDeque<T>) -> Deque<T> {
        Deque(d.iter().cloned().collect())
    }
}

impl<T: Clone> From<&Deque<T>> for VecDeque<T> {
    fn from(d: &Deque<T>) -> VecDeque<T> {
        d.0.iter().cloned().collect()
    }
}

impl<T: SerBin> SerBin for Deque<T> {
    fn ser_bin(&self, s: &mut Vec<u8>) {
        self.0.ser_bin(s)
    }
}

impl<T: DeBin> DeBin for Deque<T> {
    fn de_bin(o: &mut usize, d: &[u8]) -> Result<Deque<T>, DeBinErr> {
        Vec::de_bin(o, d).map(Deque)
    }
}

impl SerBin for crate::Rfc {
    fn ser_bin(&self, s: &mut Vec<u8>) {
        let i = crate::Rfc::ALL.iter().position(|r| r == self).unwrap_or(0);
        u16::try_from(i).unwrap_or(0).ser_bin(s)
    }
}

impl DeBin for crate::Rfc {
    fn de_bin(o: &mut usize, d: &[u8]) -> Result<crate::Rfc, DeBinErr> {
        let at = *o;
        let i = u16::de_bin(o, d)?;
        crate::Rfc::ALL
            .get(usize::from(i))
            .copied()
            .ok_or_else(|| DeBinErr::new(at, 2, d.len()))
    }
}

/// A field's value in the binary form: itself, or (for `Duration`) its proxy.
trait Field: Sized {
    fn put(&self, s: &mut Vec<u8>);
    fn take(o: &mut usize, d: &[u8]) -> Result<Self, DeBinErr>;
}

impl<T: SerBin + DeBin> Field for T {
    fn put(&self, s: &mut Vec<u8>) {
        self.ser_bin(s)
    }
    fn take(o: &mut usize, d: &[u8]) -> Result<T, DeBinErr> {
        T::de_bin(o, d)
    }
}

fn put_nanos(d: &Duration, s: &mut Vec<u8>) {
    Nanos::from(d).ser_bin(s)
}

fn take_nanos(o: &mut usize, d: &[u8]) -> Result<Duration, DeBinErr> {
    Nanos::de_bin(o, d).map(|u| Duration::from(&u))
}

/// `SerBin` and `DeBin` for an enum whose variants hold `Duration`s, which `nanoserde`'s
/// derive cannot proxy inside a variant: each variant by its index, then its fields in order
/// (`name` plain, `name: ns` a `Duration`).
macro_rules! bin_enum {
    ($ty:path { $( $v:ident $( { $( $f:ident $(: $ns:ident)? ),* } )? $( ( $( $t:ident $(: $tns:ident)? ),* ) )? ),* $(,)? }) => {
        impl SerBin for $ty {
            fn ser_bin(&self, s: &mut Vec<u8>) {
                use $ty as E;
                // Every variant is listed (a new one fails to compile here).
                match self {
                    $( E::$v { .. } => {} )*
                }
                let mut i = 0u16;
                $(
                    #[allow(unused_variables)]
                    if let E::$v $( { $( $f ),* } )? $( ( $( $t ),* ) )? = self {
                        i.ser_bin(s);
                        $( $( bin_enum!(@put $f $($ns)?, s); )* )?
                        $( $( bin_enum!(@put $t $($tns)?, s); )* )?
                        return;
                    }
                    i += 1;
                )*
                let _ = i;
            }
        }

        impl DeBin for $ty {
            fn de_bin(o: &mut usize, d: &[u8]) -> Result<$ty, DeBinErr> {
                use $ty as E;
                let at = *o;
                let tag = u16::de_bin(o, d)?;
                let mut i = 0u16;
                $(
                    if tag == i {
                        return Ok(E::$v
                            $( { $( $f: bin_enum!(@take $($ns)?, o, d) ),* } )?
                            $( ( $( bin_enum!(@take $($tns)?, o, d) ),* ) )?
                        );
                    }
                    i += 1;
                )*
                let _ = i;
                Err(DeBinErr::new(at, 2, d.len()))
            }
        }
    };
    (@put $f:ident ns, $s:ident) => { put_nanos($f, $s) };
    (@put $f:ident, $s:ident) => { Field::put($f, $s) };
    (@take ns, $o:ident, $d:ident) => { take_nanos($o, $d)? };
    (@take , $o:ident, $d:ident) => { Field::take($o, $d)? };
}

bin_enum!(crate::Event {
    StateChanged { from, to, cause, rfc },
    SegmentSent { seq, ack, flags, len, reason },
    SegmentAccepted { seq, flags, len },
    SegmentRejected { seq, ack, flags, reason, rfc },
    TimerArmed { timer, at, duration: ns },
    TimerFired { timer },
    TimerCancelled { timer },
    Retransmission { seq, flags, len, attempt, rto: ns },
    RttSample { rtt: ns, srtt: ns, rttvar: ns, rto: ns },
    Connected,
    DataReceived { data },
    DataAcked { ack, bytes },
    Eof,
    Reset { in_state },
    Refused,
    TimedOut { in_state },
    Closed,
    SendBlocked { limit },
    CaStateChanged { from, to, cwnd, ssthresh },
});

bin_enum!(crate::SockOpt {
    NoDelay(a),
    KeepAlive(a),
    KeepIdle(a: ns),
    KeepIntvl(a: ns),
    KeepCnt(a),
    Congestion(a),
    SndBuf(a),
    RcvBuf(a),
    RcvLowat(a),
});
