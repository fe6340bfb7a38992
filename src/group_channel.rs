//! Keeps a trainer's windows in step: the presenter posts the group session on a
//! BroadcastChannel (same browser, same site) and the audience window shows what arrives;
//! the audience window says which part of a long screen the room sees, so the presenter's
//! keys can show the next one. It works even where storage is blocked.

use std::cell::Cell;

use peerpath_engine::group::GroupSession;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Which part of a screen longer than the projector's the room sees (`StageParts`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RoomParts {
    /// The screen they are parts of (`screen_of`): a report about another screen is stale.
    pub screen: String,
    /// The part on view, counting from 1.
    pub shown: usize,
    /// How many parts the screen takes.
    pub count: usize,
}

/// What is on the room's screen, as far as its parts go: the step, and whether its feedback
/// is. A new screen starts at its first part; votes, a reveal or a blank keep the part.
pub fn screen_of(group: &GroupSession) -> String {
    format!("{}-{}", group.step(), group.reviewing)
}

/// What travels between the windows.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Message {
    /// The presenter's current state.
    State { group: GroupSession },
    /// A window that just opened asks what the others know: a presenter answers with its
    /// state, an audience window with its parts.
    Hello,
    /// An audience window's parts, whenever they change (from the audience window).
    Parts(RoomParts),
    /// The presenter asks the room to show a part of a screen, counting from 1.
    ShowPart { screen: String, part: usize },
    /// An audience window is closing: its parts no longer count.
    Goodbye,
}

impl Message {
    /// Whether the message makes sense, beyond its shape: parts in range.
    fn is_sound(&self) -> bool {
        match self {
            Message::Parts(parts) => (1..=parts.count).contains(&parts.shown),
            Message::ShowPart { part, .. } => *part >= 1,
            _ => true,
        }
    }
}

/// One window's end of the channel. Dropping it closes the channel.
pub struct GroupChannel {
    channel: web_sys::BroadcastChannel,
    _listener: Closure<dyn FnMut(web_sys::MessageEvent)>,
    /// Said goodbye: posts nothing more until it says hello again, so a window on its way
    /// out never answers for a room it no longer shows.
    gone: Cell<bool>,
}

impl GroupChannel {
    /// Opens the channel for a module; `on_message` gets every sound message another window
    /// posts on it (a window never hears its own).
    pub fn open(
        module: &str,
        mut on_message: impl FnMut(Message) + 'static,
    ) -> Option<GroupChannel> {
        // Namespaced by deployment, like storage: two sites under one origin never cross.
        let scope = crate::site::deployment_scope();
        let channel =
            web_sys::BroadcastChannel::new(&format!("peerpath-trainer{scope}{module}")).ok()?;
        let listener = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                let Some(text) = event.data().as_string() else {
                    return;
                };
                let Ok(value) = js_sys::JSON::parse(&text) else {
                    return;
                };
                // Anything else is not ours, or not whole: ignore it.
                if let Ok(message) = serde_wasm_bindgen::from_value::<Message>(value) {
                    if message.is_sound() {
                        on_message(message);
                    }
                }
            },
        );
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        Some(GroupChannel {
            channel,
            _listener: listener,
            gone: Cell::new(false),
        })
    }

    /// Posts a message to the module's other windows; one that cannot be sent is lost.
    pub fn post(&self, message: &Message) {
        if self.gone.get() {
            return;
        }
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        let text = serde::Serialize::serialize(message, &serializer)
            .ok()
            .and_then(|value| js_sys::JSON::stringify(&value).ok())
            .and_then(|text| text.as_string());
        if let Some(text) = text {
            let _ = self.channel.post_message(&text.into());
        }
    }

    pub fn post_state(&self, group: &GroupSession) {
        self.post(&Message::State {
            group: group.clone(),
        });
    }

    /// Asks the module's other windows what they know; after a goodbye, posts again.
    pub fn say_hello(&self) {
        self.gone.set(false);
        self.post(&Message::Hello);
    }

    /// Tells the module's other windows this one is leaving, and posts nothing more until it
    /// says hello again.
    pub fn say_goodbye(&self) {
        self.post(&Message::Goodbye);
        self.gone.set(true);
    }
}

impl Drop for GroupChannel {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}
