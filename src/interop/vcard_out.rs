//! Contacts written as vCards (4.0, or 3.0 for older readers), built with
//! `calcard`: one card per contact, with its UID, every address and
//! number, its category as CATEGORIES and who referred them.

use calcard::vcard::{VCard, VCardEntry, VCardParameter, VCardProperty, VCardVersion};

use crate::store::export::Exported;

/// Which vCard to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V3,
    V4,
}

/// How list25 names the one field vCard has no property for.
pub const MET_HOW: &str = "X-LIST25-MET-HOW";
/// Who referred the contact, where vCard 3.0 has no RELATED.
pub const REFERRED_BY: &str = "X-LIST25-REFERRED-BY";

/// A full name as given names and a family name: the last word is the
/// family name when there are several.
fn split_name(name: &str) -> (String, String) {
    match name.trim().rsplit_once(' ') {
        Some((given, family)) => (given.trim().to_owned(), family.to_owned()),
        None => (name.trim().to_owned(), String::new()),
    }
}

fn text(prop: VCardProperty, value: &str) -> VCardEntry {
    VCardEntry::new(prop).with_value(value.to_owned())
}

fn pref(entry: VCardEntry, version: Version) -> VCardEntry {
    match version {
        Version::V4 => entry.with_param(VCardParameter::pref(1u32)),
        Version::V3 => entry.with_param(VCardParameter::typ("pref".to_owned())),
    }
}

/// One contact's card.
pub fn card(e: &Exported, version: Version) -> VCard {
    let c = &e.contact;
    let mut entries = vec![
        text(VCardProperty::Prodid, "-//list25//list25//EN"),
        text(VCardProperty::Uid, &e.uid),
        text(VCardProperty::Fn, &c.name),
    ];
    let (given, family) = split_name(&c.name);
    entries.push(VCardEntry::new(VCardProperty::N).with_values(vec![
        family.into(),
        given.into(),
        String::new().into(),
        String::new().into(),
        String::new().into(),
    ]));
    if !c.company.is_empty() {
        entries.push(text(VCardProperty::Org, &c.company));
    }
    if !c.role.is_empty() {
        entries.push(text(VCardProperty::Title, &c.role));
    }
    for (i, email) in e.emails.iter().enumerate() {
        let entry = text(VCardProperty::Email, email);
        entries.push(if i == 0 { pref(entry, version) } else { entry });
    }
    for (i, phone) in e.phones.iter().enumerate() {
        let entry = text(VCardProperty::Tel, phone);
        entries.push(if i == 0 { pref(entry, version) } else { entry });
    }
    if !c.city.is_empty() {
        entries.push(
            VCardEntry::new(VCardProperty::Adr).with_values(
                ["", "", "", c.city.as_str(), "", "", ""]
                    .iter()
                    .map(|s| (*s).to_owned().into())
                    .collect(),
            ),
        );
    }
    if !c.category.is_empty() {
        entries.push(text(VCardProperty::Categories, &c.category));
    }
    if !c.notes.is_empty() {
        entries.push(text(VCardProperty::Note, &c.notes));
    }
    if !c.met_how.is_empty() {
        entries.push(text(VCardProperty::Other(MET_HOW.into()), &c.met_how));
    }
    if let Some((name, uid)) = &e.referred_by {
        entries.push(match version {
            Version::V4 => VCardEntry::new(VCardProperty::Related)
                .with_param(VCardParameter::typ("contact".to_owned()))
                .with_value(format!("urn:uuid:{uid}")),
            Version::V3 => text(VCardProperty::Other(REFERRED_BY.into()), name),
        });
    }
    VCard { entries }
}

/// One card as text.
pub fn card_text(e: &Exported, version: Version) -> String {
    let mut out = String::new();
    let v = match version {
        Version::V3 => VCardVersion::V3_0,
        Version::V4 => VCardVersion::V4_0,
    };
    // Writing to a String cannot fail.
    let _ = card(e, version).write_to(&mut out, v);
    out
}

/// The properties a list25 card says; a card from elsewhere keeps all
/// the others (a birthday, a photo, a street address) when list25 writes
/// its own over them.
fn is_ours(prop: &VCardProperty) -> bool {
    match prop {
        VCardProperty::Fn
        | VCardProperty::N
        | VCardProperty::Org
        | VCardProperty::Title
        | VCardProperty::Email
        | VCardProperty::Tel
        | VCardProperty::Note
        | VCardProperty::Categories
        | VCardProperty::Uid
        | VCardProperty::Prodid
        | VCardProperty::Version
        | VCardProperty::Related => true,
        VCardProperty::Other(name) => {
            name.eq_ignore_ascii_case(MET_HOW) || name.eq_ignore_ascii_case(REFERRED_BY)
        }
        _ => false,
    }
}

/// The card `existing` (a file written by another program, perhaps) with
/// what list25 holds of the contact written over it: list25's properties
/// replaced, every other one kept, in the card's own version. A card that
/// cannot be read is replaced whole.
pub fn merge_into(existing: &str, e: &Exported, default: Version) -> String {
    let Ok(old) = VCard::parse(existing) else {
        return card_text(e, default);
    };
    let version = match old.version() {
        Some(VCardVersion::V4_0) => Version::V4,
        Some(_) => Version::V3,
        None => default,
    };
    let mut card = card(e, version);
    let has_adr = old.entries.iter().any(|x| x.name == VCardProperty::Adr);
    if has_adr {
        // Their address is more than the city list25 keeps: theirs stays.
        card.entries.retain(|x| x.name != VCardProperty::Adr);
    }
    card.entries.extend(old.entries.into_iter().filter(|x| {
        !is_ours(&x.name) && !matches!(x.name, VCardProperty::Begin | VCardProperty::End)
    }));
    let mut out = String::new();
    let v = match version {
        Version::V3 => VCardVersion::V3_0,
        Version::V4 => VCardVersion::V4_0,
    };
    // Writing to a String cannot fail.
    let _ = card.write_to(&mut out, v);
    out
}
