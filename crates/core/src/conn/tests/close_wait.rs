//! close_wait
