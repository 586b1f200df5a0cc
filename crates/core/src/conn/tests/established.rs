//! established
