use super::*;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, NONE)
}

#[test]
fn specific_bindings_win_over_globals() {
    assert_eq!(resolve(TodayTask, key(Char(' '))), Some(Action::Toggle));
    assert_eq!(
        resolve(ProgramTask, key(Esc)),
        Some(Action::Back),
        "its pane's"
    );
    assert_eq!(resolve(TodayTask, key(Char('n'))), Some(Action::EditNote));
    assert_eq!(
        resolve(TodayFollowUp, key(Char('x'))),
        None,
        "no skip there"
    );
    assert_eq!(resolve(Today, key(Char('q'))), Some(Action::Quit));
    assert_eq!(
        resolve(Today, KeyEvent::new(Char('c'), CTRL)),
        Some(Action::Quit)
    );
}

#[test]
fn text_fields_take_every_unbound_key() {
    assert_eq!(
        resolve(TextField, key(Char('q'))),
        Some(Action::Input(key(Char('q'))))
    );
    assert_eq!(
        resolve(TextField, key(Char('2'))),
        Some(Action::Input(key(Char('2'))))
    );
    assert_eq!(resolve(TextField, key(Enter)), Some(Action::Save));
}

#[test]
fn the_script_editor_takes_every_unbound_key_and_no_global() {
    for code in [
        Char('q'),
        Char('1'),
        Char('?'),
        Char('/'),
        Enter,
        Tab,
        BackTab,
    ] {
        assert_eq!(
            resolve(ScriptEditor, key(code)),
            Some(Action::Input(key(code))),
            "{code:?}"
        );
    }
    assert_eq!(resolve(ScriptEditor, key(Esc)), Some(Action::Back));
    assert_eq!(
        resolve(ScriptEditor, KeyEvent::new(Char('s'), CTRL)),
        Some(Action::Save)
    );
    assert_eq!(
        resolve(Scripts, key(Char('5'))),
        Some(Action::GoTo(Pane::Scripts))
    );
}

#[test]
fn a_terminal_too_small_takes_only_quit() {
    assert_eq!(resolve(TooSmall, key(Char('q'))), Some(Action::Quit));
    assert_eq!(
        resolve(TooSmall, KeyEvent::new(Char('c'), CTRL)),
        Some(Action::Quit)
    );
    for code in [Char('3'), Char('d'), Char('y'), Enter, Tab, Esc, Char('a')] {
        assert_eq!(resolve(TooSmall, key(code)), None, "{code:?}");
    }
}

#[test]
fn panes_not_built_have_no_key() {
    assert_eq!(resolve(Today, key(Char('8'))), None);
    assert_eq!(
        resolve(Today, key(Char('7'))),
        Some(Action::GoTo(Pane::Events))
    );
    assert_eq!(
        resolve(Today, key(Char('6'))),
        Some(Action::GoTo(Pane::Referrals))
    );
    assert_eq!(
        resolve(Today, key(Char('3'))),
        Some(Action::GoTo(Pane::Categories))
    );
}

#[test]
fn no_pane_takes_a_key_that_works_everywhere() {
    for context in Context::ALL.into_iter().filter(|c| c.with_globals()) {
        for global in BINDINGS.iter().filter(|b| b.context == Global) {
            for &(code, mods) in global.keys {
                assert_eq!(
                    resolve(context, KeyEvent::new(code, mods)),
                    Some(global.action.clone()),
                    "{context:?} takes {code:?} from {:?}",
                    global.action
                );
            }
        }
    }
}

#[test]
fn every_binding_is_reachable_and_unshadowed() {
    for (i, binding) in BINDINGS.iter().enumerate() {
        for &(code, mods) in binding.keys {
            let ev = KeyEvent::new(code, mods);
            let earlier = BINDINGS[..i]
                .iter()
                .any(|b| b.context == binding.context && matches(b, &ev));
            assert!(!earlier, "{code:?} is bound twice in {:?}", binding.context);
        }
    }
}

#[test]
fn help_lists_every_binding_with_a_label() {
    let listed: usize = help().iter().map(|(_, b)| b.len()).sum();
    let labelled = BINDINGS.iter().filter(|b| !b.label.is_empty()).count();
    assert_eq!(listed, labelled, "a context is missing from Context::ALL");
}

#[test]
fn footer_shows_context_keys_before_globals() {
    let labels: Vec<_> = footer(ProgramTask).map(|b| b.label).collect();
    assert_eq!(labels.first(), Some(&"Space"));
    assert!(labels.contains(&"Esc"), "the pane's keys next");
    assert!(labels.contains(&"q"));
    let help_labels: Vec<_> = footer(Help).map(|b| b.label).collect();
    assert!(
        !help_labels.contains(&"Tab"),
        "globals do not apply in help"
    );
}
