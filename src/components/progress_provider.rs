//! The app's one progress store: every module's progress in a reducer over the engine's
//! [`ProgressBook`], shared through context. Storage is read once when it mounts; each
//! change is written in one effect; other tabs' writes arrive through the `storage` event.

use std::collections::BTreeMap;
use std::rc::Rc;

use peerpath_engine::progress::ModuleProgress;
use peerpath_engine::{ProgressAction, ProgressBook, Record};
use yew::prelude::*;

use crate::storage::{StorageError, Store};

/// The progress on screen: the book, changed only by [`ProgressAction`]s.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProgressState {
    pub book: ProgressBook,
}

impl Reducible for ProgressState {
    type Action = ProgressAction;

    fn reduce(self: Rc<Self>, action: ProgressAction) -> Rc<Self> {
        let mut book = self.book.clone();
        book.apply(action);
        Rc::new(ProgressState { book })
    }
}

/// What pages get from the store: the book to read, and a way to change it.
#[derive(Clone, PartialEq)]
pub struct ProgressContext {
    state: UseReducerHandle<ProgressState>,
    /// Whether progress survives a reload (false when the browser blocks storage).
    pub persistent: bool,
    /// What went wrong reading or writing storage, in the learner's words.
    pub problems: Rc<Vec<StorageError>>,
}

impl ProgressContext {
    /// A store of its own that nothing saves (see `use_progress`).
    pub(crate) fn detached(state: UseReducerHandle<ProgressState>) -> Self {
        ProgressContext {
            state,
            persistent: false,
            problems: Rc::default(),
        }
    }

    /// Every module's progress as it stands.
    pub fn book(&self) -> &ProgressBook {
        &self.state.book
    }

    /// Changes progress; the store saves it.
    pub fn dispatch(&self, action: ProgressAction) {
        self.state.dispatch(action);
    }
}

#[derive(Properties, PartialEq)]
pub struct ProgressProviderProps {
    /// Where progress is kept (a memory store for the author preview).
    pub store: Rc<Store>,
    /// Everything that reads progress.
    pub children: Html,
}

/// Holds the progress store for everything below it.
#[component]
pub fn ProgressProvider(props: &ProgressProviderProps) -> Html {
    let store = props.store.clone();
    let loaded = use_memo((), {
        let store = store.clone();
        move |_| store.load_book()
    });
    let state = use_reducer({
        let book = loaded.0.clone();
        move || ProgressState { book }
    });
    // What storage holds as far as this tab knows: what it last wrote, or heard another tab
    // write. A record that differs from it is written.
    let seen = use_mut_ref({
        let book = loaded.0.clone();
        move || kept(&book)
    });
    let write_problem = use_state(|| None::<StorageError>);
    {
        let store = store.clone();
        let seen = seen.clone();
        let state = state.clone();
        use_effect_with((), move |_| {
            let watch = store.watch(move |module, record| {
                match &record {
                    Some(Record::Kept(progress)) => {
                        seen.borrow_mut().insert(module.clone(), progress.clone());
                    }
                    _ => {
                        seen.borrow_mut().remove(&module);
                    }
                }
                state.dispatch(ProgressAction::Arrived { module, record });
            });
            move || drop(watch)
        });
    }
    {
        let store = store.clone();
        let seen = seen.clone();
        let handle = state.clone();
        let write_problem = write_problem.clone();
        use_effect_with(state.clone(), move |state| {
            let now = kept(&state.book);
            let mut problem = None;
            let mut seen = seen.borrow_mut();
            let gone: Vec<String> = seen
                .keys()
                .filter(|module| !state.book.records.contains_key(*module))
                .cloned()
                .collect();
            for module in gone {
                store.remove(&module);
                seen.remove(&module);
            }
            for (module, progress) in now {
                if seen.get(&module) == Some(&progress) {
                    continue;
                }
                match store.write(&progress, seen.get(&module)) {
                    Ok(written) => {
                        let merged = written != progress;
                        seen.insert(module.clone(), written.clone());
                        if merged {
                            handle.dispatch(ProgressAction::Arrived {
                                module,
                                record: Some(Record::Kept(written)),
                            });
                        }
                    }
                    Err(error) => problem = Some(error),
                }
            }
            if *write_problem != problem {
                write_problem.set(problem);
            }
        });
    }
    let problems: Vec<StorageError> = loaded
        .1
        .iter()
        .cloned()
        .chain((*write_problem).clone())
        .collect();
    let context = ProgressContext {
        state,
        persistent: store.is_persistent(),
        problems: Rc::new(problems),
    };
    html! {
        <ContextProvider<ProgressContext> {context}>
            { props.children.clone() }
        </ContextProvider<ProgressContext>>
    }
}

/// The records this PeerPath may write, by module.
fn kept(book: &ProgressBook) -> BTreeMap<String, ModuleProgress> {
    book.records
        .iter()
        .filter_map(|(module, record)| match record {
            Record::Kept(progress) => Some((module.clone(), progress.clone())),
            Record::TooNew { .. } => None,
        })
        .collect()
}
