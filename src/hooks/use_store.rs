use std::rc::Rc;

use yew::prelude::*;

use crate::storage::Store;

/// The progress store from the app's context (memory-only if there is none).
#[hook]
pub fn use_store() -> Rc<Store> {
    let fallback = use_memo((), |_| Store::in_memory());
    use_context::<Rc<Store>>().unwrap_or(fallback)
}
