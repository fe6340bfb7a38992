//! PeerPath's scenario engine: load a module file, check it, and play it.
//!
//! The engine has no user interface and no browser dependency. The host (the Yew app, the
//! `peerpath` command, a test) drives a small loop and gets plain data back:
//!
//! ```
//! use std::rc::Rc;
//! use peerpath_engine::{load, Event, Outcome, Player, SavedSession, View};
//!
//! let text = r#"
//! format = 1
//! id = "tiny"
//! title = "Tiny"
//! topic = "Example"
//! audience = ["peer-worker"]
//! minutes = 1
//! content_note = "Nothing difficult."
//! objectives = ["Show the play loop."]
//! start = "hello"
//!
//! [[scenes]]
//! id = "hello"
//! text = "Someone says hello."
//!
//!   [[scenes.choices]]
//!   id = "wave"
//!   label = "Wave back."
//!   goto = "done"
//!   feedback = "A friendly start."
//!   rating = "recommended"
//!
//! [[endings]]
//! id = "done"
//! title = "Done"
//! outcome = "strong"
//! text = "You said hello."
//! "#;
//!
//! let loaded = load(text);
//! assert!(loaded.diagnostics.is_empty());
//! let module = Rc::new(loaded.module.expect("a module without errors"));
//!
//! // Every call that moves the play on returns the events it caused, once.
//! let (mut player, events) = Player::start(module.clone())?;
//! assert_eq!(events, [Event::SceneShown { scene: "hello".into(), step: 1 }]);
//! let View::Decision { choices, .. } = player.view()? else { panic!() };
//! let wave = choices[0].id.to_owned();
//! let events = player.choose(&wave)?;                 // feedback shows next
//! assert!(matches!(&events[..], [Event::Decided { step: 1, .. }]));
//! assert!(matches!(player.view()?, View::Feedback { .. }));
//! let events = player.proceed()?;                      // then the ending
//! assert!(matches!(&events[..], [Event::Completed { outcome: Outcome::Strong, .. }]));
//!
//! // Saving gives a versioned value; the host decides where it lives. Resuming reports
//! // no events: nothing new happened.
//! let saved = player.save().to_json()?;
//! let (resumed, dropped) = Player::resume(module, &SavedSession::from_json(&saved)?)?;
//! assert_eq!((resumed, dropped), (player, None));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]
// Without the checker (the browser player's build), the helpers only it uses lie idle.
#![cfg_attr(not(feature = "check"), allow(dead_code))]
#![warn(clippy::cast_possible_truncation, clippy::indexing_slicing)]

#[cfg(feature = "check")]
pub mod audit;
pub mod catalog;
pub mod compiled;
pub mod condition;
pub mod diagnostic;
pub mod event;
#[cfg(feature = "site")]
pub mod format;
#[cfg(feature = "check")]
pub mod generate;
pub mod graph;
pub mod group;
#[cfg(feature = "check")]
pub mod load;
pub mod map;
pub mod markdown;
pub mod module;
pub mod player;
pub mod progress;
pub mod progress_book;
pub mod report;
pub mod save;
pub mod session;
#[cfg(feature = "site")]
pub mod site;
#[cfg(feature = "check")]
pub mod translation;

#[cfg(feature = "site")]
pub use catalog::parse_catalog;
pub use catalog::Listed;
pub use compiled::{DecodeError, Index, IndexEntry, IndexTranslation};
pub use diagnostic::{Code, Diagnostic, LineIndex, Severity};
pub use event::Event;
pub use graph::ModuleStats;
#[cfg(feature = "check")]
pub use load::{load, Loaded};
pub use markdown::Prose;
pub use module::{
    Audience, Choice, Effect, Ending, Flag, Image, Meter, Module, Outcome, Rating, Route, Scene,
    Source, Step, Target,
};
pub use player::Player;
pub use progress::{ModuleProgress, Status};
pub use progress_book::{ProgressAction, ProgressBook, Record};
pub use save::{Dropped, RestoreError, Restored, SavedSession, SAVE_VERSION};
pub use session::{ChoiceView, Decision, MeterReading, Phase, PlayError, Session, View};
