//! list25's exports read by the programs people use them with: khard for
//! the vCards and the synced folder, vdirsyncer carrying it elsewhere (to
//! a Radicale CardDAV server and back), calcurse and khal for the
//! calendar. `scripts/test` installs them (pip install khard khal
//! vdirsyncer radicale; apt-get install calcurse).

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{cli, fixture, ok};

/// Run a program that must be installed, saying how to install it if not.
fn run(program: &str, args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut cmd = Command::new(program);
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap_or_else(|e| {
        panic!("{program} could not run ({e}); scripts/test installs it: pip install khard khal vdirsyncer, apt-get install calcurse")
    })
}

fn text(o: &Output) -> String {
    assert!(
        o.status.success(),
        "exit {:?}: {}{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A database with demo people and a few with accents, CJK and emoji.
fn filled(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("a.db");
    ok(&cli(
        &db,
        &["demo", "--contacts", "30", "--categories", "4"],
    ));
    ok(&cli(
        &db,
        &["import", &fixture("v30.vcf"), &fixture("google.csv")],
    ));
    db
}

/// Our vCard export as a vdir: one card per file, named by its UID.
fn vdir(cards: &str, dir: &Path) -> usize {
    std::fs::create_dir_all(dir).expect("dir");
    let mut n = 0;
    for card in cards.split_inclusive("END:VCARD\r\n") {
        let uid = card
            .lines()
            .find_map(|l| l.strip_prefix("UID:"))
            .expect("every card has a UID")
            .trim();
        std::fs::write(dir.join(format!("{uid}.vcf")), card).expect("card");
        n += 1;
    }
    n
}

/// A khard configuration under `dir` with the address book `book`: the
/// folder to give as XDG_CONFIG_HOME.
fn khard_config(dir: &Path, book: &Path) -> std::path::PathBuf {
    let config = dir.join("config");
    std::fs::create_dir_all(config.join("khard")).expect("dir");
    std::fs::write(
        config.join("khard/khard.conf"),
        format!(
            "[addressbooks]\n[[book]]\npath = {}\n[general]\ndefault_action = list\n",
            book.display()
        ),
    )
    .expect("config");
    config
}

#[test]
fn khard_lists_and_shows_every_card_we_export() {
    for version in ["4", "3"] {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = filled(dir.path());
        let cards = ok(&cli(&db, &["export", "vcard", "--vcard-version", version]));
        let book = dir.path().join("book");
        let n = vdir(&cards, &book);
        let config = khard_config(dir.path(), &book);
        let env = [("XDG_CONFIG_HOME", config.as_path())];
        let listed = text(&run("khard", &["list", "--parsable"], &env));
        assert_eq!(listed.lines().count(), n, "vCard {version}: {listed}");
        for name in [
            "Chidi Okafor",
            "Lucía María Fernández",
            "Wei 张",
            "Ana Adams",
        ] {
            assert!(listed.contains(name), "vCard {version}: {name} in {listed}");
        }
        let shown = text(&run("khard", &["show", "Chidi"], &env));
        assert!(shown.contains("Chidi.Okafor@Gmail.com"), "{shown}");
        assert!(
            shown.contains("Prefers a call to e-mail; mornings are best."),
            "{shown}"
        );
        assert!(shown.contains("Accountants"), "{shown}");
    }
}

/// The one text `sql` reads from the database file `db`.
fn read_one(db: &std::path::Path, sql: &str) -> String {
    rusqlite::Connection::open(db)
        .expect("open")
        .query_row(sql, [], |r| r.get(0))
        .expect(sql)
}

/// A filled database's `export ics` (with `flags`) written to `due.ics`
/// in `dir`, and how many items it holds, each opened by `begin`.
fn exported_ics(dir: &std::path::Path, flags: &[&str], begin: &str) -> (std::path::PathBuf, usize) {
    let db = filled(dir);
    let ics = dir.join("due.ics");
    let mut args = vec!["export", "ics"];
    args.extend_from_slice(flags);
    args.extend(["-o", ics.to_str().expect("p")]);
    ok(&cli(&db, &args));
    let items = std::fs::read_to_string(&ics)
        .expect("ics")
        .matches(begin)
        .count();
    (ics, items)
}

#[test]
fn calcurse_imports_the_to_dos() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (ics, items) = exported_ics(dir.path(), &[], "BEGIN:VTODO");
    assert!(items > 5, "{items}");
    let home = dir.path().join("calcurse");
    std::fs::create_dir_all(&home).expect("dir");
    let home_s = home.to_str().expect("p");
    let report = run(
        "calcurse",
        &["-D", home_s, "-i", ics.to_str().expect("p")],
        &[],
    );
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&report.stdout),
        String::from_utf8_lossy(&report.stderr)
    );
    assert!(report.status.success(), "{said}");
    assert!(
        said.contains(&format!("{items} todos / 0 skipped")),
        "{said}"
    );
    let todo = text(&run("calcurse", &["-D", home_s, "-t"], &[]));
    assert!(todo.contains("Follow up with "), "{todo}");
}

#[test]
fn khal_imports_the_events_once_however_often_it_is_given_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (ics, items) = exported_ics(dir.path(), &["--events"], "BEGIN:VEVENT");
    let cal = dir.path().join("cal");
    std::fs::create_dir_all(&cal).expect("dir");
    let config = dir.path().join("config");
    std::fs::create_dir_all(config.join("khal")).expect("dir");
    std::fs::write(
        config.join("khal/config"),
        format!(
            "[calendars]\n[[list25]]\npath = {}\ntype = calendar\n[locale]\n\
             timeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n\
             datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n",
            cal.display()
        ),
    )
    .expect("config");
    let data = dir.path().join("data");
    let env = [
        ("XDG_CONFIG_HOME", config.as_path()),
        ("XDG_DATA_HOME", data.as_path()),
    ];
    let listed = || {
        text(&run(
            "khal",
            &["list", "--format", "{title}", "2026-01-01", "800d"],
            &env,
        ))
        .lines()
        .filter(|l| {
            ["Follow up with ", "Thank ", "Ask "]
                .iter()
                .any(|w| l.starts_with(w))
                || l.contains(": ")
        })
        .count()
    };
    for _ in 0..2 {
        text(&run(
            "khal",
            &[
                "import",
                "--batch",
                "-a",
                "list25",
                ics.to_str().expect("p"),
            ],
            &env,
        ));
        assert_eq!(
            listed(),
            items,
            "each follow-up, thank-you, ask, touchpoint once"
        );
    }
}

#[test]
fn khard_reads_the_folder_list25_syncs_and_list25_reads_what_khard_adds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = filled(dir.path());
    let book = dir.path().join("book");
    std::fs::create_dir(&book).expect("book");
    ok(&cli(&db, &["sync", "vdir", book.to_str().expect("p")]));
    let config = khard_config(dir.path(), &book);
    let env = [("XDG_CONFIG_HOME", config.as_path())];
    let listed = text(&run("khard", &["list", "--parsable"], &env));
    let cards = std::fs::read_dir(&book).expect("book").count();
    assert_eq!(listed.lines().count(), cards, "{listed}");
    // khard adds someone; the next sync brings them in.
    let new = dir.path().join("new.yaml");
    std::fs::write(
        &new,
        "First name: Ines\nLast name: Okafor\nOrganisation: Okafor Print\nEmail:\n    work: ines@okaforprint.com\n",
    )
    .expect("yaml");
    text(&run(
        "khard",
        &["new", "-a", "book", "-i", new.to_str().expect("p")],
        &env,
    ));
    let said = ok(&cli(&db, &["sync", "vdir", book.to_str().expect("p")]));
    assert!(said.contains("1 added"), "{said}");
    let found = ok(&cli(
        &db,
        &["contact", "search", "ines", "okafor", "--json"],
    ));
    assert!(found.contains("ines@okaforprint.com"), "{found}");
}

#[test]
fn vdirsyncer_carries_a_change_from_one_list25_to_another() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for d in [&a, &b, &dir.path().join("status")] {
        std::fs::create_dir(d).expect("dir");
    }
    let config = dir.path().join("config");
    std::fs::write(
        &config,
        format!(
            "[general]\nstatus_path = \"{status}/\"\n\n[pair contacts]\na = \"here\"\nb = \"there\"\n\
             collections = null\n\n[storage here]\ntype = \"filesystem\"\npath = \"{a}/\"\n\
             fileext = \".vcf\"\n\n[storage there]\ntype = \"filesystem\"\npath = \"{b}/\"\n\
             fileext = \".vcf\"\n",
            status = dir.path().join("status").display(),
            a = a.display(),
            b = b.display()
        ),
    )
    .expect("config");
    let vdirsyncer = |args: &[&str]| {
        let mut all = vec!["-c", config.to_str().expect("p")];
        all.extend(args);
        text(&run("vdirsyncer", &all, &[]))
    };
    // One machine: list25 to its folder, vdirsyncer to the other folder.
    let one = dir.path().join("one.db");
    ok(&cli(&one, &["import", &fixture("google.csv")]));
    ok(&cli(&one, &["sync", "vdir", a.to_str().expect("p")]));
    vdirsyncer(&["discover", "contacts"]);
    vdirsyncer(&["sync"]);
    // The other machine reads them, and changes one.
    let two = dir.path().join("two.db");
    let said = ok(&cli(&two, &["sync", "vdir", b.to_str().expect("p")]));
    assert!(said.contains("3 added"), "{said}");
    rusqlite::Connection::open(&two)
        .expect("open")
        .execute(
            "UPDATE contact SET company = 'Zhang Bank' WHERE name LIKE 'Wei%'",
            [],
        )
        .expect("edit");
    ok(&cli(&two, &["sync", "vdir", b.to_str().expect("p")]));
    vdirsyncer(&["sync"]);
    let said = ok(&cli(&one, &["sync", "vdir", a.to_str().expect("p")]));
    assert!(said.contains("1 read back"), "{said}");
    let company = read_one(&one, "SELECT company FROM contact WHERE name LIKE 'Wei%'");
    assert_eq!(company, "Zhang Bank");
}

/// A Radicale CardDAV server on a free port of this machine, with an
/// address book `ana/list25`; stopped when dropped.
struct Radicale {
    child: std::process::Child,
    url: String,
}

impl Drop for Radicale {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn radicale(store: &Path) -> Radicale {
    use std::io::{Read, Write};
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let child = Command::new("python3")
        .args(["-m", "radicale", "--auth-type=none"])
        .arg(format!("--storage-filesystem-folder={}", store.display()))
        .arg(format!("--server-hosts=127.0.0.1:{port}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("radicale (scripts/test installs it: pip install radicale)");
    let server = Radicale {
        child,
        url: format!("http://127.0.0.1:{port}/ana/list25/"),
    };
    // Make the address book once the server answers (extended MKCOL).
    let body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><mkcol xmlns=\"DAV:\" \
                xmlns:CR=\"urn:ietf:params:xml:ns:carddav\"><set><prop><resourcetype>\
                <collection/><CR:addressbook/></resourcetype></prop></set></mkcol>";
    let start = std::time::Instant::now();
    loop {
        if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            let request = format!(
                "MKCOL /ana/list25/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic YW5hOng=\r\n\
                 Content-Type: application/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            s.write_all(request.as_bytes()).expect("mkcol");
            let mut answer = String::new();
            let _ = s.read_to_string(&mut answer);
            assert!(answer.contains(" 201 "), "{answer}");
            return server;
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "radicale did not start"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// A vdirsyncer configuration pairing `folder` with the server.
fn carddav_config(dir: &Path, name: &str, folder: &Path, url: &str) -> std::path::PathBuf {
    let status = dir.join(format!("status-{name}"));
    std::fs::create_dir_all(&status).expect("status");
    let config = dir.join(format!("config-{name}"));
    std::fs::write(
        &config,
        format!(
            "[general]\nstatus_path = \"{}/\"\n\n[pair list25]\na = \"list25_folder\"\n\
             b = \"list25_server\"\ncollections = null\n\n[storage list25_folder]\n\
             type = \"filesystem\"\npath = \"{}/\"\nfileext = \".vcf\"\n\n\
             [storage list25_server]\ntype = \"carddav\"\nurl = \"{url}\"\n\
             username = \"ana\"\npassword = \"x\"\n",
            status.display(),
            folder.display()
        ),
    )
    .expect("config");
    config
}

#[test]
fn two_machines_keep_in_step_through_a_carddav_server() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = radicale(&dir.path().join("server"));
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    std::fs::create_dir(&a).expect("a");
    std::fs::create_dir(&b).expect("b");
    let config_a = carddav_config(dir.path(), "a", &a, &server.url);
    let config_b = carddav_config(dir.path(), "b", &b, &server.url);
    let vdirsyncer = |config: &Path, args: &[&str]| {
        let mut all = vec!["-c", config.to_str().expect("p")];
        all.extend(args);
        text(&run("vdirsyncer", &all, &[]))
    };
    // The README's chain, on the first machine.
    let one = dir.path().join("one.db");
    ok(&cli(&one, &["import", &fixture("google.csv")]));
    ok(&cli(&one, &["sync", "vdir", a.to_str().expect("p")]));
    vdirsyncer(&config_a, &["discover", "list25"]);
    vdirsyncer(&config_a, &["sync"]);
    // The second machine gets everyone, and changes one of them.
    let two = dir.path().join("two.db");
    vdirsyncer(&config_b, &["discover", "list25"]);
    vdirsyncer(&config_b, &["sync"]);
    let said = ok(&cli(&two, &["sync", "vdir", b.to_str().expect("p")]));
    assert!(said.contains("3 added"), "{said}");
    rusqlite::Connection::open(&two)
        .expect("open")
        .execute(
            "UPDATE contact SET role = 'Partner' WHERE name = 'Ana Lima'",
            [],
        )
        .expect("edit");
    ok(&cli(&two, &["sync", "vdir", b.to_str().expect("p")]));
    vdirsyncer(&config_b, &["sync"]);
    // Back on the first machine.
    vdirsyncer(&config_a, &["sync"]);
    let said = ok(&cli(&one, &["sync", "vdir", a.to_str().expect("p")]));
    assert!(said.contains("1 read back"), "{said}");
    let role = read_one(&one, "SELECT role FROM contact WHERE name = 'Ana Lima'");
    assert_eq!(role, "Partner");
}
