pub mod use_focus;
pub mod use_group;
pub mod use_keys;
pub mod use_play;
pub mod use_progress;
pub mod use_store;
pub mod use_title;
pub mod use_xapi;
