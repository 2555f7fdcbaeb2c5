//! Tests of `template`.

use super::*;

fn contact(name: &str, company: &str) -> Contact {
    Contact {
        category: "Accountants".into(),
        name: name.into(),
        company: company.into(),
        ..Contact::default()
    }
}

fn me() -> Me {
    Me {
        name: "Jane Roe".into(),
        value: "helps start-ups look established from day one".into(),
        profession: "graphic designer".into(),
    }
}

fn for_ana(text: &str) -> Rendered {
    let ana = contact("Ana Lima", "Lima & Co");
    let me = me();
    render(
        text,
        &Values {
            contact: Some(&ana),
            me: &me,
            referred: None,
        },
    )
}

#[test]
fn placeholders_are_filled_for_the_contact_and_you() {
    let r = for_ana("Hi {first_name} of {company} ({category}): {my_name} {my_value}.");
    assert_eq!(
        r.text(),
        "Hi Ana of Lima & Co (Accountants): Jane Roe helps start-ups look established from day one."
    );
    assert!(r.is_complete(), "{:?}", r.problems);
    assert_eq!(for_ana("{last_name}, {name}").text(), "Lima, Ana Lima");
}

#[test]
fn names_ignore_case_spaces_and_hyphens() {
    assert_eq!(
        for_ana("{First Name} {FIRST-NAME} { name }").text(),
        "Ana Ana Ana Lima"
    );
}

#[test]
fn an_unknown_placeholder_is_kept_and_reported_with_a_guess() {
    let r = for_ana("Hello {frist_name},\nyour {shoe_size} is noted");
    assert_eq!(r.text(), "Hello {frist_name},\nyour {shoe_size} is noted");
    assert_eq!(
        r.problems,
        vec![
            Problem::Unknown {
                raw: "frist_name".into(),
                line: 1,
                suggestion: Some(Field::FirstName)
            },
            Problem::Unknown {
                raw: "shoe_size".into(),
                line: 2,
                suggestion: None
            },
        ]
    );
    assert_eq!(
        r.problems[0].describe(None),
        "line 1: {frist_name} is not a placeholder; did you mean {first_name}?"
    );
    assert!(r.pieces.contains(&Piece::Unknown("{shoe_size}".into())));
}

#[test]
fn unbalanced_braces_are_kept_and_an_open_one_is_reported() {
    let r = for_ana("a { b\nc } d {first_name");
    assert_eq!(r.text(), "a { b\nc } d {first_name");
    assert_eq!(
        r.problems,
        vec![Problem::Unclosed { line: 1 }, Problem::Unclosed { line: 2 }]
    );
    let r = for_ana("{{first_name}} is how you write {first_name}}");
    assert_eq!(r.text(), "{first_name} is how you write Ana}");
    assert!(r.is_complete());
    let r = for_ana("{{{first_name}}}");
    assert_eq!(r.text(), "{Ana}");
    let r = for_ana("{}");
    assert_eq!(r.text(), "{}");
    assert!(matches!(r.problems[..], [Problem::Unknown { .. }]));
    let r = for_ana("{a{first_name}");
    assert_eq!(r.text(), "{aAna");
    assert_eq!(r.problems, vec![Problem::Unclosed { line: 1 }]);
}

#[test]
fn a_missing_value_is_shown_as_written_and_reported() {
    let ana = contact("Ana", "");
    let nobody = Me::default();
    let r = render(
        "{first_name} {last_name} at {company}, from {my_name}",
        &Values {
            contact: Some(&ana),
            me: &nobody,
            referred: None,
        },
    );
    assert_eq!(r.text(), "Ana {last_name} at {company}, from {my_name}");
    let missing: Vec<_> = r
        .problems
        .iter()
        .map(|p| match p {
            Problem::Missing { field, .. } => *field,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(missing, [Field::LastName, Field::Company, Field::MyName]);
    assert!(
        r.problems.iter().all(|p| !p.is_error()),
        "missing values are not errors"
    );
    assert_eq!(
        r.problems[1].describe(Some("Ana")),
        "line 1: Ana has no company"
    );
    let no_one = render(
        "Hi {first_name}",
        &Values {
            contact: None,
            me: &nobody,
            referred: None,
        },
    );
    assert_eq!(
        no_one.problems[0].describe(None),
        "line 1: {first_name} needs a contact"
    );
    assert_eq!(
        r.problems[2].describe(Some("Ana")),
        "line 1: {my_name} is not set yet"
    );
}

#[test]
fn problems_and_blanks_are_said_once_each_errors_first() {
    let r = for_ana("{my_nam} [date] {\n{my_nam} {company} [date] { [place]");
    let lines: Vec<usize> = r.distinct_problems().iter().map(|p| p.line()).collect();
    assert_eq!(r.problems.len(), 4);
    assert_eq!(
        lines,
        [1, 1],
        "the second {{my_nam}} and {{ are the same problems"
    );
    assert!(r.distinct_problems().iter().all(|p| p.is_error()));
    assert_eq!(r.distinct_blanks(), ["[date]", "[place]"]);
    let nobody = Me::default();
    let r = render(
        "{my_name} {nope} {my_name}",
        &Values {
            contact: None,
            me: &nobody,
            referred: None,
        },
    );
    let kinds: Vec<bool> = r.distinct_problems().iter().map(|p| p.is_error()).collect();
    assert_eq!(kinds, [true, false], "the unknown one first");
}

#[test]
fn blanks_are_kept_and_listed() {
    let r = for_ana("See you on [date] at [place]; [ ] and [unclosed and ]");
    assert_eq!(
        r.text(),
        "See you on [date] at [place]; [ ] and [unclosed and ]"
    );
    assert_eq!(r.blanks, ["[date]", "[place]", "[unclosed and ]"]);
    assert!(r.is_complete());
    let r = for_ana("[a\nb]");
    assert!(r.blanks.is_empty());
}

#[test]
fn unicode_and_empty_text_come_through_unchanged() {
    assert_eq!(for_ana("").pieces, []);
    let text = "Café 東京 🌸 e\u{301} — «{first_name}»\r\n";
    assert_eq!(for_ana(text).text(), "Café 東京 🌸 e\u{301} — «Ana»\r\n");
    let yamada = contact("山田 花子 🌸", "株式会社");
    let me = me();
    let r = render(
        "{first_name}様、{company}",
        &Values {
            contact: Some(&yamada),
            me: &me,
            referred: None,
        },
    );
    assert_eq!(r.text(), "山田様、株式会社");
    assert_eq!(for_ana("{名前}").problems.len(), 1);
}

#[test]
fn very_long_text_renders_in_one_pass() {
    let unit = "{first_name}, thank you! {{ok}} [date] ";
    let text = unit.repeat(20_000);
    let r = for_ana(&text);
    assert_eq!(r.text(), "Ana, thank you! {ok} [date] ".repeat(20_000));
    assert_eq!(r.blanks.len(), 20_000);
    let long_name = format!("{{{}}}", "x".repeat(MAX_NAME + 5));
    let r = for_ana(&long_name);
    assert_eq!(r.text(), long_name);
    assert!(matches!(r.problems[..], [Problem::Unclosed { .. }]));
}

#[test]
fn words_and_speaking_time() {
    assert_eq!(word_count("  one two\nthree\t four  "), 4);
    assert_eq!(word_count(""), 0);
    assert_eq!(spoken_seconds(0), 0);
    assert_eq!(spoken_seconds(1), 1);
    assert_eq!(spoken_seconds(150), 60);
    assert_eq!(spoken_label(20), "8 s");
    assert_eq!(spoken_label(150), "1 min");
    assert_eq!(spoken_label(180), "1 min 12 s");
}

#[test]
fn first_name_is_the_first_word() {
    assert_eq!(split_name("  Ana  Maria Lima "), ("Ana", "Maria Lima"));
    assert_eq!(split_name("Cher"), ("Cher", ""));
    assert_eq!(split_name(""), ("", ""));
}
