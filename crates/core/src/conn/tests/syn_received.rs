//! syn_received
