//! list25: a keyboard-driven terminal companion for the "25 Days to Your
//! 25 List" referral program.

#![forbid(unsafe_code)]
#![deny(clippy::unwrap_used)]

pub mod action;
pub mod app;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod field;
pub mod files;
pub mod form;
pub mod help;
pub mod interop;
pub mod keymap;
pub mod pane;
pub mod store;
pub mod tui;
pub mod ui;
