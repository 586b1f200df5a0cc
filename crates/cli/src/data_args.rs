//! The data phase's options of `run`, `compare` and `quiz` (`--cc`, `--nagle`, `--size`,
//! `--read`, `--bw`, `--queue`): the web page's URL parameters, with synack-sim's parsers,
//! bounds and messages (`synack_sim::overrides`).

use crate::args::ArgError;
use synack_core::CongestionKind;
use synack_sim::overrides::{self, DataOverrides, OverrideError, Read};

/// The data phase's settings (synack-sim's `overrides`: the web page's URL parameters).
#[derive(clap::Args, Debug, Default)]
pub struct DataOpts {
    #[arg(long, value_parser = |v: &str| said(overrides::parse_cc(v)))]
    pub cc: Option<CongestionKind>,
    #[arg(long, value_parser = |v: &str| said(overrides::parse_nagle(v)))]
    pub nagle: Option<bool>,
    #[arg(long, allow_hyphen_values = true, value_parser = |v: &str| said(overrides::parse_size(v)))]
    pub size: Option<u32>,
    #[arg(long, value_parser = |v: &str| said(overrides::parse_read(v)))]
    pub read: Option<Read>,
    #[arg(long, allow_hyphen_values = true, value_parser = |v: &str| said(overrides::parse_bw(v)))]
    pub bw: Option<u32>,
    #[arg(long, allow_hyphen_values = true, value_parser = |v: &str| said(overrides::parse_queue(v)))]
    pub queue: Option<u32>,
}

impl DataOpts {
    /// The settings; a bottleneck or queue of 0 is none.
    pub fn overrides(&self) -> DataOverrides {
        DataOverrides {
            cc: self.cc,
            nagle: self.nagle,
            size_kb: self.size,
            read: self.read,
            bw_mbps: self.bw.filter(|&n| n > 0),
            queue_pkts: self.queue.filter(|&n| n > 0),
        }
    }
}

/// A setting's error as an option's: `--read: “x” (at character 6 of “slow:x”) is …`.
fn said<T>(r: Result<T, OverrideError>) -> Result<T, ArgError> {
    r.map_err(|e| ArgError(format!("--{}: {}", e.knob, e.message())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::{parse, Command};

    fn v(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn data_phase_options_are_the_urls() {
        let Command::Run(r) = parse(&v(
            "run bulk-transfer --cc Reno --nagle off --size 300 --read paused:2 --bw 10 --queue 0",
        ))
        .unwrap() else {
            panic!()
        };
        let mut want = DataOverrides::default();
        for (k, val) in [
            ("cc", "reno"),
            ("nagle", "0"),
            ("size", "300"),
            ("read", "paused:2"),
            ("bw", "10"),
        ] {
            want.set(overrides::Knob::named(k).unwrap(), val).unwrap();
        }
        assert_eq!(r.data, want);
        assert_eq!(r.data.queue_pkts, None, "0: no limit");
        let Command::Quiz(q) = parse(&v("quiz upload-100k --size 30 --read slow:20")).unwrap()
        else {
            panic!()
        };
        assert_eq!(
            (q.run.data.size_kb, q.run.data.read),
            (Some(30), Some(Read::Slow(20)))
        );
        let Command::Compare(c) = parse(&v("compare upload-100k g --cc reno")).unwrap() else {
            panic!()
        };
        assert_eq!(c.run.data.cc, Some(CongestionKind::Reno));
    }
}
