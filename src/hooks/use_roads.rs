use std::rc::Rc;

use peerpath_engine::map::{recommended_path, trail, Sketch};
use peerpath_engine::{Decision, Module, Target};
use yew::prelude::*;

use crate::components::scenario_map::MapMarks;

/// What a scenario map shows of a play-through, worked out once per path: the module's shape,
/// the marks (the path taken, the recommended one, where the group is), and both paths'
/// decisions for the selected scene's details.
#[derive(Clone, PartialEq)]
pub struct Roads {
    /// The module's shape, for the map (the same `Rc` while the module is).
    pub sketch: Rc<Sketch>,
    /// What the map marks.
    pub marks: Rc<MapMarks>,
    /// The decisions of the path taken.
    pub path: Rc<Vec<Decision>>,
    /// The decisions of the recommended path.
    pub recommended: Rc<Vec<Decision>>,
}

/// The roads of `path` through `module`; `current` is where a group stands (trainer mode), and
/// `fade_unreached` fades the endings the path did not reach (a learner's finished path).
#[hook]
pub fn use_roads(
    module: &Rc<Module>,
    path: Vec<Decision>,
    current: Option<Target>,
    fade_unreached: bool,
) -> Roads {
    let sketch = use_memo(Rc::as_ptr(module) as usize, {
        let module = module.clone();
        move |_| Sketch::of(&module)
    });
    let roads = use_memo(
        (Rc::as_ptr(module) as usize, path, current, fade_unreached),
        {
            let module = module.clone();
            move |(_, path, current, fade_unreached): &(
                usize,
                Vec<Decision>,
                Option<Target>,
                bool,
            )| {
                let recommended = recommended_path(&module);
                let marks = MapMarks {
                    trail: trail(&module, path),
                    recommended: trail(&module, &recommended),
                    current: *current,
                    fade_unreached: *fade_unreached,
                    ..MapMarks::default()
                };
                (Rc::new(marks), Rc::new(path.clone()), Rc::new(recommended))
            }
        },
    );
    let (marks, path, recommended) = (*roads).clone();
    Roads {
        sketch,
        marks,
        path,
        recommended,
    }
}
