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
