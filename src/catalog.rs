//! The catalog: which modules the site offers, fetched and checked once at start-up.

use std::rc::Rc;

use gloo_net::http::Request;
use peerpath_engine::{load, parse_catalog, Diagnostic, Listed, Module};
use yew::prelude::*;

use crate::site::{apply_branding, site_from, Site, SiteHandle, SITE_URL};

/// Where the catalog lives, relative to the page, so any sub-path of any server works.
const CATALOG_URL: &str = "modules/catalog.toml";

/// Everything the site offers, or why it could not be read.
#[derive(Debug)]
pub enum Catalog {
    Loading,
    /// The catalog file itself could not be fetched or read.
    Failed(String),
    Ready(Vec<ModuleEntry>),
}

/// One listed module file and what became of it.
#[derive(Debug)]
pub struct ModuleEntry {
    /// The file name as listed in the catalog.
    pub file: String,
    pub status: EntryStatus,
}

#[derive(Debug)]
pub enum EntryStatus {
    Ready(Rc<Module>),
    /// The file has errors; every diagnostic, so the author can fix them all at once.
    Invalid(Vec<Diagnostic>),
    /// The file could not be fetched.
    Unavailable(String),
}

impl ModuleEntry {
    /// The id used in links: the module's id, or the file name's stem when it did not load.
    pub fn key(&self) -> &str {
        match &self.status {
            EntryStatus::Ready(module) => &module.id,
            _ => self.file.trim_end_matches(".toml"),
        }
    }
}

impl Catalog {
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

async fn fetch_text(url: &str) -> Result<String, String> {
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
    response
        .text()
        .await
        .map_err(|error| format!("could not read {url}: {error}"))
}

/// Fetches the site configuration, then the modules it lists (or the built-in catalog's).
async fn fetch_all() -> (Site, Catalog) {
    let site = site_from(fetch_text(SITE_URL).await);
    let catalog = match &site.config.modules {
        Some(listed) => fetch_modules(listed.clone()).await,
        None => fetch_catalog().await,
    };
    (site, catalog)
}

async fn fetch_catalog() -> Catalog {
    let text = match fetch_text(CATALOG_URL).await {
        Ok(text) => text,
        Err(error) => return Catalog::Failed(error),
    };
    let files = match parse_catalog(&text) {
        Ok(files) => files,
        Err(diagnostics) => {
            let list = diagnostics
                .iter()
                .map(|d| format!("line {}, column {}: {}", d.line, d.column, d.message))
                .collect::<Vec<_>>()
                .join("; ");
            return Catalog::Failed(format!("{CATALOG_URL} has a problem: {list}"));
        }
    };
    fetch_modules(files).await
}

/// Fetches and checks every listed module at once (not one after another: on a slow
/// network the catalog would wait for the sum of them).
async fn fetch_modules(files: Vec<Listed>) -> Catalog {
    let loads = files.into_iter().map(|listed| async move {
        let file = listed.file;
        let status = match fetch_text(&format!("modules/{file}")).await {
            Err(error) => EntryStatus::Unavailable(error),
            Ok(text) => {
                let loaded = load(&text);
                match loaded.module {
                    Some(module) => EntryStatus::Ready(Rc::new(module)),
                    None => EntryStatus::Invalid(loaded.diagnostics),
                }
            }
        };
        ModuleEntry { file, status }
    });
    let mut entries = futures::future::join_all(loads).await;
    refuse_duplicate_ids(&mut entries);
    Catalog::Ready(entries)
}

/// Two files with one module id would shadow each other silently: the first keeps the id,
/// and each later one becomes a card that says which file already uses it.
fn refuse_duplicate_ids(entries: &mut [ModuleEntry]) {
    let duplicates =
        peerpath_engine::catalog::duplicate_module_ids(entries.iter().filter_map(|entry| {
            match &entry.status {
                EntryStatus::Ready(module) => Some((entry.file.as_str(), module.id.as_str())),
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
    html! {
        <ContextProvider<SiteHandle> context={(*site).clone()}>
            <ContextProvider<CatalogHandle> context={(*catalog).clone()}>
                { props.children.clone() }
            </ContextProvider<CatalogHandle>>
        </ContextProvider<SiteHandle>>
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
