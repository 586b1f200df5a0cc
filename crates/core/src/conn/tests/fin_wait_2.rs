//! fin_wait_2
