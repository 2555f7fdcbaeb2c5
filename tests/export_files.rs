//! Where `export -o` writes: never over the database or its copies, over
//! an existing file only with --force (keeping its mode), a pipe or a
//! device as a stream, `-` as standard output; and CSV cells that a
//! spreadsheet would run as formulas shown as text.

mod common;

use std::path::Path;

use common::{cli, ok};

fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    ok(&cli(&db, &["category", "add", "Printers"]));
    ok(&cli(
        &db,
        &[
            "contact",
            "add",
            "Ana Lima",
            "--category",
            "Printers",
            "--phone",
            "+1 555 0100",
        ],
    ));
    (dir, db)
}

fn refused(o: &std::process::Output, says: &str) {
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(says), "{err}");
}

fn export_to(db: &Path, to: &Path, more: &[&str]) -> std::process::Output {
    let mut args = vec!["export", "csv", "-o", to.to_str().expect("path")];
    args.extend_from_slice(more);
    cli(db, &args)
}

#[test]
fn the_database_and_its_copies_are_never_written_over() {
    let (dir, db) = setup();
    ok(&cli(&db, &["backup"]));
    let copy = std::fs::read_dir(dir.path().join("backups"))
        .expect("backups")
        .next()
        .expect("a copy")
        .expect("entry")
        .path();
    let link = dir.path().join("alias.db");
    std::fs::hard_link(&db, &link).expect("hard link");
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    for target in [db.clone(), link, copy.clone(), wal.into()] {
        let before = std::fs::read(&target).ok();
        refused(
            &export_to(&db, &target, &["--force"]),
            "never writes an export over",
        );
        assert_eq!(std::fs::read(&target).ok(), before, "{}", target.display());
    }
    assert!(ok(&cli(&db, &["contact", "list"])).contains("Ana Lima"));
}

#[test]
#[cfg(unix)]
fn an_existing_file_needs_force_and_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, db) = setup();
    let out = dir.path().join("people.csv");
    std::fs::write(&out, "keep").expect("write");
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    refused(&export_to(&db, &out, &[]), "add --force");
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "keep");
    ok(&export_to(&db, &out, &["--force"]));
    assert!(std::fs::read_to_string(&out).expect("read").contains("Ana"));
    let mode = std::fs::metadata(&out).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o640, "its mode kept");
    // A folder is no file to write.
    refused(&export_to(&db, dir.path(), &["--force"]), "is a folder");
}

#[test]
#[cfg(unix)]
fn a_planted_symlink_is_never_followed() {
    let (dir, db) = setup();
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "mine").expect("secret");
    let out = dir.path().join("people.csv");
    std::os::unix::fs::symlink(&secret, dir.path().join("people.csv.partial")).expect("plant");
    ok(&export_to(&db, &out, &[]));
    assert_eq!(std::fs::read_to_string(&secret).expect("read"), "mine");
    // A link at the name itself is replaced only with --force, and the
    // file it points to is left alone.
    let link = dir.path().join("linked.csv");
    std::os::unix::fs::symlink(&secret, &link).expect("link");
    refused(&export_to(&db, &link, &[]), "add --force");
    ok(&export_to(&db, &link, &["--force"]));
    assert_eq!(std::fs::read_to_string(&secret).expect("read"), "mine");
    assert!(
        std::fs::read_to_string(&link)
            .expect("read")
            .contains("Ana")
    );
}

#[test]
#[cfg(unix)]
fn a_pipe_a_device_and_dash_are_written_as_streams() {
    let (dir, db) = setup();
    let dash = ok(&cli(&db, &["export", "csv", "-o", "-"]));
    assert!(dash.contains("Ana"), "{dash}");
    ok(&export_to(&db, Path::new("/dev/null"), &[]));
    let fifo = dir.path().join("fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).expect("read the pipe"))
    };
    ok(&export_to(&db, &fifo, &[]));
    let read = reader.join().expect("reader");
    assert!(
        read.contains("Ana Lima") || read.contains("Ana,Lima"),
        "{read}"
    );
    assert!(fifo.exists(), "the pipe is still a pipe");
}

#[test]
fn spreadsheet_formulas_in_a_csv_are_shown_as_text() {
    let (dir, db) = setup();
    ok(&cli(
        &db,
        &[
            "contact",
            "add",
            "=HYPERLINK(\"http://x.example\",\"click\")",
            "--category",
            "Printers",
            "--company",
            "@SUM(A1)",
        ],
    ));
    ok(&cli(
        &db,
        &[
            "contact",
            "add",
            "+cmd|' /C calc'!A0",
            "--category",
            "Printers",
            "--company=-2+A1",
        ],
    ));
    let out = dir.path().join("people.csv");
    ok(&export_to(&db, &out, &[]));
    let text = std::fs::read_to_string(&out).expect("read");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let cells: Vec<String> = reader
        .records()
        .flat_map(|r| {
            r.expect("record")
                .iter()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter(|c| !c.is_empty())
        .collect();
    for c in &cells {
        assert!(
            !c.starts_with(['=', '+', '-', '@'])
                || c.chars()
                    .all(|x| x.is_ascii_digit() || " +-()./".contains(x)),
            "a formula passed through: {c:?} in {cells:?}"
        );
    }
    assert!(cells.iter().any(|c| c == "'@SUM(A1)"), "{cells:?}");
    assert!(
        cells.iter().any(|c| c == "+1 555 0100"),
        "a phone stays: {cells:?}"
    );
}
