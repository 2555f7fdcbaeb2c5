//! Property tests for placeholder rendering: whatever is typed, nothing is
//! dropped, known placeholders are filled, and problems point at real lines.

use list25::domain::Contact;
use list25::domain::template::{Field, Me, Problem, Values, render};
use proptest::prelude::*;

fn ana() -> Contact {
    Contact {
        category: "Comptables à Montréal".into(),
        name: "Ana Lima 🌸".into(),
        company: "東京印刷".into(),
        role: "partner".into(),
        city: "Lisbon".into(),
        ..Contact::default()
    }
}

fn me() -> Me {
    Me {
        name: "Jane Roe".into(),
        value: "helps start-ups look established".into(),
        profession: "designer".into(),
    }
}

/// Text that leans on the characters the renderer cares about.
fn odd_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just("\n".to_owned()),
        Just("{first_name}".to_owned()),
        Just("{my_value}".to_owned()),
        Just("{company}".to_owned()),
        Just("{nope}".to_owned()),
        Just("[date]".to_owned()),
        "[a-z _-]{0,6}",
        "\\PC{0,4}",
        Just("東京 🌸 e\u{301}".to_owned()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

/// A known field's placeholder, written in any of the accepted spellings.
fn spelled(field: Field, style: u8) -> String {
    let key = field.key();
    match style % 3 {
        0 => format!("{{{key}}}"),
        1 => format!("{{{}}}", key.to_uppercase()),
        _ => format!("{{ {} }}", key.replace('_', " ")),
    }
}

fn expected(field: Field, contact: &Contact, me: &Me) -> String {
    Values {
        contact: Some(contact),
        me,
        referred: None,
    }
    .get(field)
    .expect("every field has a value for Ana")
}

proptest! {
    /// With no values at all, every placeholder stays exactly as written:
    /// nothing is ever dropped (escapes aside, which are left out here).
    #[test]
    fn nothing_is_dropped(text in odd_text()) {
        prop_assume!(!text.contains("{{") && !text.contains("}}"));
        let nobody = Me::default();
        let r = render(&text, &Values { contact: None, me: &nobody, referred: None });
        prop_assert_eq!(r.text(), text);
    }

    /// Problems always name a line that exists.
    #[test]
    fn problems_point_at_real_lines(text in odd_text()) {
        let contact = ana();
        let me = me();
        let r = render(&text, &Values { contact: Some(&contact), me: &me, referred: None });
        let lines = text.split('\n').count();
        for p in &r.problems {
            prop_assert!((1..=lines).contains(&p.line()), "{:?} in {} lines", p, lines);
        }
        if !text.contains('{') {
            prop_assert!(r.problems.is_empty(), "no brace, no problem: {:?}", r.problems);
        }
    }

    /// Text and known placeholders interleaved: each placeholder becomes
    /// its value, the text around it is kept, and nothing is reported.
    #[test]
    fn known_placeholders_are_filled(
        parts in prop::collection::vec(("[^{}\\[\\]]{0,12}", 0usize..10, any::<u8>()), 0..12)
    ) {
        let contact = ana();
        let me = me();
        let mut text = String::new();
        let mut want = String::new();
        for (literal, f, style) in &parts {
            let field = Field::ALL[*f];
            text.push_str(literal);
            text.push_str(&spelled(field, *style));
            want.push_str(literal);
            want.push_str(&expected(field, &contact, &me));
        }
        let r = render(&text, &Values { contact: Some(&contact), me: &me, referred: None });
        prop_assert!(r.is_complete(), "{:?}", r.problems);
        prop_assert_eq!(r.text(), want);
    }

    /// Doubled braces always come out single, whatever is between them.
    #[test]
    fn doubled_braces_are_literal(inner in "[^{}]{0,20}") {
        let me = me();
        let r = render(&format!("{{{{{inner}}}}}"), &Values { contact: None, me: &me, referred: None });
        prop_assert_eq!(r.text(), format!("{{{inner}}}"));
        prop_assert!(r.is_complete());
    }

    /// Any other name in braces is reported as unknown and kept.
    #[test]
    fn unknown_names_are_reported(name in "[a-z][a-z0-9_]{0,30}") {
        prop_assume!(Field::parse(&name).is_none());
        let me = me();
        let text = format!("Hi {{{name}}}!");
        let r = render(&text, &Values { contact: None, me: &me, referred: None });
        prop_assert_eq!(r.text(), text);
        let is_unknown = matches!(&r.problems[..], [Problem::Unknown { raw, line: 1, .. }] if raw == &name);
        prop_assert!(is_unknown, "{:?}", r.problems);
    }
}

#[test]
fn a_megabyte_of_braces_renders() {
    let me = me();
    let text = "{".repeat(1 << 20);
    let r = render(
        &text,
        &Values {
            contact: None,
            me: &me,
            referred: None,
        },
    );
    // Pairs of braces are escapes: half a megabyte of literal braces.
    assert_eq!(r.text().len(), 1 << 19);
    assert!(r.is_complete());
    let text = "{x".repeat(1 << 18);
    let r = render(
        &text,
        &Values {
            contact: None,
            me: &me,
            referred: None,
        },
    );
    assert_eq!(r.text(), text);
    assert_eq!(r.problems.len(), 1 << 18);
}
