use rusqlite::Connection;

use super::*;
use crate::domain::{Stage, TouchKind};
use crate::store::testing::{day, now, person};
use crate::store::{contact, open_in_memory, touch};

const HERE: &str = "window 1";
const THERE: &str = "window 2";
const AT: &str = "2026-11-24 09:00:00";

fn conn() -> Connection {
    open_in_memory(day("2026-11-24")).expect("open")
}

/// Make one change from `origin`, named `label`.
fn change<T>(conn: &Connection, origin: &str, label: &str, f: impl FnOnce() -> T) -> T {
    begin(conn, origin, label, AT).expect("begin");
    let out = f();
    end(conn).expect("end");
    out
}

/// Every row of every table a user changes, but the moments kept by the
/// database itself.
fn snapshot(conn: &Connection) -> Vec<(String, Vec<Vec<Value>>)> {
    TABLES
        .iter()
        .map(|t| {
            let cols: Vec<String> = columns(conn, t)
                .expect("columns")
                .into_iter()
                .filter(|c| !BOOKKEEPING.contains(&(t, c.as_str())))
                .map(|c| quoted(&c))
                .collect();
            let mut stmt = conn
                .prepare(&format!(
                    "SELECT rowid, {} FROM {t} ORDER BY rowid",
                    cols.join(", ")
                ))
                .expect("select");
            let n = cols.len() + 1;
            let rows = stmt
                .query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
                .expect("rows")
                .collect::<rusqlite::Result<Vec<Vec<Value>>>>()
                .expect("read");
            ((*t).to_owned(), rows)
        })
        .collect()
}

fn stage(conn: &Connection, id: i64) -> Stage {
    contact::get(conn, id).expect("get").expect("there").stage
}

#[test]
fn nothing_recorded_is_nothing_to_undo() {
    let conn = conn();
    let ana = person(&conn, "Ana Lima");
    contact::set_stage(&conn, ana, Stage::Met, day("2026-11-24")).expect("stage");
    assert_eq!(undo(&conn, HERE, AT).expect("undo"), None);
    assert_eq!(stage(&conn, ana), Stage::Met);
}

#[test]
fn a_change_is_undone_whole_and_says_what_it_was() {
    let conn = conn();
    let ana = person(&conn, "Ana Lima");
    let before = snapshot(&conn);
    change(&conn, HERE, "a call with Ana Lima", || {
        contact::log_touch(
            &conn,
            ana,
            TouchKind::Meeting,
            day("2026-11-24"),
            "lunch",
            &now(),
        )
        .expect("touch");
    });
    assert_eq!(stage(&conn, ana), Stage::Met, "a meeting moves the stage");
    assert_eq!(touch::list(&conn, ana).expect("touches").len(), 1);
    assert_eq!(
        undo(&conn, HERE, AT)
            .expect("undo")
            .map(|u| u.label)
            .as_deref(),
        Some("a call with Ana Lima")
    );
    assert_eq!(stage(&conn, ana), Stage::Identified);
    assert!(touch::list(&conn, ana).expect("touches").is_empty());
    assert_eq!(snapshot(&conn), before, "everything is as it was");
    assert_eq!(undo(&conn, HERE, AT).expect("again"), None, "once only");
}

#[test]
fn undo_goes_back_one_change_at_a_time_newest_first() {
    let conn = conn();
    let ana = person(&conn, "Ana Lima");
    for (label, to) in [("contacted", Stage::Contacted), ("met", Stage::Met)] {
        change(&conn, HERE, label, || {
            contact::set_stage(&conn, ana, to, day("2026-11-24")).expect("stage");
        });
    }
    assert_eq!(
        undo(&conn, HERE, AT)
            .expect("1")
            .map(|u| u.label)
            .as_deref(),
        Some("met")
    );
    assert_eq!(stage(&conn, ana), Stage::Contacted);
    assert_eq!(
        undo(&conn, HERE, AT)
            .expect("2")
            .map(|u| u.label)
            .as_deref(),
        Some("contacted")
    );
    assert_eq!(stage(&conn, ana), Stage::Identified);
    let history = contact::stage_history(&conn, ana).expect("history");
    assert_eq!(history.len(), 1, "the stage changes went too: {history:?}");
}

#[test]
fn each_origin_undoes_its_own_changes() {
    let conn = conn();
    let (ana, bo) = (person(&conn, "Ana Lima"), person(&conn, "Bo Chen"));
    change(&conn, HERE, "ana met", || {
        contact::set_stage(&conn, ana, Stage::Met, day("2026-11-24")).expect("stage");
    });
    change(&conn, THERE, "bo met", || {
        contact::set_stage(&conn, bo, Stage::Met, day("2026-11-24")).expect("stage");
    });
    assert_eq!(
        undo(&conn, HERE, AT)
            .expect("undo")
            .map(|u| u.label)
            .as_deref(),
        Some("ana met")
    );
    assert_eq!(stage(&conn, ana), Stage::Identified);
    assert_eq!(
        stage(&conn, bo),
        Stage::Met,
        "the other window's change stays"
    );
}

#[test]
fn a_change_a_later_one_depends_on_is_refused_with_why() {
    let conn = conn();
    let ana = person(&conn, "Ana Lima");
    change(&conn, HERE, "ana met", || {
        contact::set_stage(&conn, ana, Stage::Met, day("2026-11-24")).expect("stage");
    });
    change(&conn, COMMAND_LINE, "contact stage ana partner", || {
        contact::set_stage(&conn, ana, Stage::Partner, day("2026-11-24")).expect("stage");
    });
    let Err(WriteError::Refused(why)) = undo(&conn, HERE, AT) else {
        panic!("refused");
    };
    assert!(why.contains("\"contact stage ana partner\""), "{why}");
    assert!(why.contains("from the command line"), "{why}");
    assert_eq!(stage(&conn, ana), Stage::Partner, "nothing changed");
    // Once the later one is undone, this one can be.
    assert!(undo(&conn, COMMAND_LINE, AT).expect("cli").is_some());
    assert_eq!(
        undo(&conn, HERE, AT)
            .expect("now")
            .map(|u| u.label)
            .as_deref(),
        Some("ana met")
    );
    assert_eq!(stage(&conn, ana), Stage::Identified);
}

#[test]
fn another_column_of_the_same_row_changed_later_does_not_block() {
    let conn = conn();
    let ana = person(&conn, "Ana Lima");
    change(&conn, HERE, "ana starred", || {
        contact::set_on_list(&conn, ana, true, day("2026-11-24")).expect("star");
    });
    change(&conn, THERE, "ana follow-up", || {
        contact::set_follow_up(&conn, ana, Some(day("2026-12-01"))).expect("follow");
    });
    assert!(undo(&conn, HERE, AT).expect("undo").is_some());
    let c = contact::get(&conn, ana).expect("get").expect("there");
    assert!(!c.on_list);
    assert_eq!(c.next_follow_up, Some(day("2026-12-01")));
}

#[test]
fn a_row_it_added_that_later_rows_hang_on_is_not_taken_away() {
    let conn = conn();
    let ana = change(&conn, HERE, "Ana Lima added", || person(&conn, "Ana Lima"));
    change(&conn, THERE, "a call with Ana", || {
        contact::log_touch(&conn, ana, TouchKind::Call, day("2026-11-24"), "", &now())
            .expect("touch");
    });
    let Err(WriteError::Refused(why)) = undo(&conn, HERE, AT) else {
        panic!("refused");
    };
    assert!(why.contains("\"a call with Ana\""), "{why}");
    assert!(why.contains("in another window"), "{why}");
    assert_eq!(touch::list(&conn, ana).expect("touches").len(), 1);
}

#[test]
fn what_an_unrecorded_write_changed_since_is_not_overwritten() {
    let conn = conn();
    let ana = person(&conn, "Ana Lima");
    change(&conn, HERE, "ana met", || {
        contact::set_stage(&conn, ana, Stage::Met, day("2026-11-24")).expect("stage");
    });
    // An import or a sync, which records nothing, moves her on.
    contact::set_stage(&conn, ana, Stage::Partner, day("2026-11-24")).expect("stage");
    let Err(WriteError::Refused(why)) = undo(&conn, HERE, AT) else {
        panic!("refused");
    };
    assert!(why.contains("changed or removed since"), "{why}");
    assert_eq!(stage(&conn, ana), Stage::Partner);
    assert!(
        last(&conn, HERE).expect("last").is_some(),
        "still there to undo"
    );
}

#[test]
fn a_deleted_row_comes_back_with_every_column_and_its_id() {
    let conn = conn();
    let ana = person(&conn, "Ana Lima");
    contact::log_touch(
        &conn,
        ana,
        TouchKind::Call,
        day("2026-11-20"),
        "first",
        &now(),
    )
    .expect("touch");
    let t = touch::list(&conn, ana).expect("touches")[0].id;
    let before = snapshot(&conn);
    change(&conn, HERE, "touch removed for good", || {
        conn.execute("DELETE FROM touch WHERE id = ?1", [t])
            .expect("delete");
    });
    assert!(touch::list(&conn, ana).expect("touches").is_empty());
    assert!(undo(&conn, HERE, AT).expect("undo").is_some());
    let back = touch::list(&conn, ana).expect("touches");
    assert_eq!((back[0].id, back[0].note.as_str()), (t, "first"));
    assert_eq!(snapshot(&conn), before);
}

#[test]
fn a_change_that_changed_nothing_leaves_nothing_to_undo() {
    let conn = conn();
    let ana = person(&conn, "Ana Lima");
    change(&conn, HERE, "same stage", || {
        contact::set_stage(&conn, ana, Stage::Identified, day("2026-11-24")).expect("stage");
    });
    assert_eq!(last(&conn, HERE).expect("last"), None);
}

#[test]
fn a_refused_write_leaves_no_change_behind() {
    let conn = conn();
    let ana = person(&conn, "Ana Lima");
    contact::delete(&conn, ana, &now()).expect("delete");
    change(&conn, HERE, "stage of a deleted contact", || {
        assert!(contact::set_stage(&conn, ana, Stage::Met, day("2026-11-24")).is_err());
    });
    assert_eq!(last(&conn, HERE).expect("last"), None);
}

#[test]
fn old_changes_are_let_go_of() {
    let conn = conn();
    let ana = person(&conn, "Ana Lima");
    for i in 0..(KEPT + 150) {
        let on = if i % 2 == 0 {
            Stage::Met
        } else {
            Stage::Contacted
        };
        change(&conn, HERE, "step", || {
            contact::set_stage(&conn, ana, on, day("2026-11-24")).expect("stage");
        });
    }
    let kept: i64 = conn
        .query_row("SELECT count(*) FROM undo_group", [], |r| r.get(0))
        .expect("count");
    assert!(kept <= KEPT + 100, "{kept} kept");
    assert!(kept >= KEPT, "{kept} kept");
}

#[test]
fn rows_an_unrecorded_write_hung_on_a_row_it_added_are_not_taken_away() {
    let conn = conn();
    let ana = change(&conn, HERE, "Ana Lima added", || person(&conn, "Ana Lima"));
    // An import, which records nothing, adds a detail to her.
    conn.execute(
        "INSERT INTO contact_detail (contact_id, kind, value) VALUES (?1, 'email', 'a@b.c')",
        [ana],
    )
    .expect("detail");
    let Err(WriteError::Refused(why)) = undo(&conn, HERE, AT) else {
        panic!("refused");
    };
    assert!(why.contains("depends on it"), "{why}");
    assert!(
        contact::get(&conn, ana).expect("get").is_some(),
        "she stays"
    );
    let details: i64 = conn
        .query_row("SELECT count(*) FROM contact_detail", [], |r| r.get(0))
        .expect("count");
    assert_eq!(details, 1);
}
