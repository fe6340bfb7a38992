//! The catalog: which modules the site offers, read once at start-up, and each module,
//! fetched when a page first needs it.
//!
//! Built-in modules come compiled by `peerpath build`: the catalog reads only their index
//! (`modules/catalog.ppm`, a few kilobytes), and a page that plays a module fetches that
//! module's data alone. A site's own `.toml` modules, listed in `site.toml`, are read and
//! checked by the module reader worker (`reader.rs`), which is fetched only then.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use gloo_net::http::Request;
use peerpath_engine::{Diagnostic, Index, IndexEntry, Listed, Module};
use yew::prelude::*;

use crate::i18n::{use_lang, Lang};
use crate::site::{apply_branding, site_from, Site, SiteHandle, SITE_URL};

/// The compiled catalog index, relative to the page, so any sub-path of any server works.
const INDEX_URL: &str = "modules/catalog.ppm";

/// Everything the site offers, or why it could not be read.
#[derive(Debug, Clone)]
pub enum Catalog {
    Loading,
    /// The catalog itself could not be fetched or read.
    Failed(String),
    Ready(Vec<ModuleEntry>),
}

/// One listed module file and what became of it.
#[derive(Debug, Clone)]
pub struct ModuleEntry {
    /// The file name as listed (`de-escalation.toml`).
    pub file: String,
    pub status: EntryStatus,
}

#[derive(Debug, Clone)]
pub enum EntryStatus {
    /// Ready to open: what its card shows now, the module itself when a page asks.
    Ready(Listing),
    /// The file has errors; every diagnostic, so the author can fix them all at once.
    Invalid(Vec<Diagnostic>),
    /// The file could not be fetched or read.
    Unavailable(String),
}

/// A module the site offers: its card, and where the module itself comes from.
#[derive(Debug, Clone)]
pub struct Listing {
    pub summary: Rc<IndexEntry>,
    source: Source,
}

#[derive(Debug, Clone)]
enum Source {
    /// A built-in module's compiled data, fetched and decoded on first use: as learners play
    /// it, and whole (with the trainer's notes) for trainer mode, in each language it has (the
    /// summary's index entry names the files).
    Compiled,
    /// A site's own module, already read and checked by the module reader, with its
    /// English text (what its translations are checked against) and the translations
    /// `site.toml` lists for it, each read when a learner first needs its language.
    Loaded {
        module: Rc<Module>,
        text: Rc<str>,
        translations: Vec<OwnTranslation>,
    },
}

/// A translation of a site's own module, listed in `site.toml` beside it
/// (`our-module.es.toml`).
#[derive(Debug, Clone)]
pub struct OwnTranslation {
    pub lang: Lang,
    /// The file name as listed.
    pub file: String,
    pub state: TranslationState,
}

/// Where a translation of a site's own module stands.
#[derive(Debug, Clone)]
pub enum TranslationState {
    /// Not asked for yet: read when a learner first uses its language.
    Waiting,
    /// Being read.
    Reading,
    /// Read and checked: the module in that language.
    Ready(Rc<Module>),
    /// The file has errors; the module shows in English, and the card lists them.
    Invalid(Vec<Diagnostic>),
    /// The file could not be fetched or read (why, in English).
    Unavailable(String),
}

/// If `file` names a translation of a site's own module into a language the app speaks
/// (`our-module.es.toml`), the English file's name and the language.
pub fn own_translation(file: &str) -> Option<(String, Lang)> {
    let (english, code) = peerpath_engine::catalog::translation_of(file)?;
    let lang = Lang::from_tag(code).filter(|lang| *lang != Lang::En && lang.code() == code)?;
    Some((english, lang))
}

impl Listing {
    /// The card's text in `lang`, and whether it is translated: a built-in module with a
    /// translation into `lang` shows it; anything else shows the English.
    pub fn summary_in(&self, lang: Lang) -> (Rc<IndexEntry>, bool) {
        if lang == Lang::En {
            return (self.summary.clone(), true);
        }
        match &self.source {
            Source::Compiled => {
                let (entry, translated) = self.summary.in_language(lang.code());
                (Rc::new(entry), translated)
            }
            Source::Loaded { .. } => match self.translated_module(lang) {
                Some(module) => (
                    Rc::new(IndexEntry::new(module, &self.summary.file, "", "")),
                    true,
                ),
                None => (self.summary.clone(), false),
            },
        }
    }

    /// A site's own module in `lang`, once its translation has been read.
    fn translated_module(&self, lang: Lang) -> Option<&Rc<Module>> {
        let Source::Loaded { translations, .. } = &self.source else {
            return None;
        };
        translations
            .iter()
            .find(|translation| translation.lang == lang)
            .and_then(|translation| match &translation.state {
                TranslationState::Ready(module) => Some(module),
                _ => None,
            })
    }

    /// The translation into `lang` of a site's own module that could not be used, if any.
    pub fn translation_problem(&self, lang: Lang) -> Option<&OwnTranslation> {
        let Source::Loaded { translations, .. } = &self.source else {
            return None;
        };
        translations.iter().find(|translation| {
            translation.lang == lang
                && matches!(
                    translation.state,
                    TranslationState::Invalid(_) | TranslationState::Unavailable(_)
                )
        })
    }
}

impl ModuleEntry {
    /// The id used in links: the module's id, or the file name's stem when it did not load.
    pub fn key(&self) -> &str {
        match &self.status {
            EntryStatus::Ready(listing) => &listing.summary.id,
            _ => self.file.trim_end_matches(".toml"),
        }
    }
}

impl Catalog {
    /// The site's own module files (relative to the page), which arrive through the network
    /// rather than the build: what the offline copy must keep besides the built-in modules.
    pub fn own_files(&self) -> Vec<String> {
        let Catalog::Ready(entries) = self else {
            return Vec::new();
        };
        let translations = entries.iter().flat_map(|entry| match &entry.status {
            EntryStatus::Ready(Listing {
                source: Source::Loaded { translations, .. },
                ..
            }) => translations
                .iter()
                .map(|translation| format!("modules/{}", translation.file))
                .collect(),
            _ => Vec::new(),
        });
        let modules = entries
            .iter()
            .filter(|entry| {
                !matches!(
                    &entry.status,
                    EntryStatus::Ready(Listing {
                        source: Source::Compiled,
                        ..
                    })
                )
            })
            .map(|entry| format!("modules/{}", entry.file));
        modules.chain(translations).collect()
    }

    pub fn entry(&self, key: &str) -> Option<&ModuleEntry> {
        match self {
            Catalog::Ready(entries) => entries.iter().find(|entry| entry.key() == key),
            _ => None,
        }
    }
}

/// The catalog as shared through context; compared by identity, since it only ever changes
/// from loading to loaded.
#[derive(Clone, Debug)]
pub struct CatalogHandle(pub Rc<Catalog>);

impl PartialEq for CatalogHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

async fn fetch(url: &str) -> Result<gloo_net::http::Response, String> {
    let response = Request::get(url)
        .send()
        .await
        .map_err(|error| format!("could not fetch {url}: {error}"))?;
    if !response.ok() {
        return Err(format!(
            "{url} answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    Ok(response)
}

async fn fetch_text(url: &str) -> Result<String, String> {
    fetch(url)
        .await?
        .text()
        .await
        .map_err(|error| format!("could not read {url}: {error}"))
}

async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    fetch(url)
        .await?
        .binary()
        .await
        .map_err(|error| format!("could not read {url}: {error}"))
}

async fn fetch_index() -> Result<Index, String> {
    let bytes = fetch_bytes(INDEX_URL).await?;
    Index::from_compiled(&bytes).map_err(|error| format!("{INDEX_URL}: {error}"))
}

/// Fetches the site configuration and the index together, then whatever else the site lists.
async fn fetch_all() -> (Site, Catalog) {
    let (site_text, index) = futures::future::join(fetch_text(SITE_URL), fetch_index()).await;
    let site = site_from(site_text);
    let catalog = match (&site.config.modules, index) {
        (Some(listed), index) => from_list(listed.clone(), index.ok()).await,
        (None, Ok(index)) => from_index(index),
        (None, Err(error)) => Catalog::Failed(error),
    };
    (site, catalog)
}

fn compiled(entry: IndexEntry) -> ModuleEntry {
    let source = Source::Compiled;
    ModuleEntry {
        file: entry.file.clone(),
        status: EntryStatus::Ready(Listing {
            summary: Rc::new(entry),
            source,
        }),
    }
}

fn from_index(index: Index) -> Catalog {
    Catalog::Ready(index.modules.into_iter().map(compiled).collect())
}

/// The modules `site.toml` lists: built-in ones from the index, the site's own files read by
/// the module reader, all at once (not one after another: on a slow network the catalog
/// would wait for the sum of them).
async fn from_list(files: Vec<Listed>, index: Option<Index>) -> Catalog {
    // Translations of the site's own modules ride with their module; built-in modules bring
    // their own translations in the index.
    let (translations, files): (Vec<Listed>, Vec<Listed>) = files
        .into_iter()
        .partition(|listed| own_translation(&listed.file).is_some());
    let mut stray = Vec::new();
    for listed in &translations {
        if let Some((english, _)) = own_translation(&listed.file) {
            let built_in = index
                .as_ref()
                .is_some_and(|index| index.by_file(&english).is_some());
            if !built_in && !files.iter().any(|file| file.file == english) {
                stray.push(ModuleEntry {
                    file: listed.file.clone(),
                    status: EntryStatus::Unavailable(format!(
                        "{} is a translation of {english}, which site.toml does not list; list both.",
                        listed.file
                    )),
                });
            }
        }
    }
    let loads = files.into_iter().map(|listed| {
        let built_in = index
            .as_ref()
            .and_then(|index| index.by_file(&listed.file))
            .cloned();
        let its_translations: Vec<OwnTranslation> = translations
            .iter()
            .filter_map(|translation| {
                let (english, lang) = own_translation(&translation.file)?;
                (english == listed.file).then(|| OwnTranslation {
                    lang,
                    file: translation.file.clone(),
                    state: TranslationState::Waiting,
                })
            })
            .collect();
        async move {
            match built_in {
                Some(entry) => compiled(entry),
                None => read_own(listed.file, its_translations).await,
            }
        }
    });
    let mut entries = futures::future::join_all(loads).await;
    entries.append(&mut stray);
    refuse_duplicate_ids(&mut entries);
    Catalog::Ready(entries)
}

async fn read_own(file: String, translations: Vec<OwnTranslation>) -> ModuleEntry {
    let status = match fetch_text(&format!("modules/{file}")).await {
        Err(error) => EntryStatus::Unavailable(error),
        Ok(text) => match crate::reader::check(text.clone()).await {
            Err(reason) => EntryStatus::Unavailable(format!("{file} could not be read: {reason}.")),
            Ok(checked) => match checked.module {
                Some(module) => EntryStatus::Ready(Listing {
                    summary: Rc::new(IndexEntry::new(&module, &file, "", "")),
                    source: Source::Loaded {
                        module: Rc::new(module),
                        text: Rc::from(text),
                        translations,
                    },
                }),
                None => EntryStatus::Invalid(checked.diagnostics),
            },
        },
    };
    ModuleEntry { file, status }
}

/// Two files with one module id would shadow each other silently: the first keeps the id,
/// and each later one becomes a card that says which file already uses it.
fn refuse_duplicate_ids(entries: &mut [ModuleEntry]) {
    let duplicates =
        peerpath_engine::catalog::duplicate_module_ids(entries.iter().filter_map(|entry| {
            match &entry.status {
                EntryStatus::Ready(listing) => {
                    Some((entry.file.as_str(), listing.summary.id.as_str()))
                }
                _ => None,
            }
        }));
    for duplicate in duplicates {
        if let Some(entry) = entries
            .iter_mut()
            .find(|entry| entry.file == duplicate.file)
        {
            entry.status = EntryStatus::Unavailable(format!(
                "{} declares the module id “{}”, which {} already uses. Each module needs its own id, so only {} is offered.",
                duplicate.file, duplicate.id, duplicate.first_file, duplicate.first_file
            ));
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct CatalogProviderProps {
    /// The app, which reads the catalog through `use_catalog`.
    pub children: Html,
}

/// Fetches the site configuration and the catalog once, applies the branding, and shares
/// both with everything below.
#[component]
pub fn CatalogProvider(props: &CatalogProviderProps) -> Html {
    let catalog = use_state(|| CatalogHandle(Rc::new(Catalog::Loading)));
    let site = use_state(|| SiteHandle(Rc::new(Site::default())));
    {
        let catalog = catalog.clone();
        let site = site.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let (loaded_site, loaded_catalog) = fetch_all().await;
                apply_branding(&loaded_site.config);
                site.set(SiteHandle(Rc::new(loaded_site)));
                catalog.set(CatalogHandle(Rc::new(loaded_catalog)));
            });
        });
    }
    // A site's own modules' translations into the learner's language, read the first time
    // that language is in use (never for a learner who only reads English).
    {
        let catalog = catalog.clone();
        let lang = use_lang();
        use_effect_with((lang, (*catalog).clone()), move |(lang, current)| {
            let wanted = waiting_translations(&current.0, *lang);
            if !wanted.is_empty() {
                let mut reading = (*current.0).clone();
                set_translation_states(
                    &mut reading,
                    wanted
                        .iter()
                        .map(|w| (w.entry, w.translation, TranslationState::Reading)),
                );
                catalog.set(CatalogHandle(Rc::new(reading.clone())));
                wasm_bindgen_futures::spawn_local(async move {
                    let results =
                        futures::future::join_all(wanted.into_iter().map(|w| async move {
                            let state = read_translation(&w).await;
                            (w.entry, w.translation, state)
                        }))
                        .await;
                    set_translation_states(&mut reading, results);
                    catalog.set(CatalogHandle(Rc::new(reading)));
                });
            }
        });
    }
    html! {
        <ContextProvider<SiteHandle> context={(*site).clone()}>
            <ContextProvider<CatalogHandle> context={(*catalog).clone()}>
                { props.children.clone() }
            </ContextProvider<CatalogHandle>>
        </ContextProvider<SiteHandle>>
    }
}

/// A translation to read: where it is in the catalog, and what the reader needs.
struct WantedTranslation {
    entry: usize,
    translation: usize,
    file: String,
    english: Rc<str>,
}

/// The site's own modules' translations into `lang` not read yet.
fn waiting_translations(catalog: &Catalog, lang: Lang) -> Vec<WantedTranslation> {
    let Catalog::Ready(entries) = catalog else {
        return Vec::new();
    };
    let mut wanted = Vec::new();
    for (entry, module) in entries.iter().enumerate() {
        let EntryStatus::Ready(Listing {
            source: Source::Loaded {
                text, translations, ..
            },
            ..
        }) = &module.status
        else {
            continue;
        };
        for (translation, own) in translations.iter().enumerate() {
            if own.lang == lang && matches!(own.state, TranslationState::Waiting) {
                wanted.push(WantedTranslation {
                    entry,
                    translation,
                    file: own.file.clone(),
                    english: text.clone(),
                });
            }
        }
    }
    wanted
}

fn set_translation_states(
    catalog: &mut Catalog,
    states: impl IntoIterator<Item = (usize, usize, TranslationState)>,
) {
    let Catalog::Ready(entries) = catalog else {
        return;
    };
    for (entry, translation, state) in states {
        if let Some(EntryStatus::Ready(Listing {
            source: Source::Loaded { translations, .. },
            ..
        })) = entries.get_mut(entry).map(|entry| &mut entry.status)
        {
            if let Some(own) = translations.get_mut(translation) {
                own.state = state;
            }
        }
    }
}

/// Fetches a translation of a site's own module and has the module reader check it against
/// the English.
async fn read_translation(wanted: &WantedTranslation) -> TranslationState {
    let text = match fetch_text(&format!("modules/{}", wanted.file)).await {
        Ok(text) => text,
        Err(error) => return TranslationState::Unavailable(error),
    };
    match crate::reader::check_translation(wanted.english.to_string(), wanted.file.clone(), text)
        .await
    {
        Err(reason) => {
            TranslationState::Unavailable(format!("{} could not be read: {reason}.", wanted.file))
        }
        Ok(checked) => match checked.module {
            Some(module) => TranslationState::Ready(Rc::new(module)),
            None => TranslationState::Invalid(checked.diagnostics),
        },
    }
}

/// The catalog, from the nearest `CatalogProvider`.
#[hook]
pub fn use_catalog() -> Rc<Catalog> {
    use_context::<CatalogHandle>()
        .map(|handle| handle.0)
        .unwrap_or_else(|| {
            Rc::new(Catalog::Failed(
                "the app was built without a catalog".into(),
            ))
        })
}

/// A module, as a page asks for it by id.
#[derive(Debug, Clone)]
pub enum Found {
    /// The catalog, or the module's data, is still on its way.
    Loading,
    /// The catalog itself could not be read.
    CatalogFailed(String),
    /// No module on this site has this id.
    NotFound,
    /// The module file has errors.
    Invalid {
        file: String,
        diagnostics: Vec<Diagnostic>,
    },
    /// The module file, or its compiled data, could not be fetched or read.
    Unavailable(String),
    Ready(Rc<Module>),
}

thread_local! {
    /// Compiled modules already fetched and decoded, by address: opening a module again (the
    /// intro, then play, then the summary) neither fetches nor decodes it twice.
    static MODULES: RefCell<HashMap<String, Result<Rc<Module>, String>>> = RefCell::new(HashMap::new());
}

fn cached(url: &str) -> Option<Result<Rc<Module>, String>> {
    MODULES.with(|modules| modules.borrow().get(url).cloned())
}

async fn fetch_module(url: &str) -> Result<Rc<Module>, String> {
    let bytes = fetch_bytes(url).await?;
    Module::from_compiled(&bytes)
        .map(Rc::new)
        .map_err(|error| format!("{url}: {error}"))
}

/// The module with this id as learners play it: from the catalog, fetching its compiled data
/// the first time any page asks for it.
#[hook]
pub fn use_module(id: &str) -> Found {
    use_module_in(id, Form::Learners)
}

/// The whole module, with the trainer's facilitator notes and discussion prompts, for
/// trainer mode and the audience view.
#[hook]
pub fn use_whole_module(id: &str) -> Found {
    use_module_in(id, Form::Whole)
}

/// Which compiled form of a module a page reads.
#[derive(Clone, Copy, PartialEq)]
enum Form {
    Learners,
    Whole,
}

/// The module with this id in this form, as far as the catalog and the cache have it, and
/// the address to fetch when its compiled data has not arrived yet.
fn find(catalog: &Catalog, id: &str, form: Form, lang: Lang) -> (Found, Option<String>) {
    let entry = match catalog {
        Catalog::Loading => return (Found::Loading, None),
        Catalog::Failed(reason) => return (Found::CatalogFailed(reason.clone()), None),
        Catalog::Ready(_) => match catalog.entry(id) {
            Some(entry) => entry,
            None => return (Found::NotFound, None),
        },
    };
    let listing = match &entry.status {
        EntryStatus::Ready(listing) => listing,
        EntryStatus::Invalid(diagnostics) => {
            let file = entry.file.clone();
            let diagnostics = diagnostics.clone();
            return (Found::Invalid { file, diagnostics }, None);
        }
        EntryStatus::Unavailable(reason) => return (Found::Unavailable(reason.clone()), None),
    };
    if let Source::Loaded { module, .. } = &listing.source {
        let module = listing.translated_module(lang).unwrap_or(module);
        return (Found::Ready(module.clone()), None);
    }
    let (entry, _) = listing.summary.in_language(lang.code());
    let url = match form {
        Form::Learners => format!("modules/{}", entry.data),
        Form::Whole => format!("modules/{}", entry.trainer_data),
    };
    match cached(&url) {
        Some(Ok(module)) => (Found::Ready(module), None),
        Some(Err(reason)) => (Found::Unavailable(reason), None),
        None => (Found::Loading, Some(url)),
    }
}

/// The module with this id as learners play it, in English whatever the interface's language:
/// the words reports carry to a learning record store, which name their language `en-US`.
#[hook]
pub fn use_english_module(id: &str) -> Found {
    use_module_as(id, Form::Learners, Lang::En)
}

#[hook]
fn use_module_in(id: &str, form: Form) -> Found {
    let lang = use_lang();
    use_module_as(id, form, lang)
}

#[hook]
fn use_module_as(id: &str, form: Form, lang: Lang) -> Found {
    let catalog = use_catalog();
    let arrived = use_force_update();
    let (found, url) = find(&catalog, id, form, lang);
    {
        use_effect_with(url, move |url| {
            if let Some(url) = url.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    // Another page may have fetched it meanwhile.
                    if cached(&url).is_none() {
                        let result = fetch_module(&url).await;
                        MODULES.with(|modules| modules.borrow_mut().insert(url, result));
                    }
                    arrived.force_update();
                });
            }
        });
    }
    found
}
