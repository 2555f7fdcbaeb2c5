//! Several processes on one database at once: every write waits its turn
//! instead of failing with "database is locked".

mod common;

use common::cli as list25;

#[test]
fn parallel_writers_of_every_kind_never_fail() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("list25.db");
    let o = list25(&db, &["category", "add", "Bankers"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = list25(
        &db,
        &["contact", "add", "Ana Lima", "--category", "Bankers"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let writers = 4;
    let rounds = 12;
    let failures: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..writers)
            .map(|w| {
                let db = &db;
                scope.spawn(move || {
                    let mut failed = Vec::new();
                    for r in 0..rounds {
                        let category = format!("Category {w}-{r}");
                        let person = format!("Person {w}-{r}");
                        let runs: [Vec<&str>; 5] = [
                            vec!["category", "add", &category],
                            vec!["contact", "add", &person, "--category", "Bankers"],
                            vec!["contact", "touch", "Ana Lima", "--kind", "call"],
                            vec!["config", "name", &person],
                            vec!["today"],
                        ];
                        for args in &runs {
                            let o = list25(db, args);
                            if !o.status.success() {
                                failed.push(format!(
                                    "{args:?}: {}",
                                    String::from_utf8_lossy(&o.stderr)
                                ));
                            }
                        }
                    }
                    failed
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("writer thread"))
            .collect()
    });
    assert!(
        failures.is_empty(),
        "{} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let o = list25(&db, &["category", "list", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(1 + writers * rounds));
    let o = list25(&db, &["contact", "list", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(1 + writers * rounds));
}
