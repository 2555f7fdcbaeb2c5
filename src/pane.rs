//! The panes that exist, below everything that names them: the actions,
//! the keymap and the app all use `Pane`, and it uses none of them.

/// A pane of the main screen. A pane not built yet is absent, not a
/// placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Today,
    Program,
    Categories,
    Contacts,
    Scripts,
    Referrals,
    Events,
}

impl Pane {
    pub const ALL: [Pane; 7] = [
        Pane::Today,
        Pane::Program,
        Pane::Categories,
        Pane::Contacts,
        Pane::Scripts,
        Pane::Referrals,
        Pane::Events,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Today => "Today",
            Pane::Program => "Program",
            Pane::Categories => "Categories",
            Pane::Contacts => "Contacts",
            Pane::Scripts => "Scripts",
            Pane::Referrals => "Referrals",
            Pane::Events => "Events",
        }
    }

    fn index(self) -> usize {
        Pane::ALL.iter().position(|&p| p == self).unwrap_or(0)
    }

    /// The pane `by` places on, round the end.
    pub fn step(self, by: isize) -> Pane {
        let n = Pane::ALL.len() as isize;
        let i = (self.index() as isize + by).rem_euclid(n);
        Pane::ALL[usize::try_from(i).unwrap_or(0)]
    }
}
