//! The interface's words, in every language the app speaks: one table per language and area,
//! as plain Rust statics. A text missing from one language's table is a compile error (every
//! field of a `strings!` struct must be given), which is the strongest test there is; a test
//! (`tests/web.rs`) also checks that no text is empty or left in English by mistake.
//!
//! Texts that depend on a number or a name are functions (`fn(usize) -> String`), so each
//! language says plurals and word order its own way. Both languages here use one form for
//! exactly 1 and another for everything else, 0 included: CLDR gives Spanish a third form,
//! `many`, only for whole millions, which PeerPath never counts.
//!
//! The tables are split by bundle (`common` in every page, `learner` for the learner's pages,
//! `tools` for the tools page) so a bundle carries only the words it shows. The module text
//! itself comes from the modules and their translations (`engine::translation`); checker
//! diagnostics, written for authors, stay in English and are marked `lang="en"`.

pub mod common;
pub mod launch;
pub mod learner;
pub mod map;
pub mod tools;

use std::rc::Rc;

use yew::prelude::*;

use crate::storage::Store;

/// Declares a table of texts: the struct, and `texts()` listing its plain texts by name for
/// the tests (functions are checked by calling them there).
#[macro_export]
macro_rules! strings {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$text_meta:meta])* $text:ident: &'static str, )*
            $( ; $( $(#[$fn_meta:meta])* $function:ident: fn($($arg:ty),*) -> String, )* )?
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $( $(#[$text_meta])* pub $text: &'static str, )*
            $( $( $(#[$fn_meta])* pub $function: fn($($arg),*) -> String, )* )?
        }

        impl $name {
            /// Every plain text, with its field's name.
            pub fn texts(&self) -> Vec<(&'static str, &'static str)> {
                vec![$( (stringify!($text), self.$text), )*]
            }
        }
    };
}

/// A language the interface speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Es,
}

impl Lang {
    /// Every language, in the order the switcher lists them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The BCP 47 tag, for `lang` attributes, storage and `?lang=`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// The language named in itself, as the switcher shows it.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
        }
    }

    /// The language of a tag such as `es`, `es-MX` or `EN-us`, by its primary subtag.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        Lang::ALL.into_iter().find(|lang| lang.code() == primary)
    }

    /// The first of the browser's preferred languages that the app speaks.
    pub fn from_browser() -> Option<Lang> {
        let navigator = web_sys::window()?.navigator();
        let languages = navigator.languages();
        let preferred = languages
            .iter()
            .filter_map(|value| value.as_string())
            .chain(navigator.language());
        preferred.into_iter().find_map(|tag| Lang::from_tag(&tag))
    }

    /// The common texts in this language.
    pub fn common(self) -> &'static common::Common {
        match self {
            Lang::En => &common::EN,
            Lang::Es => &common::ES,
        }
    }

    /// The tools page's texts in this language.
    pub fn tools(self) -> &'static tools::Tools {
        match self {
            Lang::En => &tools::EN,
            Lang::Es => &tools::ES,
        }
    }

    /// A package launch page's texts in this language.
    pub fn launch(self) -> &'static launch::Launch {
        match self {
            Lang::En => &launch::EN,
            Lang::Es => &launch::ES,
        }
    }

    /// The learner's pages' texts in this language.
    pub fn learner(self) -> &'static learner::Learner {
        match self {
            Lang::En => &learner::EN,
            Lang::Es => &learner::ES,
        }
    }

    /// The scenario map's texts in this language.
    pub fn map(self) -> &'static map::MapTexts {
        match self {
            Lang::En => &map::EN,
            Lang::Es => &map::ES,
        }
    }
}

/// A table's plain texts, each with its field's name.
pub type Texts = Vec<(&'static str, &'static str)>;

/// Every table's plain texts in English and Spanish, by table name, for the tests: no text
/// may be empty, and a Spanish text the same as the English must be on the test's list of
/// words both languages share.
pub fn all_tables() -> Vec<(&'static str, Texts, Texts)> {
    vec![
        ("common", common::EN.texts(), common::ES.texts()),
        ("learner", learner::EN.texts(), learner::ES.texts()),
        ("tools", tools::EN.texts(), tools::ES.texts()),
        ("launch", launch::EN.texts(), launch::ES.texts()),
        ("map", map::EN.texts(), map::ES.texts()),
    ]
}

/// The language asked for in the address (`#/embed/de-escalation?lang=es`): an embed snippet
/// or a shared link sets it for that page only, without saving it.
pub fn lang_from_address() -> Option<Lang> {
    Lang::from_tag(&crate::route::address_query("lang")?)
}

/// The language in force, and how to change it.
#[derive(Clone, PartialEq)]
pub struct Language {
    pub lang: Lang,
    /// Switches the interface and the modules to another language, and remembers it.
    pub set: Callback<Lang>,
}

#[derive(Properties, PartialEq)]
pub struct LanguageProviderProps {
    pub children: Html,
}

/// Chooses the language (the address's `?lang=`, else the learner's saved choice, else the
/// browser's, else English), keeps `<html lang>` in step, saves a choice the learner makes,
/// and follows a choice made in another tab.
#[component]
pub fn LanguageProvider(props: &LanguageProviderProps) -> Html {
    let store = use_context::<Rc<Store>>();
    let lang = use_state(|| {
        lang_from_address()
            .or_else(|| {
                store
                    .as_ref()
                    .and_then(|store| store.language())
                    .and_then(|tag| Lang::from_tag(&tag))
            })
            .or_else(Lang::from_browser)
            .unwrap_or(Lang::En)
    });
    use_effect_with(*lang, |lang| {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", lang.code());
        }
    });
    // Another tab's choice: heard through the storage event the store already listens to.
    {
        let lang = lang.clone();
        let store = store.clone();
        use_effect_with((), move |_| {
            let watch = store.as_ref().map(|store| {
                let store = store.clone();
                store.clone().watch_language(move || {
                    if let Some(chosen) = store.language().and_then(|tag| Lang::from_tag(&tag)) {
                        lang.set(chosen);
                    }
                })
            });
            move || drop(watch)
        });
    }
    let set = {
        let lang = lang.clone();
        Callback::from(move |chosen: Lang| {
            if let Some(store) = &store {
                // A choice that cannot be saved still applies to this page.
                let _ = store.set_language(chosen.code());
            }
            lang.set(chosen);
        })
    };
    let context = Language { lang: *lang, set };
    html! {
        <ContextProvider<Language> {context}>
            { props.children.clone() }
        </ContextProvider<Language>>
    }
}

#[derive(Properties, PartialEq)]
pub struct InModuleLanguageProps {
    /// The module the page shows.
    pub id: AttrValue,
    pub children: Html,
}

/// A module's page in the module's language: when the module has no translation into the
/// interface's language, the page (its words and the module's) is in English, marked
/// `lang="en"` so screen readers read it with an English voice, rather than a mix. The header,
/// footer and language switch around it stay in the learner's language.
#[component]
pub fn InModuleLanguage(props: &InModuleLanguageProps) -> Html {
    let language = use_language();
    let catalog = crate::catalog::use_catalog();
    let translated = match catalog.entry(&props.id).map(|entry| &entry.status) {
        Some(crate::catalog::EntryStatus::Ready(listing)) => listing.summary_in(language.lang).1,
        // Loading, missing or broken: the page says so in the learner's language.
        _ => true,
    };
    let context = Language {
        lang: if translated { language.lang } else { Lang::En },
        set: language.set.clone(),
    };
    html! {
        <ContextProvider<Language> {context}>
            <div class="module-language" lang={(!translated).then_some("en")}>
                { props.children.clone() }
            </div>
        </ContextProvider<Language>>
    }
}

/// The language in force (English outside a provider).
#[hook]
pub fn use_language() -> Language {
    use_context::<Language>().unwrap_or(Language {
        lang: Lang::En,
        set: Callback::noop(),
    })
}

/// The language in force.
#[hook]
pub fn use_lang() -> Lang {
    use_language().lang
}
