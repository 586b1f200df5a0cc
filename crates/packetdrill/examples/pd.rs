fn main() {
    for f in std::env::args().skip(1) {
        let src = std::fs::read_to_string(&f).unwrap_or_default();
        let r = synack_packetdrill::run_source(&src);
        println!("{f}: {}", r.outcome);
        if std::env::var("V").is_ok() {
            for s in &r.steps {
                println!("  {s:?}");
            }
        }
    }
}
