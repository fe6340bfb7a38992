use std::rc::Rc;

use peerpath_engine::Module;
use yew::prelude::*;

use crate::catalog::use_module;
use crate::hooks::use_focus::use_focus;
use crate::hooks::use_title::use_title;
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
    use_title(format!("Embed: {}", module.title));
    let site = use_site();
    let heading = use_node_ref();
    use_focus(heading.clone(), ());
    let page = site_base();
    let folder = page
        .rsplit_once('/')
        .map_or(page.as_str(), |(folder, _)| folder)
        .to_owned();
    let snippet = format!(
        "<iframe src=\"{page}#/embed/{id}\" title=\"{title}\" data-peerpath-embed\n        width=\"100%\" height=\"640\"></iframe>\n<script src=\"{folder}/peerpath-embed.js\" async></script>",
        id = module.id,
        title = module.title.replace('"', "&quot;"),
    );
    html! {
        <article class="page narrow">
            <h1 ref={heading} tabindex="-1">{ format!("Embed “{}”", module.title) }</h1>
            <p>{ "Paste this into a page of your intranet. The module runs inside the frame, the frame grows and shrinks with it, and your page can listen for its events (see the embedding guide in the docs folder)." }</p>
            <label for="snippet">{ "Snippet to copy" }</label>
            <textarea id="snippet" class="snippet" rows="5" readonly=true value={snippet} />
            if site.config.allowed_parent_origins.is_empty() {
                <p class="hint">{ "No page is named in allowed_parent_origins in site.toml yet, so an embedding page hears only that the module is ready and how tall it is, never what the learner does. To receive decisions and completions, add your intranet's origin to site.toml beside index.html, for example:" }</p>
                <pre class="snippet"><code>{ "allowed_parent_origins = [\"https://intranet.example.org\"]" }</code></pre>
            } else {
                <p class="hint">{ format!("Events go only to: {}.", site.config.allowed_parent_origins.join(", ")) }</p>
            }
        </article>
    }
}
