//! Keeps a trainer's windows in step: the presenter posts the group session on a
//! BroadcastChannel (same browser, same site) and the audience window shows what arrives.
//! It works even where storage is blocked.

use peerpath_engine::group::GroupSession;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// What travels between the windows.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
enum Message {
    /// The presenter's current state.
    State { group: GroupSession },
    /// An audience window that just opened asks for the state.
    Hello,
}

/// One window's end of the channel. Dropping it closes the channel.
pub struct GroupChannel {
    channel: web_sys::BroadcastChannel,
    _listener: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl GroupChannel {
    /// Opens the channel for a module. `on_state` gets every state the presenter posts;
    /// `on_hello` is called when an audience window asks for it.
    pub fn open(
        module: &str,
        mut on_state: impl FnMut(GroupSession) + 'static,
        mut on_hello: impl FnMut() + 'static,
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
                match serde_wasm_bindgen::from_value::<Message>(value) {
                    Ok(Message::State { group }) => on_state(group),
                    Ok(Message::Hello) => on_hello(),
                    // Anything else is not ours: ignore it.
                    Err(_) => {}
                }
            },
        );
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        Some(GroupChannel {
            channel,
            _listener: listener,
        })
    }

    fn post(&self, message: &Message) {
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

    pub fn say_hello(&self) {
        self.post(&Message::Hello);
    }
}

impl Drop for GroupChannel {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}
