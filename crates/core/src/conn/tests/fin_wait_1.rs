//! fin_wait_1
