//! Import, export and backup at scale: 100,000 CSV rows and 10,000 vCards
//! imported into a new database file, 100,000 contacts exported to vCard
//! and to JSON, and a backup of a 100,000-contact database.
//!
//! `cargo bench --bench interop`

mod common;

use std::path::{Path, PathBuf};

use common::today;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use list25::interop::{read_bytes, vcard_out};
use list25::store;

/// 100,000 rows as a LinkedIn-like CSV with a header that names its columns.
fn csv_rows(n: usize) -> Vec<u8> {
    let first = [
        "Ana", "Bo", "Chloé", "Dev", "Eitan", "Fatima", "Gus", "Hana", "Lucía", "Zoë",
    ];
    let last = [
        "Adams", "Brandt", "Chen", "Dupont", "García", "Müller", "Okafor", "Tanaka",
    ];
    let mut out =
        String::from("First Name,Last Name,Email Address,Phone,Company,Position,City,Notes\r\n");
    for i in 0..n {
        let (f, l) = (first[i % first.len()], last[(i / 7) % last.len()]);
        out.push_str(&format!(
            "{f},{l},{}.{}{i}@example.com,+1 555 {i:06},{l} & Co,Partner,Lyon,\"Met at event {}; refers start-ups\"\r\n",
            f.to_lowercase(),
            l.to_lowercase(),
            i % 97
        ));
    }
    out.into_bytes()
}

fn demo(dir: &Path, contacts: usize) -> PathBuf {
    let path = dir.join(format!("demo-{contacts}.db"));
    let conn = store::open(&path, today()).expect("create");
    list25::demo::fill(&conn, 10, contacts, today()).expect("fill");
    path
}

/// Read, match and write `bytes` as the file `name` into a new database.
fn import_into_new(dir: &Path, n: &mut usize, name: &str, bytes: &[u8]) -> usize {
    *n += 1;
    let db = dir.join(format!("new-{n}.db"));
    let conn = store::open(&db, today()).expect("create");
    let read = read_bytes(Path::new(name), bytes).expect("read");
    let plan = store::import::plan(&conn, &[read], None).expect("plan");
    let ids = store::import::apply(&conn, &plan, &today().and_hms_opt(9, 0, 0).expect("time"))
        .expect("apply");
    drop(conn);
    let _ = std::fs::remove_file(&db);
    ids.len()
}

fn interop(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let hundred = demo(dir.path(), 100_000);
    let ten = demo(dir.path(), 10_000);
    let rows = csv_rows(100_000);
    let cards: String = {
        let conn = store::open(&ten, today()).expect("open");
        store::export::contacts(&conn)
            .expect("contacts")
            .iter()
            .map(|e| vcard_out::card_text(e, vcard_out::Version::V3))
            .collect()
    };
    let mut group = c.benchmark_group("interop");
    group.sample_size(10);
    let mut n = 0;

    group.bench_function("import 100k CSV rows into a new database file", |b| {
        b.iter(|| {
            assert_eq!(
                import_into_new(dir.path(), &mut n, "big.csv", &rows),
                100_000
            )
        });
    });
    group.bench_function("import 10k vCards into a new database file", |b| {
        b.iter(|| {
            assert_eq!(
                import_into_new(dir.path(), &mut n, "all.vcf", cards.as_bytes()),
                10_000
            )
        });
    });

    let conn = store::open(&hundred, today()).expect("open");
    group.bench_function("export 100k contacts to vCard 4.0", |b| {
        b.iter(|| {
            store::export::contacts(&conn)
                .expect("contacts")
                .iter()
                .map(|e| vcard_out::card_text(e, vcard_out::Version::V4).len())
                .sum::<usize>()
        });
    });
    group.bench_function("export 100k contacts to JSON (everything)", |b| {
        b.iter(|| {
            serde_json::to_string_pretty(&store::json_backup::dump(&conn).expect("dump"))
                .expect("json")
                .len()
        });
    });
    group.bench_function("backup of the 100k-contact database file", |b| {
        b.iter_batched(
            || {
                n += 1;
                dir.path().join(format!("copy-{n}.db"))
            },
            |to| {
                store::backup::write(&conn, &to).expect("backup");
                let _ = std::fs::remove_file(&to);
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

criterion_group!(benches, interop);
criterion_main!(benches);
