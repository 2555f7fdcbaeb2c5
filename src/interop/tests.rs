use std::path::{Path, PathBuf};

use super::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn read(name: &str) -> FileRead {
    read_file(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn named<'a>(read: &'a FileRead, name: &str) -> &'a Person {
    read.people
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("{name} not in {:?}", read.people))
}

fn refusal(name: &str, bytes: &[u8]) -> Refused {
    match read_bytes(Path::new(name), bytes) {
        Err(r) => r,
        Ok(r) => panic!("{name} was read: {r:?}"),
    }
}

#[test]
fn linkedin_connections_skip_the_notes_above_the_header() {
    let r = read("linkedin.csv");
    assert_eq!(r.format, "LinkedIn connections");
    let names: Vec<&str> = r.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Ana Lima", "Chidi Okafor", "Søren Ødegård"]);
    let ana = named(&r, "Ana Lima");
    assert_eq!(ana.line, 5, "lines count the notes above the header");
    assert_eq!(ana.company, "Lima & Co");
    assert_eq!(ana.role, "Founder");
    assert_eq!(ana.emails, ["ana@lima.co"]);
    assert_eq!(ana.met_how, "LinkedIn, connected 12 Mar 2021");
    assert_eq!(ana.notes, "LinkedIn: https://www.linkedin.com/in/analima");
    assert_eq!(named(&r, "Chidi Okafor").emails, ["CHIDI@okaforlane.com"]);
    assert_eq!(named(&r, "Chidi Okafor").company, "Okafor, Lane & Partners");
    assert_eq!(r.skipped.len(), 1);
    assert_eq!(r.skipped[0].line, 8);
    assert!(r.skipped[0].reason.contains("no name"), "{:?}", r.skipped);
}

#[test]
fn google_contacts_split_multiple_values_and_labels() {
    let r = read("google.csv");
    assert_eq!(r.format, "Google Contacts CSV");
    let lucia = named(&r, "Lucía María Fernández");
    assert_eq!(lucia.emails, ["lucia@fernandez.es", "lucia.f@gmail.com"]);
    assert_eq!(lucia.phones, ["+34 600 111 222", "+34 91 555 0000"]);
    assert_eq!(
        lucia.categories,
        ["Attorneys"],
        "myContacts is not a category"
    );
    assert_eq!(
        lucia.notes,
        "Met at the chamber lunch.\nRefers estate work."
    );
    assert_eq!(lucia.company, "Fernández Abogados");
    assert_eq!(lucia.role, "Socia");
    assert_eq!(lucia.city, "Madrid");
    assert!(
        named(&r, "Ana Lima").categories.is_empty(),
        "starred is not one"
    );
    let wei = named(&r, "Wei 张");
    assert_eq!(wei.notes, "🎉 loves hiking");
    assert_eq!(wei.categories, ["Bankers"]);
}

#[test]
fn outlook_csv_with_a_byte_order_mark_and_crlf_lines() {
    let r = read("outlook.csv");
    assert_eq!(r.format, "Outlook CSV");
    let olga = named(&r, "Olga Petrova");
    assert_eq!(olga.line, 2);
    assert_eq!(olga.role, "CPA", "the job title, not \"Ms.\"");
    assert_eq!(olga.emails, ["olga@petrova-cpa.com"]);
    assert_eq!(
        olga.phones,
        ["+1 212 555 0142", "+1 917 555 0101"],
        "no fax"
    );
    assert_eq!(olga.notes, "Line one\nLine two, with a comma");
    assert_eq!(olga.categories, ["Accountants", "Tax"]);
    assert_eq!(olga.city, "New York");
    let company = named(&r, "Empire Print Co");
    assert_eq!(company.company, "Empire Print Co", "a company-only record");
    assert_eq!(company.line, 4, "after a record of two lines");
}

#[test]
fn any_csv_whose_header_names_its_columns() {
    let r = read("generic.csv");
    assert_eq!(r.format, "CSV");
    assert_eq!(r.people.len(), 3);
    assert_eq!(r.people[0].notes, "First line\nsecond line");
    assert_eq!(r.people[0].role, "Web developer");
    assert_eq!(r.people[1].line, 4, "after a record of two lines");
    assert_eq!(r.people[2].emails, ["ANA@LIMA.CO"]);
}

#[test]
fn vcard_2_1_quoted_printable_with_soft_breaks_and_charsets() {
    let r = read("v21.vcf");
    assert_eq!(r.format, "vCard 2.1");
    let j = named(&r, "Jürgen Müller");
    assert_eq!(j.company, "Müller Steuerberatung");
    assert_eq!(
        j.notes,
        "Met at the Gründer breakfast; sees every new company’s books.\nAsk about the spring seminar."
    );
    assert_eq!(j.phones, ["+49 30 1234567", "+49 170 7654321"]);
    assert_eq!(named(&r, "Renée Dupré").line, 12, "ISO-8859-1 decoded");
}

#[test]
fn vcard_3_0_groups_folds_escapes_and_no_photo() {
    let r = read("v30.vcf");
    let c = named(&r, "Chidi Okafor");
    assert_eq!(c.emails, ["chidi@okaforlane.com", "Chidi.Okafor@Gmail.com"]);
    assert_eq!(c.phones, ["+1 (415) 555-0101", "+1 415 555 0199"]);
    assert_eq!(c.company, "Okafor, Lane & Partners");
    assert_eq!(c.city, "San Francisco");
    assert_eq!(
        c.notes,
        "Sees founders the week they incorporate.\nPrefers a call to e-mail; mornings are best."
    );
    assert_eq!(c.categories, ["Accountants", "Tax advisers"]);
    assert_eq!(
        c.uid.as_deref(),
        Some("0b6f3e52-2d55-4d2c-9a8c-5f1f2b7f3a01")
    );
    assert!(
        !format!("{c:?}").contains("9j/4AAQ"),
        "the photo is not kept"
    );
    assert_eq!(named(&r, "山田 花子").company, "山田法律事務所");
}

#[test]
fn vcard_4_0_kinds_preferences_and_tel_uris() {
    let r = read("v40.vcf");
    let z = named(&r, "Zoë Lefèvre");
    assert_eq!(z.emails, ["zoe@lefevre-law.fr", "zoe.lefevre@example.org"]);
    assert_eq!(z.phones, ["+33-6-12-34-56-78", "+33-1-23-45-67-89 ext. 12"]);
    assert_eq!(z.categories, ["Attorneys"]);
    assert_eq!(r.skipped.len(), 1, "{:?}", r.skipped);
    assert!(r.skipped[0].reason.contains("KIND:group"));
    assert_eq!(r.skipped[0].name, "Founders' circle");
    assert_eq!(
        named(&r, "Harbour Print Works").phones,
        ["+44-20-7946-0958"]
    );
}

#[test]
fn a_folder_is_read_as_its_vcf_files_only() {
    let files = read_all(&[fixture("vdir")]).expect("vdir");
    assert_eq!(files.len(), 2, "readme.txt is not read");
    let names: Vec<&str> = files.iter().map(|f| f.people[0].name.as_str()).collect();
    assert_eq!(names, ["Chidi Okafor", "Marta Ruiz"]);
}

#[test]
fn files_that_are_not_what_they_claim_are_refused_with_the_line() {
    let r = read_file(&fixture("unterminated.csv")).expect_err("unterminated");
    assert_eq!(r.line, Some(2));
    assert!(r.why.contains("never closed"), "{}", r.why);
    let r = read_file(&fixture("noname.csv")).expect_err("no name");
    assert_eq!(r.line, Some(1));
    assert!(r.why.starts_with("no name column"), "{}", r.why);
    let r = read_file(&fixture("unterminated.vcf")).expect_err("no END");
    assert_eq!(r.line, Some(1));
    assert!(r.why.contains("no END:VCARD"), "{}", r.why);
    let r = read_file(&fixture("empty.csv")).expect_err("empty");
    assert!(r.why.contains("empty"), "{}", r.why);
    assert!(r.to_string().contains("empty.csv"), "names the file: {r}");

    let png = refusal("photo.vcf", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    assert!(png.why.contains("PNG image"), "{}", png.why);
    let utf16 = refusal("contacts.csv", b"\xFF\xFEn\0a\0m\0e\0");
    assert!(utf16.why.contains("UTF-16"), "{}", utf16.why);
    let latin1 = refusal(
        "contacts.csv",
        b"name,email\nAna,ana@x.co\nRen\xe9e,r@x.co\n",
    );
    assert_eq!(latin1.line, Some(3));
    assert!(latin1.why.contains("not UTF-8"), "{}", latin1.why);
    let cut = refusal(
        "contacts.csv",
        b"First Name,Last Name,E-mail Address,Company\nAna,Lima,ana@x.co,Lima Co\nBo,Ch",
    );
    assert_eq!(cut.line, Some(3));
    assert!(cut.why.contains("cut short"), "{}", cut.why);
    // A last record whole but for its line end is read as it is.
    let whole = read_bytes(
        std::path::Path::new("c.csv"),
        b"First Name,Last Name\nAna,Lima\nBo,Chen",
    )
    .expect("whole");
    assert_eq!(whole.people.len(), 2);
    let text = refusal("card.vcf", b"name,email\nAna,ana@x.co\n");
    assert!(text.why.contains("BEGIN:VCARD"), "{}", text.why);
    let two = refusal(
        "two.vcf",
        b"BEGIN:VCARD\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\n",
    );
    assert_eq!(two.line, Some(1));
}

#[cfg(unix)]
#[test]
fn a_pipe_or_a_device_is_refused_before_it_is_read() {
    let r = read_all(&[PathBuf::from("/dev/null")]).expect_err("a device");
    assert!(r.why.contains("not a regular file"), "{}", r.why);
    let r = read_all(&[PathBuf::from("/no/such/file.csv")]).expect_err("missing");
    assert!(r.to_string().contains("/no/such/file.csv"), "{r}");
}

#[test]
fn people_merge_what_the_other_knows_and_nothing_twice() {
    let mut a = Person {
        name: "Ana Lima".into(),
        emails: vec!["ana@lima.co".into()],
        phones: vec!["+55 11 5555 0101".into()],
        notes: "Met at lunch".into(),
        ..Person::default()
    };
    let b = Person {
        name: "Ana Lima".into(),
        company: "Lima & Co".into(),
        emails: vec![" ANA@lima.co".into(), "ana@gmail.com".into()],
        phones: vec!["+55 (11) 5555-0101".into()],
        notes: "Met at lunch".into(),
        ..Person::default()
    };
    assert!(a.absorb(&b));
    assert_eq!(a.company, "Lima & Co");
    assert_eq!(a.emails, ["ana@lima.co", "ana@gmail.com"]);
    assert_eq!(a.phones.len(), 1, "the same number written another way");
    assert_eq!(a.notes, "Met at lunch");
    assert!(!a.absorb(&b), "nothing new the second time");
}

#[test]
fn bad_addresses_and_control_characters_do_not_reach_a_field() {
    let r = read_bytes(
        Path::new("x.csv"),
        b"name,email,company\n\"Ana\x07 Lima\",not-an-address,\"Lima\tCo\"\n",
    )
    .expect("read");
    let ana = &r.people[0];
    assert_eq!(ana.name, "Ana Lima");
    assert_eq!(ana.company, "Lima Co");
    assert!(ana.emails.is_empty());
    assert_eq!(ana.notes, "E-mail as imported: not-an-address");
}

#[test]
fn a_card_of_thirty_thousand_numbers_keeps_each_once() {
    let mut card = String::from("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Many Phones\r\n");
    for i in 0..30_000 {
        card.push_str(&format!("TEL:+1 555 {i:07}\r\n"));
    }
    card.push_str("TEL:+1 555 0000000\r\nEND:VCARD\r\n");
    let read = read_bytes(std::path::Path::new("big.vcf"), card.as_bytes()).expect("read");
    assert_eq!(read.people[0].phones.len(), 30_000, "the repeated one once");
}
