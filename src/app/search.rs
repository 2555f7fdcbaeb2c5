//! The fuzzy search over all contacts, to jump to one or to pick one.

use ratatui_textarea::TextArea;

use super::{App, Popup};
use crate::domain::search::Index;
use crate::store;

/// What picking a search result does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchPurpose {
    /// Go to the contact in the Contacts pane.
    Jump,
    /// Fill in the script preview for the contact.
    Preview,
}

/// The fuzzy search over all contacts.
pub struct Search {
    pub purpose: SearchPurpose,
    pub input: TextArea<'static>,
    /// Every live contact: id and searchable text.
    pub index: Index,
    /// Matching ids, best first, with their text.
    pub results: Vec<(i64, String)>,
    pub cursor: usize,
}

/// How many search results are kept.
pub const SEARCH_RESULTS: usize = 50;

/// The longest search, in bytes.
pub const MAX_QUERY: usize = 200;

impl App {
    pub(super) fn open_search(&mut self) {
        self.open_search_for(SearchPurpose::Jump);
    }

    pub(super) fn open_search_for(&mut self, purpose: SearchPurpose) {
        match store::contact::search_index(&self.conn) {
            Ok(index) => {
                let mut input = TextArea::default();
                input.set_placeholder_text("name, company, category or notes");
                self.popup = Some(Popup::Search(Box::new(Search {
                    purpose,
                    input,
                    index,
                    results: Vec::new(),
                    cursor: 0,
                })));
            }
            Err(e) => self.error("Could not search", e),
        }
    }

    /// The search text changed: find again.
    pub(super) fn search_typed(&mut self) {
        if let Some(Popup::Search(s)) = &mut self.popup {
            let query = s.input.lines().join(" ");
            let conn = &self.conn;
            s.results = s
                .index
                .search(&query, SEARCH_RESULTS)
                .into_iter()
                .filter_map(|id| {
                    let label = store::contact::search_label(conn, id).ok().flatten()?;
                    Some((id, label))
                })
                .collect();
            s.cursor = 0;
        }
    }
}
