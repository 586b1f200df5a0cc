//! time_wait
