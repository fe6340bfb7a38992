use std::rc::Rc;

use peerpath_engine::Module;
use yew::prelude::*;

use crate::catalog::use_module;
use crate::hooks::use_focus::use_focus;
use crate::hooks::use_title::use_title;
use crate::i18n::{use_lang, Lang};
use crate::pages::with_module;
use crate::site::use_site;

#[derive(Properties, PartialEq)]
pub struct SharePageProps {
    /// The module's id, from the address.
    pub id: AttrValue,
}

/// The copy-paste snippet that puts a module on another site's page.
#[component]
pub fn SharePage(props: &SharePageProps) -> Html {
    let found = use_module(&props.id);
    with_module(
        &found,
        &props.id,
        |module| html! { <Share module={module.clone()} /> },
    )
}

#[derive(Properties, PartialEq)]
struct ShareProps {
    /// The module to embed.
    module: Rc<Module>,
}

/// This page's address without its hash: where the site is deployed, whatever the sub-path.
fn site_base() -> String {
    web_sys::window()
        .and_then(|w| {
            let location = w.location();
            // The snippet opens the learner's page, not this tools page.
            let path = location.pathname().ok()?;
            let path = path
                .strip_suffix(crate::app::TOOLS_PAGE)
                .map_or(path.clone(), |folder| format!("{folder}index.html"));
            Some(format!("{}{path}", location.origin().ok()?))
        })
        .unwrap_or_default()
}

#[component]
fn Share(props: &ShareProps) -> Html {
    let module = &props.module;
    let t = use_lang().tools();
    // The embedded module's language: the learner's own (none in the address), or fixed.
    let fixed = use_state(|| None::<Lang>);
    let on_language = {
        let fixed = fixed.clone();
        Callback::from(move |event: Event| {
            let value = event
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .map(|select| select.value())
                .unwrap_or_default();
            fixed.set(Lang::from_tag(&value));
        })
    };
    use_title((t.embed_title)(&module.title));
    let site = use_site();
    let heading = use_node_ref();
    use_focus(heading.clone(), ());
    let page = site_base();
    let folder = page
        .rsplit_once('/')
        .map_or(page.as_str(), |(folder, _)| folder)
        .to_owned();
    let snippet = format!(
        "<iframe src=\"{page}#/embed/{id}{lang}\" title=\"{title}\" data-peerpath-embed\n        width=\"100%\" height=\"640\"></iframe>\n<script src=\"{folder}/peerpath-embed.js\" async></script>",
        id = module.id,
        lang = fixed.map_or(String::new(), |lang| format!("?lang={}", lang.code())),
        title = module.title.replace('"', "&quot;"),
    );
    html! {
        <article class="page narrow">
            <h1 ref={heading} tabindex="-1">{ (t.embed_heading)(&module.title) }</h1>
            <p>{ t.embed_intro }</p>
            <label for="embed-language">{ t.embed_language }</label>
            <select id="embed-language" onchange={on_language}>
                <option value="" selected={fixed.is_none()}>{ t.embed_language_learner }</option>
                { for Lang::ALL.into_iter().map(|lang| html! {
                    <option value={lang.code()} lang={lang.code()} selected={*fixed == Some(lang)}>{ lang.name() }</option>
                }) }
            </select>
            <label for="snippet">{ t.snippet_label }</label>
            <textarea id="snippet" class="snippet" rows="5" readonly=true value={snippet} />
            if site.config.allowed_parent_origins.is_empty() {
                <p class="hint">{ t.no_origins }</p>
                <pre class="snippet"><code>{ "allowed_parent_origins = [\"https://intranet.example.org\"]" }</code></pre>
            } else {
                <p class="hint">{ (t.events_only_to)(&site.config.allowed_parent_origins.join(", ")) }</p>
            }
        </article>
    }
}
