//! last_ack
