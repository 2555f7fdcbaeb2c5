//! The Scripts pane through the app on a real in-memory store: writing,
//! autosave and versions, the preview for a contact, copying, and the
//! screens (insta snapshots at fixed sizes, today and the clock pinned).

mod common;

use std::cell::Cell;
use std::time::{Duration, Instant};

use common::draw;
use list25::action::Action;
use list25::app::{App, IDLE, MAX_UNSAVED, Pane, Popup, SearchPurpose};
use list25::domain::{CategoryDraft, ContactDraft, Me, SaveKind};
use list25::keymap::Context;
use list25::store;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rusqlite::Connection;

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        let key = if c == '\n' {
            KeyEvent::from(KeyCode::Enter)
        } else if c == '\t' {
            KeyEvent::from(KeyCode::Tab)
        } else {
            KeyEvent::from(KeyCode::Char(c))
        };
        app.update(Action::Input(key));
    }
}

thread_local! {
    /// The moment keys arrive at, for tests that place keys in time.
    static KEY_AT: Cell<Option<Instant>> = const { Cell::new(None) };
}

fn key_at() -> Instant {
    KEY_AT.with(|k| k.get()).unwrap_or_else(Instant::now)
}

/// Type `text` as if at `at`.
fn typed_at(app: &mut App, at: Instant, text: &str) {
    KEY_AT.with(|k| k.set(Some(at)));
    typed(app, text);
}

fn key(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    app.update(Action::Input(KeyEvent::new(code, mods)));
}

fn now() -> chrono::NaiveDateTime {
    common::date("2026-11-22")
        .and_hms_opt(8, 0, 0)
        .expect("time")
}

/// Accountants with Ana Lima (Lima & Co) and Bo (no company), and your
/// name and value set.
fn setup(conn: &Connection) {
    let accountants = store::category::add(
        conn,
        &CategoryDraft::parse("Accountants", "", "").expect("draft"),
        &now(),
    )
    .expect("category");
    let mut ana = ContactDraft::named("Ana Lima").expect("draft");
    ana.company = "Lima & Co".into();
    store::contact::add(conn, Some(accountants), &ana, &now()).expect("ana");
    let bo = ContactDraft::named("Bo").expect("draft");
    store::contact::add(conn, Some(accountants), &bo, &now()).expect("bo");
    store::settings::set_me(
        conn,
        &Me {
            name: "Jane Roe".into(),
            value: "helps start-ups look established from day one".into(),
            profession: "graphic designer".into(),
        },
    )
    .expect("me");
}

/// `setup`, and two bankers with a script "For bankers" of their category.
fn with_bankers(conn: &Connection) {
    setup(conn);
    let bankers = store::category::add(
        conn,
        &CategoryDraft::parse("Bankers", "", "").expect("draft"),
        &now(),
    )
    .expect("category");
    for name in ["Zed Banker", "Carla Banker"] {
        let d = ContactDraft::named(name).expect("draft");
        store::contact::add(conn, Some(bankers), &d, &now()).expect("banker");
    }
    let draft = list25::domain::ScriptDraft {
        kind: list25::domain::ScriptKind::parse("ask").expect("kind"),
        title: "For bankers".into(),
        tip: String::new(),
        category_id: Some(bankers),
    };
    store::script::add(conn, &draft, &now()).expect("script");
}

/// The Scripts pane, with Ana picked in Contacts first so the preview is
/// for her.
fn scripts() -> App {
    let mut app = common::app_with("2026-11-22", "2026-11-22", setup).with_instant(key_at);
    app.update(Action::GoTo(Pane::Contacts));
    app.update(Action::NextView);
    app.update(Action::GoTo(Pane::Scripts));
    app.message = None;
    app
}

/// Select the script titled `title`.
fn select(app: &mut App, title: &str) {
    app.update(Action::Top);
    while app.scripts.selected().map(|s| s.title.as_str()) != Some(title) {
        let before = app.scripts.cursor;
        app.update(Action::Down);
        assert_ne!(before, app.scripts.cursor, "no script titled {title:?}");
    }
}

fn stored_text(app: &App) -> String {
    let id = app.scripts.selected().expect("selected").id;
    store::script::get(app.connection(), id)
        .expect("read")
        .expect("there")
        .text
}

fn versions(app: &App) -> Vec<(String, SaveKind)> {
    let id = app.scripts.selected().expect("selected").id;
    store::script::versions(app.connection(), id)
        .expect("versions")
        .into_iter()
        .map(|v| (v.text, v.how))
        .collect()
}

/// Add a script through the form and land in its editor.
fn add(app: &mut App, title: &str, kind: &str) {
    app.update(Action::Add);
    typed(app, title);
    app.update(Action::NextField);
    typed(app, kind);
    app.update(Action::Save);
    assert!(
        common::form_error(app).is_none(),
        "{:?}",
        common::form_error(app)
    );
}

#[test]
fn the_pane_lists_the_starters_and_previews_for_the_contact_picked_in_contacts() {
    let app = scripts();
    assert_eq!(app.context(), Context::Scripts);
    assert!(app.scripts.list.len() >= 6);
    assert_eq!(
        app.scripts.selected().map(|s| s.title.as_str()),
        Some("What a partner can say about me")
    );
    assert_eq!(
        app.scripts.contact.as_ref().map(|c| c.name.as_str()),
        Some("Ana Lima")
    );
    assert_eq!(
        app.scripts.preview.text(),
        "Jane Roe helps start-ups look established from day one. Call and say I sent you."
    );
}

#[test]
fn a_script_is_added_with_a_title_and_kind_then_written_in_the_editor() {
    let mut app = scripts();
    add(&mut app, "What a banker can say", "value");
    assert_eq!(
        app.context(),
        Context::ScriptEditor,
        "the cursor is in the editor"
    );
    let s = app.scripts.selected().expect("selected").clone();
    assert_eq!(s.title, "What a banker can say");
    assert_eq!(s.kind.label(), "value proposition");
    // Keys that mean something elsewhere are text here.
    typed(&mut app, "q1?/ {first_name}\tj");
    assert_eq!(
        app.scripts.editor.as_ref().expect("editor").current(),
        "q1?/ {first_name}   j"
    );
    assert!(app.running, "q typed, not quit");
    assert_eq!(app.pane, Pane::Scripts, "1 typed, not a pane change");
    app.update(Action::Back);
    assert_eq!(app.context(), Context::Scripts);
    assert_eq!(stored_text(&app), "q1?/ {first_name}   j");
}

#[test]
fn the_script_form_refuses_bad_input_beside_the_field_and_writes_nothing() {
    let mut app = scripts();
    let before = app.scripts.list.len();
    app.update(Action::Add);
    app.update(Action::Save);
    assert_eq!(
        common::form_error(&app),
        Some(("Title", "A script needs a title.".to_owned()))
    );
    typed(&mut app, "Ask after a problem solved");
    app.update(Action::Save);
    let (field, why) = common::form_error(&app).expect("duplicate");
    assert_eq!(field, "Title");
    assert!(why.contains("already a script"), "{why}");
    typed(&mut app, " 2");
    app.update(Action::NextField);
    typed(&mut app, "sonnet");
    app.update(Action::NextField);
    typed(&mut app, "Plumbers");
    app.update(Action::Save);
    let (field, why) = common::form_error(&app).expect("kind");
    assert_eq!(field, "Kind", "the first problem first");
    assert!(why.contains("not a kind of script"), "{why}");
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
    for _ in 0.."sonnet".len() {
        key(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
    }
    typed(&mut app, "ask");
    app.update(Action::Save);
    assert_eq!(
        common::form_error(&app),
        Some(("Category", "\"Plumbers\" is not on your list.".to_owned()))
    );
    app.update(Action::Cancel);
    assert_eq!(
        store::script::list(app.connection()).expect("list").len(),
        before
    );
}

#[test]
fn a_script_can_belong_to_a_category() {
    let mut app = scripts();
    app.update(Action::Add);
    typed(&mut app, "What an accountant can say");
    app.update(Action::NextField);
    typed(&mut app, "value");
    app.update(Action::NextField);
    typed(&mut app, "acc");
    app.update(Action::Save);
    let s = app.scripts.selected().expect("selected");
    assert_eq!(s.category, "Accountants");
    app.update(Action::Back);
    app.update(Action::Edit);
    app.update(Action::NextField);
    app.update(Action::NextField);
    for _ in 0.."Accountants".len() {
        key(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
    }
    app.update(Action::Save);
    assert_eq!(app.scripts.selected().expect("selected").category, "");
}

#[test]
fn autosave_waits_for_a_pause_and_each_pause_keeps_a_version() {
    let mut app = scripts();
    add(&mut app, "Ask", "ask");
    typed(&mut app, "Hi {first_name}");
    let t0 = Instant::now();
    app.update(Action::Tick(t0));
    assert_eq!(stored_text(&app), "", "not while still typing");
    assert!(app.next_tick(t0).is_some_and(|d| d <= IDLE));
    app.update(Action::Tick(t0 + IDLE + Duration::from_millis(50)));
    assert_eq!(stored_text(&app), "Hi {first_name}");
    assert_eq!(
        versions(&app),
        [("Hi {first_name}".to_owned(), SaveKind::Auto)]
    );
    assert_eq!(app.next_tick(Instant::now()), None, "nothing left to do");

    typed(&mut app, ", thanks");
    app.update(Action::Tick(
        Instant::now() + IDLE + Duration::from_millis(50),
    ));
    assert_eq!(
        versions(&app).first().map(|v| v.0.as_str()),
        Some("Hi {first_name}, thanks")
    );
    assert_eq!(versions(&app).len(), 2, "a new version after a pause");
}

#[test]
fn typing_without_a_pause_is_saved_into_one_version() {
    let mut app = scripts();
    add(&mut app, "Ask", "ask");
    let t0 = Instant::now();
    let ms = |n| t0 + Duration::from_millis(n);
    // Keys keep coming, never a whole second apart.
    typed_at(&mut app, ms(0), "one");
    app.update(Action::Tick(ms(800)));
    typed_at(&mut app, ms(900), " two");
    app.update(Action::Tick(ms(1400)));
    assert_eq!(stored_text(&app), "", "not yet");
    assert_eq!(
        app.next_tick(ms(1400)),
        Some(MAX_UNSAVED - Duration::from_millis(1400))
    );
    app.update(Action::Tick(ms(1500)));
    assert_eq!(stored_text(&app), "one two", "saved while typing goes on");
    typed_at(&mut app, ms(1700), " three");
    app.update(Action::Tick(ms(2600)));
    assert_eq!(stored_text(&app), "one two", "typing goes on");
    app.update(Action::Tick(ms(2700)));
    assert_eq!(stored_text(&app), "one two three", "a pause saves");
    assert_eq!(
        versions(&app).len(),
        1,
        "one stretch of typing, one version"
    );
    // The pause closed that version; Ctrl-S saves into a new one.
    typed_at(&mut app, ms(3000), " four");
    app.update(Action::Save);
    typed_at(&mut app, ms(3100), " five");
    app.update(Action::Back);
    let texts: Vec<String> = versions(&app).into_iter().map(|v| v.0).collect();
    assert_eq!(
        texts,
        [
            "one two three four five",
            "one two three four",
            "one two three"
        ]
    );
    assert_eq!(versions(&app)[0].1, SaveKind::Saved);
}

#[test]
fn browsing_shows_a_script_from_the_top_and_writing_starts_at_the_end() {
    let mut app = scripts();
    select(&mut app, "Thank-you card for a referral");
    let cursor = |app: &App| app.scripts.editor.as_ref().expect("editor").text.cursor();
    assert_eq!((cursor(&app).0, cursor(&app).1), (0, 0));
    app.update(Action::Open);
    let lines = app
        .scripts
        .editor
        .as_ref()
        .expect("editor")
        .text
        .lines()
        .len();
    assert_eq!(cursor(&app).0, lines - 1, "on the last line");
    key(&mut app, KeyCode::Up, KeyModifiers::NONE);
    app.update(Action::Back);
    app.update(Action::Open);
    assert_eq!(cursor(&app).0, lines - 2, "back where it was left");
}

#[test]
fn a_save_that_fails_keeps_the_program_open_once() {
    let mut app = scripts();
    add(&mut app, "Ask", "ask");
    typed(&mut app, "words that cannot be stored");
    app.connection()
        .execute_batch("PRAGMA query_only = ON")
        .expect("read-only");
    app.update(Action::Quit);
    assert!(app.running, "not saved, so not gone");
    assert!(
        matches!(&app.message, Some(list25::app::Message::Error(m))
            if m.starts_with("Could not save the script") && m.ends_with("Quit again to leave without saving it.")),
        "{:?}",
        app.message
    );
    app.update(Action::Quit);
    assert!(!app.running, "the second quit goes");
}

#[test]
fn the_preview_follows_contacts_and_reads_the_contact_afresh() {
    let mut app = scripts();
    let name = |app: &App| app.scripts.contact.as_ref().map(|c| c.name.clone());
    app.update(Action::PickContact);
    typed(&mut app, "Bo");
    app.update(Action::Save);
    app.update(Action::GoTo(Pane::Contacts));
    app.update(Action::GoTo(Pane::Scripts));
    assert_eq!(name(&app).as_deref(), Some("Bo"), "a pick is kept");

    // Bo gets a company in the meantime: the preview sees it.
    let bo = app.scripts.contact.as_ref().expect("bo").clone();
    let mut draft = ContactDraft::named("Bo").expect("draft");
    draft.company = "Bo & Sons".into();
    store::contact::update(
        app.connection(),
        bo.id,
        bo.category_id,
        &draft,
        &common::now(),
    )
    .expect("update");
    app.update(Action::GoTo(Pane::Contacts));
    app.update(Action::GoTo(Pane::Scripts));
    select(&mut app, "Reach out to a possible partner");
    assert!(
        app.scripts.preview.text().contains("do at Bo & Sons"),
        "{}",
        app.scripts.preview.text()
    );

    // A new selection in Contacts is followed.
    app.update(Action::GoTo(Pane::Contacts));
    app.update(Action::Down);
    app.update(Action::GoTo(Pane::Scripts));
    assert_eq!(name(&app).as_deref(), Some("Bo"));
    app.update(Action::GoTo(Pane::Contacts));
    app.update(Action::Up);
    app.update(Action::GoTo(Pane::Scripts));
    assert_eq!(name(&app).as_deref(), Some("Ana Lima"));
}

#[test]
fn quitting_while_writing_saves_first() {
    let mut app = scripts();
    add(&mut app, "Ask", "ask");
    typed(&mut app, "unsaved words");
    app.update(Action::Quit);
    assert!(!app.running);
    assert_eq!(stored_text(&app), "unsaved words");
}

#[test]
fn the_preview_fills_in_as_you_type_and_marks_what_it_cannot() {
    let mut app = scripts();
    add(&mut app, "Ask", "ask");
    typed(&mut app, "Hi {first_name} of {company}, {frist_name} {");
    let p = &app.scripts.preview;
    assert_eq!(p.text(), "Hi Ana of Lima & Co, {frist_name} {");
    let said: Vec<String> = p
        .problems
        .iter()
        .map(|p| p.describe(Some("Ana Lima")))
        .collect();
    assert_eq!(
        said,
        [
            "line 1: {frist_name} is not a placeholder; did you mean {first_name}?",
            "line 1: a { is never closed (write {{ for a brace)",
        ]
    );
    insta::assert_snapshot!(draw(&app, 100, 30).backend());
}

#[test]
fn copying_sends_the_filled_in_text_or_says_what_is_missing() {
    let mut app = scripts();
    app.update(Action::Copy);
    assert_eq!(
        app.clipboard.as_deref(),
        Some("Jane Roe helps start-ups look established from day one. Call and say I sent you.")
    );
    assert!(
        matches!(&app.message, Some(list25::app::Message::Info(m)) if m.contains("for Ana Lima: 15 words")),
        "{:?}",
        app.message
    );
    app.clipboard = None;

    // A blank used twice is named once.
    select(&mut app, "Introduce a partner first");
    app.update(Action::Copy);
    assert!(
        matches!(&app.message, Some(list25::app::Message::Info(m))
            if m.ends_with("Fill in by hand: [client's name], [what they can help with], [one line about them].")),
        "{:?}",
        app.message
    );
    app.clipboard = None;

    // Bo has no company: refused, with what to do.
    app.update(Action::PickContact);
    assert!(matches!(&app.popup, Some(Popup::Search(s)) if s.purpose == SearchPurpose::Preview));
    assert_eq!(app.context(), Context::PickContact);
    typed(&mut app, "Bo");
    app.update(Action::Save);
    assert_eq!(
        app.scripts.contact.as_ref().map(|c| c.name.as_str()),
        Some("Bo")
    );
    assert_eq!(
        app.pane,
        Pane::Scripts,
        "picking for the preview stays here"
    );
    select(&mut app, "Reach out to a possible partner");
    app.update(Action::Copy);
    assert_eq!(app.clipboard, None);
    assert!(
        matches!(&app.message, Some(list25::app::Message::Error(m))
            if m.contains("Bo has no company") && m.contains("Add it in Contacts")),
        "{:?}",
        app.message
    );

    // Blanks are copied, and named.
    select(&mut app, "Invitation a client can bring a friend to");
    app.update(Action::Copy);
    assert!(
        app.clipboard
            .as_deref()
            .is_some_and(|t| t.starts_with("Hi Bo,"))
    );
    assert!(
        matches!(&app.message, Some(list25::app::Message::Info(m))
            if m.contains("Fill in by hand: [date], [event], [place], [topic]")),
        "{:?}",
        app.message
    );
}

#[test]
fn your_details_fill_my_name_and_my_value() {
    let mut app = common::app("2026-11-22", "2026-11-22");
    app.update(Action::GoTo(Pane::Scripts));
    assert_eq!(
        app.scripts.preview.text(),
        "{my_name} {my_value}. Call and say I sent you."
    );
    app.update(Action::Copy);
    assert!(
        matches!(&app.message, Some(list25::app::Message::Error(m)) if m.contains("Press s")),
        "{:?}",
        app.message
    );
    app.update(Action::EditMe);
    typed(&mut app, "Jane Roe");
    app.update(Action::NextField);
    typed(&mut app, "builds websites for health care providers");
    app.update(Action::Save);
    assert_eq!(
        app.scripts.preview.text(),
        "Jane Roe builds websites for health care providers. Call and say I sent you."
    );
    assert_eq!(
        store::settings::me(app.connection()).expect("me").name,
        "Jane Roe"
    );
}

#[test]
fn an_earlier_version_can_be_brought_back_and_that_is_kept_too() {
    let mut app = scripts();
    select(&mut app, "Ask after a problem solved");
    let starter = stored_text(&app);
    app.update(Action::Open);
    key(&mut app, KeyCode::Char('a'), KeyModifiers::CONTROL);
    typed(&mut app, "So, ");
    app.update(Action::Back);
    assert!(stored_text(&app).starts_with("So, {first_name}"));
    app.update(Action::Versions);
    let Some(Popup::Versions(v)) = &app.popup else {
        panic!("the versions popup is open");
    };
    assert_eq!(v.list.len(), 2);
    assert_eq!(app.context(), Context::Versions);
    // The newest version is the text in the editor: the same word count.
    assert_eq!(v.words[0], app.scripts.preview.words());
    let screen = draw(&app, 100, 30).backend().to_string();
    let editor_says = format!("{} words", app.scripts.preview.words());
    let list_says = format!("· {} w ", app.scripts.preview.words());
    assert!(screen.contains(&list_says), "{screen}");
    insta::assert_snapshot!(draw(&app, 100, 30).backend());
    app.update(Action::Back);
    let screen = draw(&app, 100, 30).backend().to_string();
    assert!(screen.contains(&editor_says), "{screen}");
    app.update(Action::Versions);
    app.update(Action::Down);
    app.update(Action::Save);
    assert!(app.popup.is_none());
    assert_eq!(stored_text(&app), starter);
    assert_eq!(
        app.scripts.editor.as_ref().expect("editor").current(),
        starter,
        "the editor shows it"
    );
    let kept = versions(&app);
    assert_eq!(kept.len(), 3);
    assert_eq!(kept[0].1, SaveKind::Restored);
    assert!(kept[1].0.starts_with("So, "), "the replaced text is kept");
}

#[test]
fn delete_asks_and_undo_brings_the_script_back() {
    let mut app = scripts();
    let title = app.scripts.selected().expect("selected").title.clone();
    let n = app.scripts.list.len();
    app.update(Action::Delete);
    assert_eq!(app.context(), Context::Confirm);
    app.update(Action::Confirm);
    assert_eq!(app.scripts.list.len(), n - 1);
    assert!(app.scripts.list.iter().all(|s| s.title != title));
    app.update(Action::Undo);
    assert_eq!(app.scripts.list.len(), n);
    assert_eq!(app.scripts.selected().map(|s| s.title.clone()), Some(title));
}

#[test]
fn scripts_at_100x30() {
    let mut app = scripts();
    select(&mut app, "Thank-you card for a referral");
    insta::assert_snapshot!(draw(&app, 100, 30).backend());
}

#[test]
fn scripts_at_80x24() {
    let app = scripts();
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn writing_at_120x40_keeps_the_list_in_view() {
    let mut app = scripts();
    select(&mut app, "Ask after a problem solved");
    app.update(Action::Open);
    typed(&mut app, " Thanks!");
    app.update(Action::Tick(
        Instant::now() + IDLE + Duration::from_millis(50),
    ));
    insta::assert_snapshot!(draw(&app, 120, 40).backend());
}

#[test]
fn a_script_of_a_category_is_previewed_for_someone_of_that_category() {
    let mut app = common::app_with("2026-11-22", "2026-11-22", with_bankers).with_instant(key_at);
    let shown = |app: &App| app.scripts.shown_for.as_ref().map(|c| c.name.clone());
    // Ana, an accountant, is selected in Contacts.
    app.update(Action::GoTo(Pane::Contacts));
    app.update(Action::GoTo(Pane::Scripts));
    select(&mut app, "For bankers");
    assert_eq!(
        shown(&app).as_deref(),
        Some("Carla Banker"),
        "the first banker"
    );
    select(&mut app, "Reach out to a possible partner");
    assert_eq!(shown(&app).as_deref(), Some("Ana Lima"), "a general script");
    // A banker selected in Contacts is the one shown.
    app.update(Action::GoTo(Pane::Contacts));
    app.update(Action::NextView);
    while app.contacts.current().map(|c| c.name.as_str()) != Some("Zed Banker") {
        app.update(Action::Down);
    }
    app.update(Action::GoTo(Pane::Scripts));
    select(&mut app, "For bankers");
    assert_eq!(shown(&app).as_deref(), Some("Zed Banker"));
    // A contact picked for the preview is shown whatever the category.
    app.update(Action::PickContact);
    typed(&mut app, "Bo");
    app.update(Action::Save);
    assert_eq!(shown(&app).as_deref(), Some("Bo"));
}

/// The rows the editor widget shows for `text` at `width` columns.
fn editor_rows(text: &str, width: u16) -> Vec<String> {
    use ratatui::widgets::Widget;
    let mut area = ratatui_textarea::TextArea::new(vec![text.to_owned()]);
    area.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    let height = 40;
    let rect = ratatui::layout::Rect::new(0, 0, width, height);
    let mut buffer = ratatui::buffer::Buffer::empty(rect);
    (&area).render(rect, &mut buffer);
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .filter(|row| !row.is_empty())
        .collect()
}

/// At every width, the editor breaks rows at spaces: a placeholder is
/// whole on one row, no row starts with punctuation, and the rows read
/// back as the text.
#[test]
fn the_editor_wraps_at_spaces_never_inside_a_placeholder_or_before_punctuation() {
    let text = "Hi {first_name}, I work with {company} owners, so let me ask: \
                who else at {company} (or near it) would like a call? Thanks, {my_name}.";
    for width in 14..=60 {
        let rows = editor_rows(text, width);
        assert_eq!(
            rows.join(" ").split_whitespace().collect::<Vec<_>>(),
            text.split_whitespace().collect::<Vec<_>>(),
            "at {width}: {rows:#?}"
        );
        for row in &rows {
            assert!(
                row.matches('{').count() == row.matches('}').count(),
                "a placeholder split at {width}: {rows:#?}"
            );
            let first = row.chars().next().unwrap_or(' ');
            assert!(
                !",.:;!?)".contains(first),
                "punctuation starts a row at {width}: {rows:#?}"
            );
            assert!(
                unicode_width::UnicodeWidthStr::width(row.as_str()) <= usize::from(width),
                "a row too wide at {width}"
            );
        }
    }
}

/// A word wider than the editor is cut, as it must be, and nothing is lost.
#[test]
fn a_word_wider_than_the_editor_is_cut_to_fit() {
    let rows = editor_rows("see https://example.com/a/very/long/path today", 12);
    assert_eq!(
        rows,
        [
            "see",
            "https://exam",
            "ple.com/a/ve",
            "ry/long/path",
            "today"
        ]
    );
}

/// The versions list counts words as the editor does: as said, with
/// {my_value} filled in, not each placeholder as one word.
#[test]
fn the_versions_list_counts_words_as_the_editor_does() {
    let mut app = common::app("2026-11-22", "2026-11-22");
    app.update(Action::GoTo(Pane::Scripts));
    app.update(Action::EditMe);
    typed(&mut app, "Jane Roe");
    app.update(Action::NextField);
    typed(&mut app, "builds websites for health care providers");
    app.update(Action::Save);
    app.update(Action::Open);
    typed(&mut app, " Thanks.");
    app.update(Action::Back);
    let said = app.scripts.preview.words();
    assert_eq!(said, 15, "{}", app.scripts.preview.text());
    app.update(Action::Versions);
    let screen = draw(&app, 100, 30).backend().to_string();
    assert!(screen.contains(&format!("· {said} w ")), "{screen}");
}

/// The contact picker lists people before anything is typed: for a script
/// of a category, that category's people, by name; else everyone.
#[test]
fn the_picker_lists_people_before_anything_is_typed() {
    let mut app = common::app_with("2026-11-22", "2026-11-22", with_bankers).with_instant(key_at);
    let listed = |app: &App| match &app.popup {
        Some(Popup::Search(s)) => s
            .found
            .iter()
            .map(|(_, label)| label.split(" · ").next().unwrap_or_default().to_owned())
            .collect::<Vec<_>>(),
        _ => panic!("the picker is open"),
    };
    app.update(Action::GoTo(Pane::Scripts));
    select(&mut app, "For bankers");
    app.update(Action::PickContact);
    assert_eq!(listed(&app), ["Carla Banker", "Zed Banker"]);
    let screen = draw(&app, 80, 24).backend().to_string();
    assert!(screen.contains("Carla Banker"), "{screen}");
    app.update(Action::Cancel);
    select(&mut app, "Reach out to a possible partner");
    app.update(Action::PickContact);
    assert_eq!(
        listed(&app),
        ["Ana Lima", "Bo", "Carla Banker", "Zed Banker"]
    );
    // Typing narrows the list as before; clearing it lists people again.
    typed(&mut app, "zed");
    assert_eq!(listed(&app), ["Zed Banker"]);
    for _ in 0..3 {
        app.update(Action::Input(KeyEvent::from(KeyCode::Backspace)));
    }
    assert_eq!(listed(&app).len(), 4);
}

/// A script longer than the preview can show: writing at its end brings
/// the preview's end into view; browsing shows its start.
#[test]
fn a_long_preview_scrolls_along_with_the_writing() {
    let mut app = scripts();
    app.update(Action::Resize(80, 24));
    select(&mut app, "Ask after a problem solved");
    app.update(Action::Open);
    key(&mut app, KeyCode::Char('a'), KeyModifiers::CONTROL);
    let sentences: Vec<String> = (1..=40)
        .map(|i| format!("Sentence number {i} of a long script."))
        .collect();
    typed(
        &mut app,
        &format!("FIRSTWORD {} LASTWORD", sentences.join(" ")),
    );
    let preview = |app: &App| -> String {
        let screen = draw(app, 80, 24).backend().to_string();
        // The preview is the right half of the screen.
        screen
            .lines()
            .map(|l| l.trim_matches('"').chars().skip(40).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let writing = preview(&app);
    assert!(writing.contains("LASTWORD"), "{writing}");
    assert!(!writing.contains("FIRSTWORD"), "{writing}");
    app.update(Action::Back);
    let browsing = preview(&app);
    assert!(browsing.contains("FIRSTWORD"), "{browsing}");
    assert!(!browsing.contains("LASTWORD"), "{browsing}");
}
