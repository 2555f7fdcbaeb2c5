//! Plain types and rules: no SQL, no terminal.

pub mod checklist;
pub mod program;

pub use checklist::{Checklist, Item, Metrics, Status};
pub use program::{Day, Measure, Metric, Position, Program, Task, TaskRef, parse_date};
