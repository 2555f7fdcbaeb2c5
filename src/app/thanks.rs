//! Thank-yous from the Today and Referrals panes: marking one sent (how
//! and when), and copying the thank-you script filled in for it.

use super::{App, Popup, ReferralRow};
use crate::domain::dates::{day, parse_for};
use crate::domain::script::{Pick, Purpose};
use crate::domain::template::{Rendered, Values, render};
use crate::domain::{AskReason, Contact, DateUse, Direction, OwedKind, Script, ThanksHow};
use crate::form::{Form, FormKind};
use crate::pane::Pane;
use crate::store::{self, WriteError};

/// The script for an ask: after a problem solved, or as planned.
pub(super) fn ask_purpose(reason: AskReason) -> Purpose {
    match reason {
        AskReason::Solved => Purpose::AskSolved,
        _ => Purpose::AskPlanned,
    }
}

/// What a thank-you being marked sent is owed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owed {
    /// A thank-you (or news) owed, by its id.
    Sent(i64),
    /// A past referrer of this client, never thanked.
    Old(i64),
}

/// The way of thanking being picked, one key each.
#[derive(Debug, Clone)]
pub struct HowPick {
    pub owed: Owed,
    /// What is being done, in a few words: "Thank Ana for Bruno".
    pub what: String,
    /// A thank-you, or the news of how it went.
    pub kind: OwedKind,
}

impl App {
    /// Mark sent what is owed for the row under the cursor: the thank-you
    /// (or news) for a referral, or the thanks to a past referrer. How it
    /// was given is one key; the day comes next.
    pub(super) fn open_thanks_form(&mut self) {
        let (owed, what, kind) = match self.pane {
            Pane::Today => match self.selected_thank_you() {
                Some(t) => (Owed::Sent(t.id), t.what(), t.kind),
                None => return,
            },
            Pane::Referrals => match self.referrals.row() {
                Some(ReferralRow::Unthanked(i)) => match self.referrals.unthanked.get(i) {
                    Some(u) => (
                        Owed::Old(u.client_id),
                        format!("Thank {} for {}", u.referrer, u.client),
                        OwedKind::Thanks,
                    ),
                    None => return,
                },
                Some(ReferralRow::Referral(i)) => {
                    let Some(r) = self.referrals.list.get(i) else {
                        return;
                    };
                    if r.direction == Direction::Given {
                        return self.info(
                            "A referral you gave owes nobody a thank-you; e sets how it went.",
                        );
                    }
                    match store::thanks::owed_for(&self.conn, r.id) {
                        Ok(Some(t)) => (Owed::Sent(t.id), t.what(), t.kind),
                        Ok(None) => {
                            return self.info(format!(
                                "{} was thanked for {}; nothing is owed.",
                                r.partner, r.person
                            ));
                        }
                        Err(e) => return self.error("Could not read", e),
                    }
                }
                None => return,
            },
            _ => return,
        };
        self.popup = Some(Popup::ThanksHow(Box::new(HowPick { owed, what, kind })));
    }

    /// The way is picked: the day it was sent is asked next.
    pub(super) fn picked_how(&mut self, how: ThanksHow) {
        let Some(Popup::ThanksHow(pick)) = self.popup.take() else {
            return;
        };
        let kind = match pick.owed {
            Owed::Sent(id) => FormKind::ThanksSent(id, how),
            Owed::Old(client) => FormKind::ThankOld(client, how),
        };
        let today = self.today.format("%Y-%m-%d").to_string();
        self.open_form(Form::new(
            kind,
            format!(" {} · {} ", pick.what, how.label()),
            &[("Sent on", &today, "YYYY-MM-DD")],
        ));
    }

    pub(super) fn save_thanks(&mut self, form: Box<Form>) {
        let on = match parse_for(&form.value(0), self.today, DateUse::Happened) {
            Ok(d) => d,
            Err(why) => return self.refuse_form(form, 0, why),
        };
        let now = self.now();
        let (written, to, how) = match form.kind {
            FormKind::ThanksSent(id, how) => {
                let owed = store::thanks::owed_one(&self.conn, id).ok().flatten();
                let to = owed.as_ref().map(|t| (t.to_id, t.to.clone(), t.kind));
                self.record(format!(
                    "the thank-you to {} marked sent",
                    owed.as_ref().map(|t| t.to.as_str()).unwrap_or_default()
                ));
                (
                    store::thanks::mark_sent(&self.conn, id, how, on, &now),
                    to,
                    how,
                )
            }
            FormKind::ThankOld(client, how) => {
                let u = self
                    .referrals
                    .unthanked
                    .iter()
                    .find(|u| u.client_id == client)
                    .map(|u| (u.referrer_id, u.referrer.clone(), OwedKind::Thanks));
                self.record(format!(
                    "the thank-you to {} marked sent",
                    u.as_ref().map(|t| t.1.as_str()).unwrap_or_default()
                ));
                (
                    store::thanks::thank_old(&self.conn, client, how, on, &now),
                    u,
                    how,
                )
            }
            _ => return,
        };
        if let Err(e) = written {
            return match e {
                WriteError::Refused(why) => {
                    self.refresh();
                    self.info(why);
                }
                e => self.error("Could not save", e),
            };
        }
        self.refresh();
        let Some((id, name, kind)) = to else {
            return self.info("Saved.");
        };
        let next = store::contact::get(&self.conn, id)
            .ok()
            .flatten()
            .and_then(|c| c.next_follow_up);
        let done = match kind {
            OwedKind::Thanks => format!("Thanked {name} ({})", how.as_str()),
            OwedKind::News => format!("Told {name} how it went ({})", how.as_str()),
        };
        self.info(format!(
            "{done}, logged as a touch{}.",
            next.map(|d| format!("; next follow-up {}", day(d, self.today)))
                .unwrap_or_default()
        ));
    }

    /// Whom the thank-you under the cursor is to, for whom, and whether
    /// it is a thank-you or the news of how it went.
    fn thanks_about(&self) -> Option<(i64, String, OwedKind)> {
        match self.pane {
            Pane::Today => self
                .selected_thank_you()
                .map(|t| (t.to_id, t.person.clone(), t.kind)),
            Pane::Referrals => match self.referrals.row()? {
                ReferralRow::Referral(i) => {
                    let r = self
                        .referrals
                        .list
                        .get(i)
                        .filter(|r| r.direction == Direction::Received)?;
                    // The thank-you owed names everyone of its occasion;
                    // once thanked, the news owed is what there is to say.
                    match store::thanks::owed_for(&self.conn, r.id).ok().flatten() {
                        Some(t) => Some((t.to_id, t.person, t.kind)),
                        None => Some((r.partner_id, r.person.clone(), OwedKind::Thanks)),
                    }
                }
                ReferralRow::Unthanked(i) => self
                    .referrals
                    .unthanked
                    .get(i)
                    .map(|u| (u.referrer_id, u.client.clone(), OwedKind::Thanks)),
            },
            _ => None,
        }
    }

    /// Copy the script for the row under the cursor, filled in: on a
    /// thank-you owed, the thank-you (or the news of how it went) for the
    /// referrer and the people they sent; on an ask due, the ask (as
    /// planned, or after a problem solved) for the client; on a
    /// touchpoint, the script named like it (the welcome card).
    pub(super) fn copy_thanks(&mut self) {
        if let Some((client, reason)) = self.selected_ask().map(|a| (a.client_id, a.reason)) {
            return self.copy_filled(Pick::For(ask_purpose(reason)), client, None);
        }
        if let Some((client, title)) = self
            .selected_touchpoint()
            .map(|t| (t.client_id, t.title.clone()))
        {
            return self.copy_filled(Pick::Touchpoint(&title), client, None);
        }
        let Some((to, person, kind)) = self.thanks_about() else {
            return self.info("Move to a referral received or a thank-you owed, then y.");
        };
        let purpose = match kind {
            OwedKind::Thanks => Purpose::ReferralThanks,
            OwedKind::News => Purpose::News,
        };
        self.copy_filled(Pick::For(purpose), to, Some(person));
    }

    /// Copy the script `pick` finds, filled in for contact `to`.
    fn copy_filled(&mut self, pick: Pick, to: i64, person: Option<String>) {
        let (script, contact, filled) = match self.fill_script(pick, to, person.as_deref()) {
            Ok(Some(found)) => found,
            Ok(None) => {
                return self.info(match pick {
                    Pick::For(p) => match p.kind() {
                        Some(kind) => format!(
                            "No {} script yet: add one in Scripts (5), of kind {}.",
                            p.label(),
                            kind.key()
                        ),
                        None => format!("No {} script yet: add one in Scripts (5).", p.label()),
                    },
                    Pick::Touchpoint(title) => format!(
                        "No script for {title:?} yet: add one in Scripts (5) whose title \
                         begins with it, and y copies it here."
                    ),
                });
            }
            Err(Some(e)) => return self.error("Could not read", e),
            Err(None) => return self.info("That contact was deleted meanwhile."),
        };
        if let Some(p) = filled.distinct_problems().first() {
            let fix = super::fix_for(p, true)
                .map(|f| format!(" {}{}.", f[..1].to_uppercase(), &f[1..]))
                .unwrap_or_default();
            return self.error(
                "Not copied",
                format!(
                    "{:?}: {}.{fix}",
                    script.title,
                    p.describe(Some(&contact.name))
                ),
            );
        }
        self.clipboard = Some(filled.text());
        let blanks = filled.distinct_blanks().join(", ");
        let mut said = format!("Copied {:?} for {}.", script.title, contact.name);
        if !blanks.is_empty() {
            said.push_str(&format!(" Fill in by hand: {blanks}."));
        }
        self.info(said);
    }

    /// The first script of `kind` (one that names the person referred,
    /// when there is one) filled in for contact `to`: `None` when there is
    /// no script of that kind; an error `None` when the contact is gone.
    pub(super) fn fill_script(
        &self,
        pick: Pick,
        to: i64,
        person: Option<&str>,
    ) -> Result<Option<(Script, Contact, Rendered)>, Option<rusqlite::Error>> {
        let contact = store::contact::get(&self.conn, to)
            .map_err(Some)?
            .ok_or(None)?;
        let scripts = store::script::list(&self.conn).map_err(Some)?;
        let me = store::settings::me(&self.conn).map_err(Some)?;
        let Some(script) = pick.pick(&scripts, person.is_some()) else {
            return Ok(None);
        };
        let values = Values {
            contact: Some(&contact),
            me: &me,
            referred: person,
        };
        let filled = render(&script.text, &values);
        Ok(Some((script.clone(), contact, filled)))
    }
}
