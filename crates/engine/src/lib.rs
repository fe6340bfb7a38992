//! PeerPath's scenario engine: load a module file, check it, and play it.
//!
//! The engine has no user interface and no browser dependency. The host (the Yew app, the
//! `peerpath` command, a test) drives a small loop and gets plain data back:
//!
//! ```
//! use peerpath_engine::{load, Session, View};
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
//! let module = loaded.module.expect("a module without errors");
//!
//! let mut session = Session::start(&module)?;
//! let View::Decision { choices, .. } = session.view(&module)? else { panic!() };
//! session.choose(&module, choices[0].id)?;          // shows feedback next
//! assert!(matches!(session.view(&module)?, View::Feedback { .. }));
//! session.proceed()?;                                // then the ending
//! assert_eq!(session.ending(&module).map(|e| e.outcome.as_str()), Some("strong"));
//!
//! // Saving gives a versioned value; the host decides where it lives.
//! let saved = session.save(&module).to_json();
//! let restored = Session::restore(&module, &peerpath_engine::SavedSession::from_json(&saved)?)?;
//! assert_eq!(restored.session, session);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod catalog;
pub mod condition;
pub mod diagnostic;
pub mod format;
pub mod generate;
pub mod graph;
pub mod group;
pub mod load;
pub mod markdown;
pub mod module;
pub mod progress;
pub mod save;
pub mod session;
pub mod site;

pub use catalog::{parse_catalog, Listed};
pub use diagnostic::{Code, Diagnostic, LineIndex, Severity};
pub use graph::ModuleStats;
pub use load::{load, Loaded};
pub use module::{
    Audience, Choice, Effect, Ending, Flag, Image, Meter, Module, Outcome, Rating, Route, Scene,
    Source, Step, Target,
};
pub use progress::{ModuleProgress, Status};
pub use save::{Dropped, RestoreError, Restored, SavedSession, SAVE_VERSION};
pub use session::{ChoiceView, Decision, MeterReading, Phase, PlayError, Session, View};
