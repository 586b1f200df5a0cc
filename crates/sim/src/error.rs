//! Errors of the simulator: a bad scenario (with the place in it) or a run that cannot start.
//!
//! Protocol outcomes are never errors: a refused connect or a reset is part of the trace.

use alloc::string::String;
use core::fmt;

/// Why a scenario was rejected or a run could not be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SimError {
    /// The scenario (a file or a builder's result) is invalid. `path` names the place in the
    /// file's terms (`client.on_data[0].after_ms`), `message` says what is wrong there.
    Scenario { path: String, message: String },
    /// The text is not JSON at all (serde_json's message, with line and column).
    Json(String),
    /// The configuration is invalid (`path` names the field, e.g. `to_server.loss_ppm`).
    Config { path: String, message: String },
    /// Something the simulator itself got wrong; please report it.
    Internal(String),
}

impl SimError {
    pub(crate) fn scenario(path: impl Into<String>, message: impl Into<String>) -> Self {
        SimError::Scenario {
            path: path.into(),
            message: message.into(),
        }
    }
    pub(crate) fn config(path: impl Into<String>, message: impl Into<String>) -> Self {
        SimError::Config {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for SimError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SimError::Scenario { path, message } if path.is_empty() => {
                write!(f, "scenario: {message}")
            }
            SimError::Scenario { path, message } => write!(f, "{path}: {message}"),
            SimError::Json(m) => write!(f, "not valid JSON: {m}"),
            SimError::Config { path, message } => write!(f, "config {path}: {message}"),
            SimError::Internal(m) => write!(f, "internal simulator error (a bug): {m}"),
        }
    }
}
