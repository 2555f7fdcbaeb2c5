//! vCard 2.1, 3.0 and 4.0, parsed by `calcard`. Cards are found by their
//! BEGIN and END lines first, so that a card is named by its line and a
//! card that never ends refuses the file.

use calcard::vcard::{
    VCard, VCardEntry, VCardKind, VCardParameterName, VCardParameterValue, VCardProperty,
    VCardValue,
};

use super::{Found, Person, Skip};

fn is(line: &str, what: &str) -> bool {
    let t = line.trim();
    t.len() == what.len() && t.eq_ignore_ascii_case(what)
}

/// Each card's text and the line it begins on.
fn cards(text: &str) -> Result<Vec<(usize, &str)>, (usize, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let mut at = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let n = i + 1;
        match open {
            None if is(line, "BEGIN:VCARD") => open = Some((n, at)),
            None if line.trim().is_empty() => {}
            None => {
                return Err((
                    n,
                    "text outside any card (cards start with BEGIN:VCARD); \
                     this is not a vCard file"
                        .into(),
                ));
            }
            Some((start, _)) if is(line, "BEGIN:VCARD") => return Err(never_ends(start)),
            Some((start, from)) if is(line, "END:VCARD") => {
                out.push((start, &text[from..at + line.len()]));
                open = None;
            }
            Some(_) => {}
        }
        at += line.len();
    }
    match open {
        Some((start, _)) => Err(never_ends(start)),
        None => Ok(out),
    }
}

fn never_ends(line: usize) -> (usize, String) {
    (
        line,
        "the card that begins here (BEGIN:VCARD) never ends: no END:VCARD follows".into(),
    )
}

pub(super) fn read(text: &str) -> Result<(String, Found), (usize, String)> {
    let mut raw = Vec::new();
    let mut skipped = Vec::new();
    let mut versions: Vec<String> = Vec::new();
    for (line, card) in cards(text)? {
        let vcard =
            VCard::parse(card).map_err(|e| (line, format!("this card cannot be read: {e:?}")))?;
        let version = text_of(&vcard, &VCardProperty::Version).unwrap_or_else(|| "3.0".into());
        if !versions.contains(&version) {
            versions.push(version);
        }
        let person = person_of(&vcard, line);
        if is_group(&vcard) {
            skipped.push(Skip {
                line,
                name: person.name,
                reason: "a group of contacts (KIND:group), not a person".into(),
            });
            continue;
        }
        raw.push(person);
    }
    let people = super::finish_all(raw, &mut skipped);
    Ok((format!("vCard {}", versions.join(", ")), (people, skipped)))
}

fn is_group(card: &VCard) -> bool {
    let kind = card
        .property(&VCardProperty::Kind)
        .and_then(|e| e.values.first())
        .is_some_and(|v| matches!(v, VCardValue::Kind(VCardKind::Group)));
    let apple = card.entries.iter().any(|e| {
        matches!(&e.name, VCardProperty::Other(n) if n.eq_ignore_ascii_case("X-ADDRESSBOOKSERVER-KIND"))
            && e.values.first().and_then(VCardValue::as_text).is_some_and(|t| t.eq_ignore_ascii_case("group"))
    });
    kind || apple
}

/// The values of an entry as text, each trimmed.
fn texts(entry: &VCardEntry) -> Vec<String> {
    entry
        .values
        .iter()
        .filter_map(|v| match v {
            VCardValue::Component(parts) => Some(parts.join(" ")),
            other => other.as_text().map(str::to_owned),
        })
        .map(|t| t.trim().to_owned())
        .collect()
}

fn text_of(card: &VCard, prop: &VCardProperty) -> Option<String> {
    card.property(prop)
        .map(|e| texts(e).join(" "))
        .filter(|t| !t.trim().is_empty())
}

/// How much an entry is preferred: PREF=1 or TYPE=pref first.
fn preference(entry: &VCardEntry) -> u32 {
    entry
        .params
        .iter()
        .find_map(|p| match (&p.name, &p.value) {
            (VCardParameterName::Pref, VCardParameterValue::Integer(n)) => Some(*n),
            (VCardParameterName::Pref, _) => Some(1),
            (VCardParameterName::Type, VCardParameterValue::Text(t))
                if t.eq_ignore_ascii_case("pref") =>
            {
                Some(1)
            }
            _ => None,
        })
        .unwrap_or(101)
}

/// The entries of a kind, the preferred first (otherwise in card order).
fn by_preference<'a>(card: &'a VCard, prop: &'a VCardProperty) -> Vec<&'a VCardEntry> {
    let mut entries: Vec<&VCardEntry> = card.properties(prop).collect();
    entries.sort_by_key(|e| preference(e));
    entries
}

/// A phone written as a `tel:` URI, as a number: "+33-1-23 ext. 12".
fn phone_text(value: &str) -> String {
    let bare = value.strip_prefix("tel:").unwrap_or(value);
    match bare.split_once(";ext=") {
        Some((number, ext)) => format!("{number} ext. {ext}"),
        None => bare.split(';').next().unwrap_or(bare).to_owned(),
    }
}

fn person_of(card: &VCard, line: usize) -> Person {
    let mut p = Person {
        line,
        ..Person::default()
    };
    p.name = text_of(card, &VCardProperty::Fn).unwrap_or_default();
    if p.name.trim().is_empty()
        && let Some(n) = card.property(&VCardProperty::N)
    {
        // N is family; given; additional; prefix; suffix.
        let parts = texts(n);
        let part = |i: usize| parts.get(i).map_or("", String::as_str);
        p.name = [part(3), part(1), part(2), part(0), part(4)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
    }
    if let Some(org) = card.property(&VCardProperty::Org) {
        p.company = texts(org).into_iter().next().unwrap_or_default();
    }
    p.role = text_of(card, &VCardProperty::Title)
        .or_else(|| text_of(card, &VCardProperty::Role))
        .unwrap_or_default();
    for e in by_preference(card, &VCardProperty::Email) {
        p.emails.extend(texts(e));
    }
    for e in by_preference(card, &VCardProperty::Tel) {
        p.phones.extend(texts(e).iter().map(|t| phone_text(t)));
    }
    if let Some(adr) = by_preference(card, &VCardProperty::Adr).first() {
        // ADR is box; extended; street; locality; region; code; country.
        p.city = texts(adr).get(3).cloned().unwrap_or_default();
    }
    for note in card.properties(&VCardProperty::Note) {
        super::add_line(&mut p.notes, &texts(note).join(" "));
    }
    for url in card.properties(&VCardProperty::Url) {
        super::add_line(&mut p.notes, &format!("Web: {}", texts(url).join(" ")));
    }
    for c in card.properties(&VCardProperty::Categories) {
        p.categories.extend(texts(c).into_iter().flat_map(|t| {
            t.split(',')
                .map(|s| s.trim().to_owned())
                .collect::<Vec<_>>()
        }));
    }
    let met = VCardProperty::Other(super::vcard_out::MET_HOW.into());
    p.met_how = text_of(card, &met).unwrap_or_default();
    p.uid = card.uid().map(str::to_owned);
    p
}
