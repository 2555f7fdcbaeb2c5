//! Files that are not what they seem: damaged, foreign, special, missing,
//! read-only, on a full disk. Each is refused with a clear message and
//! left exactly as it was; reading never writes.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::cli as list25;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn ok(o: &Output) {
    assert!(
        o.status.success(),
        "exit {:?}: {}",
        o.status.code(),
        stderr(o)
    );
}

/// The files in `dir`, by name.
fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A database with a category, people and a script edited: many pages.
fn filled_db(db: &Path) {
    ok(&list25(
        db,
        &["demo", "--contacts", "400", "--categories", "4"],
    ));
}

const READERS: &[&[&str]] = &[
    &["today"],
    &["today", "--json"],
    &["category", "list"],
    &["category", "suggest"],
    &["contact", "list", "--json"],
    &["script", "list"],
    &["script", "show", "after"],
    &["config", "name"],
];

#[test]
fn reading_commands_leave_the_file_byte_for_byte_and_nothing_beside_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    filled_db(&db);
    ok(&list25(&db, &["config", "profession", "graphic designer"]));
    // The writes above kept the day's copy in backups/.
    let beside = files_in(dir.path());
    assert_eq!(beside, ["backups", "l.db"]);
    let before = std::fs::read(&db).expect("read");
    let modified = std::fs::metadata(&db)
        .expect("meta")
        .modified()
        .expect("mtime");
    std::thread::sleep(Duration::from_millis(20));
    for args in READERS {
        let o = list25(&db, args);
        ok(&o);
        assert!(
            std::fs::read(&db).expect("read") == before,
            "{args:?} changed the file"
        );
        assert_eq!(
            std::fs::metadata(&db)
                .expect("meta")
                .modified()
                .expect("mtime"),
            modified,
            "{args:?} wrote to the file"
        );
        assert_eq!(
            files_in(dir.path()),
            beside,
            "{args:?} left files beside it"
        );
    }
}

/// A tiny deterministic generator, so a failing flip can be found again.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        usize::try_from(self.0 >> 33).expect("fits") % n
    }
}

/// Whether SQLite itself finds the file damaged (or not a database).
fn sqlite_finds_damage(path: &Path) -> bool {
    let uri = format!("file:{}?immutable=1", path.display());
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI;
    let Ok(conn) = rusqlite::Connection::open_with_flags(uri, flags) else {
        return true;
    };
    match conn.query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0)) {
        Ok(s) => s != "ok",
        Err(_) => true,
    }
}

/// Copies of a good database with bytes flipped: every copy whose damage
/// SQLite can see is refused by a writing command with a clear message,
/// and no copy is changed or gets files beside it, whatever the command.
#[test]
fn damaged_files_are_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("good.db");
    filled_db(&good);
    let bytes = std::fs::read(&good).expect("read");
    let page = 4096;
    let pages = bytes.len() / page;
    let mut rng = Lcg(25);
    let mut refused = 0;
    let tries = 24;
    for n in 0..tries {
        // Half hit a page's first bytes (its b-tree header), half anywhere.
        let at = if n % 2 == 0 {
            let p = rng.below(pages);
            let base = if p == 0 { 100 } else { p * page };
            base + rng.below(8)
        } else {
            100 + rng.below(bytes.len() - 100)
        };
        let mut flipped = bytes.clone();
        flipped[at] ^= 0xA5;
        let case = dir.path().join(format!("case{n}"));
        std::fs::create_dir(&case).expect("dir");
        let db = case.join("l.db");
        std::fs::write(&db, &flipped).expect("write copy");
        let visible = sqlite_finds_damage(&db);
        let mut any_wrote = false;
        for args in [
            &["category", "add", "Florists"][..],
            &["today"][..],
            &["contact", "list"][..],
        ] {
            std::fs::write(&db, &flipped).expect("write copy");
            let o = list25(&db, args);
            let err = stderr(&o);
            let code = o.status.code();
            let wrote = args[0] == "category" && code == Some(0);
            assert!(
                wrote || std::fs::read(&db).expect("read") == flipped,
                "byte {at}: {args:?} changed a damaged file ({err})"
            );
            assert!(!(wrote && visible), "byte {at}: wrote to a damaged file");
            // A write that succeeded keeps the day's copy in backups/.
            any_wrote |= wrote;
            let left: Vec<String> = files_in(&case)
                .into_iter()
                .filter(|f| !(any_wrote && f == "backups"))
                .collect();
            assert_eq!(left, ["l.db"], "byte {at}: {args:?} left files");
            assert!(
                !err.to_lowercase().contains("backtrace") && !err.contains("panicked"),
                "byte {at}: {args:?}: {err}"
            );
            assert!(
                matches!(code, Some(0 | 1)),
                "byte {at}: {args:?} exit {code:?}: {err}"
            );
            if code == Some(1) {
                assert!(err.starts_with("list25: "), "{err}");
                assert_eq!(err.trim_end().lines().count(), 1, "one message: {err}");
            }
            if visible && args[0] == "category" {
                assert_eq!(
                    code,
                    Some(1),
                    "byte {at}: damage SQLite sees was not refused"
                );
                assert!(
                    err.contains("is damaged") && err.contains("has not changed it"),
                    "byte {at}: {err}"
                );
                refused += 1;
            }
        }
    }
    assert!(
        refused >= tries / 3,
        "most flips are visible damage ({refused})"
    );
}

#[test]
fn the_full_screen_program_refuses_a_damaged_file_before_it_starts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    filled_db(&db);
    let mut bytes = std::fs::read(&db).expect("read");
    // The b-tree page header of the second page: its page type.
    bytes[4096] = 0x7f;
    std::fs::write(&db, &bytes).expect("write");
    let mut s = common::pty::Session::start(&db, &["--today", "2026-11-22"], 100, 30);
    s.wait_for("is damaged");
    assert!(!s.wait_exit(), "exits with an error");
    assert!(std::fs::read(&db).expect("read") == bytes);
    assert_eq!(files_in(dir.path()), ["l.db"]);
}

/// Run `args`, failing the test if it has not exited within 10 seconds.
fn within_10_s(db: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_list25"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("LIST25_DB")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("list25 --db {} {args:?} hung", db.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

#[test]
fn a_fifo_or_a_device_is_refused_without_hanging_or_writing_beside_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("pipe.db");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    for args in [&["today"][..], &["category", "add", "X"][..]] {
        let o = within_10_s(&fifo, args);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(stderr(&o).contains("is a FIFO"), "{}", stderr(&o));
        assert_eq!(files_in(dir.path()), ["pipe.db"]);
    }
    let o = within_10_s(Path::new("/dev/null"), &["today"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("/dev/null is a device"),
        "{}",
        stderr(&o)
    );
    assert!(!Path::new("/dev/null-wal").exists());
}

#[test]
fn a_database_path_in_a_missing_folder_is_refused_but_the_default_folder_is_made() {
    let dir = tempfile::tempdir().expect("tempdir");
    let typo = dir.path().join("Documnets").join("list25.db");
    let o = within_10_s(&typo, &["today"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("does not exist"), "{}", stderr(&o));
    assert!(!typo.parent().expect("parent").exists(), "nothing was made");

    let o = Command::new(env!("CARGO_BIN_EXE_list25"))
        .args(["category", "add", "X"])
        .env("LIST25_DB", &typo)
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("LIST25_DB"), "{}", stderr(&o));
    assert!(!typo.parent().expect("parent").exists());

    let home = dir.path().join("home");
    std::fs::create_dir(&home).expect("home");
    let o = Command::new(env!("CARGO_BIN_EXE_list25"))
        .arg("today")
        .env_remove("LIST25_DB")
        .env_remove("XDG_DATA_HOME")
        .env("HOME", &home)
        .output()
        .expect("run");
    ok(&o);
    assert!(home.join(".local/share/list25/list25.db").is_file());
}

#[test]
fn without_a_terminal_the_full_screen_program_says_so_and_names_the_commands() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    let o = list25(&db, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(err.contains("today") && err.contains("contact"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(!db.exists(), "nothing was created");
}

/// Whether this process runs as root (where file modes do not stop it).
fn root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// `list25 --db DB ARGS` as an ordinary user: as nobody when run as root.
fn as_user(db: &Path, args: &[&str]) -> Output {
    let mut cmd = if root() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_list25"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_list25"))
    };
    cmd.arg("--db")
        .arg(db)
        .args(["--today", "2026-11-22"])
        .args(args)
        .env_remove("LIST25_DB")
        .stdin(Stdio::null())
        .output()
        .expect("run list25")
}

/// Make `path` and its folders readable by everyone (for the nobody user).
fn open_up(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[test]
fn a_database_in_a_read_only_folder_is_named_as_such_and_can_still_be_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    open_up(dir.path(), 0o755);
    let folder = dir.path().join("shared");
    std::fs::create_dir(&folder).expect("folder");
    let db = folder.join("l.db");
    filled_db(&db);
    open_up(&db, 0o666);
    open_up(&folder, 0o555);
    let before = std::fs::read(&db).expect("read");
    let o = as_user(&db, &["category", "add", "Florists"]);
    let err = stderr(&o);
    open_up(&folder, 0o755);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("is read-only"), "{err}");
    assert!(err.contains("folder"), "{err}");
    assert!(!err.contains("damaged"), "{err}");
    assert!(std::fs::read(&db).expect("read") == before);
    open_up(&folder, 0o555);
    let o = as_user(&db, &["category", "list"]);
    open_up(&folder, 0o755);
    ok(&o);
    assert!(String::from_utf8_lossy(&o.stdout).contains("1."));
    assert_eq!(files_in(&folder), ["l.db"]);
}

/// A small filesystem of its own, taken away when dropped.
struct Mount(PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_is_named_as_such_and_nothing_is_changed() {
    if !root() {
        eprintln!("skipped: mounting a small filesystem needs root");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
        .arg(dir.path())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: this machine does not allow mounting a tmpfs");
        return;
    }
    let _mount = Mount(dir.path().to_path_buf());
    let db = dir.path().join("l.db");
    ok(&list25(&db, &["category", "add", "Bankers"]));
    // Fill the rest of the disk.
    let filler = dir.path().join("filler");
    let _ = std::fs::write(&filler, vec![0u8; 2 << 20]);
    let before = std::fs::read(&db).expect("read");
    let o = list25(
        &db,
        &["contact", "add", "Ana Lima", "--category", "Bankers"],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("is full"), "{err}");
    assert!(!err.contains("damaged"), "{err}");
    assert!(std::fs::read(&db).expect("read") == before);
    std::fs::remove_file(&filler).expect("free space");
    let o = list25(&db, &["contact", "list", "--json"]);
    ok(&o);
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "[]");
}

#[test]
fn a_value_that_is_not_text_where_text_belongs_is_damage_said_plainly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    ok(&list25(&db, &["category", "add", "Bankers"]));
    ok(&list25(
        &db,
        &["contact", "add", "Ana Lima", "--category", "Bankers"],
    ));
    {
        let conn = rusqlite::Connection::open(&db).expect("open");
        conn.execute("UPDATE contact SET name = CAST(x'41ff6e61' AS TEXT)", [])
            .expect("flip a byte in a name");
    }
    let before = std::fs::read(&db).expect("read");
    let o = list25(&db, &["contact", "list"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("is damaged") && err.contains("not one list25 wrote"),
        "{err}"
    );
    assert!(!err.to_lowercase().contains("backtrace"), "{err}");
    assert!(std::fs::read(&db).expect("read") == before);
    assert_eq!(files_in(dir.path()), ["backups", "l.db"], "nothing new");
}
