//! Backquoted shell commands, as TCP scripts use them: `sysctl -q net.ipv4.tcp_x=v …` and the
//! suites' `defaults.sh`. Each `net.ipv4.tcp_*` knob maps to a [`Profile`] field or to the
//! default socket options; knobs the engine does not model are accepted only at the value
//! whose behaviour the engine has (e.g. `tcp_ecn=0`), and anything else is unsupported.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::time::Duration;
use synack_core::{CongestionKind, Profile};

/// What the script's commands set up for the sockets it opens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Env {
    pub profile: Profile,
    /// `net.ipv4.tcp_congestion_control`: the default of `TCP_CONGESTION`.
    pub congestion: CongestionKind,
}

/// Linux's `tcp_select_initial_window`: the window-scale shift a receive buffer of `space`
/// bytes needs (the largest of `tcp_rmem[2]` and `rmem_max`), at most 14 (RFC 7323 §2.3).
pub fn wscale_for(space: u32) -> u8 {
    let mut space = space;
    let mut ws = 0u8;
    while space > 65535 && ws < 14 {
        space >>= 1;
        ws += 1;
    }
    ws
}

impl Env {
    /// The `linux` profile with the kernel selftests' `defaults.sh`
    /// (tools/testing/selftests/net/packetdrill/): `tcp_rmem` max 15 MiB (window scale 8),
    /// `tcp_syn_retries` and `tcp_synack_retries` 5, CUBIC.
    pub fn selftests() -> Env {
        let mut profile = Profile::linux();
        profile.window_scale = Some(wscale_for(15 * 1024 * 1024));
        profile.syn_retries = 5;
        profile.synack_retries = 5;
        Env {
            profile,
            congestion: CongestionKind::Cubic,
        }
    }

    /// Run one backquoted command. `Err` says what is not supported.
    pub fn run_shell(&mut self, cmd: &str) -> Result<(), String> {
        for part in cmd.split([';', '\n']).flat_map(|p| p.split("&&")) {
            let part = part.split('#').next().unwrap_or("");
            let words = shell_words(part);
            let Some(first) = words.first() else { continue };
            match first.as_str() {
                "sysctl" => {
                    for w in words.iter().skip(1).filter(|w| !w.starts_with('-')) {
                        let Some((k, v)) = w.split_once('=') else {
                            return Err(format!("sysctl without a value: {w}"));
                        };
                        self.set(k.trim(), v.trim())?;
                    }
                }
                // packetdrill's helper: `set_sysctls.py /proc/sys/net/ipv4/tcp_x=v …`.
                f if f.ends_with("set_sysctls.py") => {
                    for w in words.iter().skip(1) {
                        let Some((path, v)) = w.split_once('=') else {
                            return Err(format!("set_sysctls.py without a value: {w}"));
                        };
                        let name = path.trim_start_matches("/proc/sys/").replace('/', ".");
                        self.set(&name, v.trim())?;
                    }
                }
                // The suites' defaults: the base environment already is them.
                f if f.ends_with("defaults.sh") => {}
                // Flushing cached metrics and replacing the qdisc change nothing here.
                "ip" if words.get(1).map(String::as_str) == Some("tcp_metrics") => {}
                "tc" => {}
                _ => return Err(format!("shell command `{}`", part.trim())),
            }
        }
        Ok(())
    }

    /// Set one sysctl.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        let p = &mut self.profile;
        let short = name
            .strip_prefix("net.ipv4.")
            .or_else(|| name.strip_prefix("net/ipv4/"))
            .unwrap_or(name);
        let num = || value.parse::<u64>().ok();
        let what = format!("sysctl {name}={value}");
        let bad = || Err(what.clone());
        let err = || what.clone();
        let small = |v: Option<u64>| v.and_then(|v| u8::try_from(v).ok());
        match short {
            "tcp_timestamps" => match value {
                "0" => p.timestamps = false,
                "1" => p.timestamps = true,
                _ => return bad(),
            },
            "tcp_sack" => match value {
                "0" => p.sack = false,
                "1" => p.sack = true,
                _ => return bad(),
            },
            "tcp_window_scaling" => match value {
                "0" => p.window_scale = None,
                "1" => {
                    p.window_scale = p.window_scale.or(Some(wscale_for(15 * 1024 * 1024)));
                }
                _ => return bad(),
            },
            "tcp_rmem" => {
                let v: Vec<u32> = value
                    .trim_matches(['"', '\''])
                    .split_whitespace()
                    .filter_map(|x| x.parse().ok())
                    .collect();
                let [_, _, max] = v.as_slice() else {
                    return bad();
                };
                if p.window_scale.is_some() {
                    p.window_scale = Some(wscale_for(*max));
                }
            }
            "tcp_syn_retries" => p.syn_retries = small(num()).ok_or_else(err)?,
            "tcp_synack_retries" => p.synack_retries = small(num()).ok_or_else(err)?,
            "tcp_retries2" => p.data_retries = small(num()).ok_or_else(err)?,
            "tcp_syn_linear_timeouts" => p.syn_linear_timeouts = small(num()).ok_or_else(err)?,
            "tcp_fin_timeout" => {
                p.fin_wait2_timeout = Some(Duration::from_secs(num().ok_or_else(err)?))
            }
            "tcp_rto_min_us" => p.rto_min = Duration::from_micros(num().ok_or_else(err)?),
            "tcp_rto_max_ms" => p.rto_max = Duration::from_millis(num().ok_or_else(err)?),
            "tcp_congestion_control" => {
                self.congestion = match value {
                    "cubic" => CongestionKind::Cubic,
                    "reno" => CongestionKind::Reno,
                    _ => return bad(),
                }
            }
            // Knobs whose value here is the behaviour the engine has (or whose subject it does
            // not model and which the scripts set only to the suites' defaults).
            _ => {
                let ok = match short {
                    "tcp_ecn"
                    | "tcp_fastopen_blackhole_timeout_sec"
                    | "tcp_abort_on_overflow"
                    | "tcp_mtu_probing"
                    | "tcp_fack"
                    | "tcp_thin_linear_timeouts" => value == "0",
                    "tcp_reordering" => value == "3",
                    "tcp_slow_start_after_idle" => value == "0",
                    "tcp_dsack"
                    | "tcp_recovery"
                    | "tcp_frto"
                    | "tcp_early_retrans"
                    | "tcp_tso_win_divisor"
                    | "tcp_pacing_ss_ratio"
                    | "tcp_pacing_ca_ratio"
                    | "tcp_notsent_lowat"
                    | "tcp_fastopen"
                    | "tcp_fastopen_key"
                    | "tcp_syncookies"
                    | "tcp_wmem"
                    | "tcp_ecn_option"
                    | "tcp_min_tso_segs"
                    | "tcp_no_metrics_save"
                    | "tcp_moderate_rcvbuf" => true,
                    _ => false,
                };
                if !ok && !name.starts_with("net.core.") {
                    return bad();
                }
            }
        }
        Ok(())
    }
}

/// Words of a command, with quotes removed (`"4096 540000 15728640"` stays one word).
fn shell_words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in s.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                any = true;
            }
            (None, c) if c.is_whitespace() => {
                if any || !cur.is_empty() {
                    out.push(core::mem::take(&mut cur));
                    any = false;
                }
            }
            (None, c) => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    out.into_iter().map(|w| w.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sysctls_map_to_the_profile() {
        let mut e = Env::selftests();
        assert_eq!(e.profile.window_scale, Some(8));
        assert_eq!(
            e.run_shell("sysctl -q net.ipv4.tcp_timestamps=0; sysctl -q net.ipv4.tcp_rmem=\"4096 87380 6291456\""),
            Ok(())
        );
        assert!(!e.profile.timestamps);
        assert_eq!(e.profile.window_scale, Some(7));
        assert_eq!(e.run_shell("../common/defaults.sh"), Ok(()));
        assert_eq!(
            e.run_shell("../common/set_sysctls.py /proc/sys/net/ipv4/tcp_sack=0"),
            Ok(())
        );
        assert!(!e.profile.sack);
        assert!(e.run_shell("sysctl -q net.ipv4.tcp_ecn=1").is_err());
        assert!(e.run_shell("sysctl -q net.ipv4.tcp_foo=1").is_err());
        assert!(e.run_shell("rm -rf /").is_err());
    }
}
