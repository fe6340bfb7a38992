use std::collections::{BTreeMap, HashSet};
use std::rc::Rc;

use peerpath_engine::map::{
    sort_by, Neighbours, NodeKind, ScenarioMap as Layout, Sketch, NODE_HEIGHT, NODE_WIDTH,
};
use peerpath_engine::Target;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::i18n::map::MapTexts;
use crate::i18n::use_lang;

/// What the map marks, beyond the module itself.
#[derive(Clone, PartialEq, Default)]
pub struct MapMarks {
    /// The scenes and endings passed, in order: a learner's or a group's way.
    pub trail: Vec<Target>,
    /// The way of the recommended choices.
    pub recommended: Vec<Target>,
    /// Where the group is now (trainer mode).
    pub current: Option<Target>,
    /// How many problems the checker found in each scene or ending (author preview).
    pub problems: Vec<(Target, usize)>,
    /// Whether endings off the trail fade (the debrief).
    pub fade_unreached: bool,
}

#[derive(Properties, PartialEq)]
pub struct ScenarioMapProps {
    /// Names the map's parts in the page (element ids), unique on the page.
    pub id: AttrValue,
    /// The module's shape (`Sketch::of` a module); the layout is computed once per sketch.
    pub sketch: Rc<Sketch>,
    /// The map's accessible name.
    pub label: AttrValue,
    /// What to mark on it.
    #[prop_or_default]
    pub marks: Rc<MapMarks>,
    /// The scene or ending selected, shown as such.
    #[prop_or_default]
    pub selected: Option<Target>,
    /// Called with a scene or ending when someone selects it (click, Enter, Space).
    pub on_select: Callback<Target>,
}

/// How a node stands, worked out once per render from the marks.
struct Standing {
    steps: BTreeMap<usize, Vec<usize>>,
    trail_nodes: HashSet<usize>,
    trail_edges: HashSet<(usize, usize)>,
    recommended_nodes: HashSet<usize>,
    recommended_edges: HashSet<(usize, usize)>,
    problems: BTreeMap<usize, usize>,
    current: Option<usize>,
}

impl Standing {
    fn of(map: &Layout, marks: &MapMarks) -> Standing {
        let nodes = |targets: &[Target]| -> Vec<usize> {
            targets.iter().filter_map(|&t| map.node(t)).collect()
        };
        let trail = nodes(&marks.trail);
        let recommended = nodes(&marks.recommended);
        // Decision scenes on the trail get the step numbers of the decisions made there.
        let mut steps: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        let mut step = 0;
        for (at, &node) in trail.iter().enumerate() {
            let decided_here =
                at + 1 < trail.len() && matches!(map.nodes[node].kind, NodeKind::Decision { .. });
            if decided_here {
                step += 1;
                steps.entry(node).or_default().push(step);
            }
        }
        Standing {
            steps,
            trail_nodes: trail.iter().copied().collect(),
            trail_edges: trail.windows(2).map(|w| (w[0], w[1])).collect(),
            recommended_nodes: recommended.iter().copied().collect(),
            recommended_edges: recommended.windows(2).map(|w| (w[0], w[1])).collect(),
            problems: marks
                .problems
                .iter()
                .filter_map(|&(t, n)| Some((map.node(t)?, n)))
                .collect(),
            current: marks.current.and_then(|t| map.node(t)),
        }
    }
}

/// A node's name: a scene's id in words ("crisis-call" reads "Crisis call"), an ending's
/// title.
pub fn node_name(sketch: &Sketch, target: Target) -> String {
    match target {
        Target::Scene(index) => sketch
            .scenes
            .get(index)
            .map_or_else(String::new, |scene| words(&scene.id)),
        Target::Ending(index) => sketch
            .endings
            .get(index)
            .map_or_else(String::new, |ending| ending.title.clone()),
    }
}

/// A scene's id in words: "crisis-call" reads "Crisis call".
pub fn words(id: &str) -> String {
    let spaced = id.replace('-', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}

/// What kind of node it is, in words.
fn kind_text(
    m: &MapTexts,
    outcome: impl Fn(peerpath_engine::Outcome) -> &'static str,
    kind: NodeKind,
) -> String {
    match kind {
        NodeKind::Decision { choices } => (m.decision)(choices),
        NodeKind::Routing { .. } => m.routing.to_owned(),
        NodeKind::Ending(result) => (m.ending)(outcome(result)),
    }
}

/// Cuts a label to what fits on a node, on a character boundary.
fn fit(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(chars.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Which way the keyboard last moved, so left and right step between the right neighbours.
#[derive(Clone, Copy, PartialEq)]
enum Came {
    /// Down from this node: left and right move between its other successors.
    DownFrom(usize),
    /// Up from this node: left and right move between its other predecessors.
    UpFrom(usize),
    /// No move yet: left and right move along the layer.
    Nowhere,
}

/// The scenario map: every scene and ending of a module laid out as a layered drawing in SVG,
/// with the marks a page asks for, keyboard moves along the edges, and an outline (nested
/// lists) one toggle away.
#[component]
pub fn ScenarioMap(props: &ScenarioMapProps) -> Html {
    let lang = use_lang();
    let m = lang.map();
    // Scenes are named by their ids, which are English; in another language they say so.
    let ids_lang = (lang != crate::i18n::Lang::En).then_some("en");
    let s = lang.learner();
    let sketch = &props.sketch;
    let drawn = use_memo(Rc::as_ptr(sketch) as usize, {
        let sketch = sketch.clone();
        move |_| Drawn::of(&sketch)
    });
    // How long laying out and drawing took, for the benchmark: from before the layout to the
    // first effect after the drawing is in the page.
    {
        let nodes = drawn.layout.nodes.len();
        use_effect_with(Rc::as_ptr(sketch) as usize, move |_| measure(nodes));
    }
    let map = &drawn.layout;
    let as_list = use_state(|| false);
    let zoom = use_state(|| 1.0_f64);
    let start_node = sketch.start.and_then(|s| map.node(s)).unwrap_or(0);
    let focused = use_state(|| None::<usize>);
    let came = use_state(|| Came::Nowhere);
    // The node the keyboard moved to, with a count, so that moving to the node asked for
    // last time (after the mouse went elsewhere) still moves the focus.
    let focus_wanted = use_state(|| None::<(usize, u32)>);
    let marks = &props.marks;
    let standing = Standing::of(map, marks);
    let tab_stop = focused
        .filter(|&n| n < map.nodes.len())
        .or(standing.current)
        .unwrap_or(start_node);

    // Bring the group's place (or the start) into the frame when the map first draws and
    // whenever the group moves; only the frame scrolls, never the page.
    let frame = use_node_ref();
    {
        let frame = frame.clone();
        let (x, y) = map
            .nodes
            .get(tab_stop)
            .map_or((0, 0), |n| (n.x, n.y + NODE_HEIGHT / 2));
        let zoom = *zoom;
        use_effect_with((standing.current, *as_list), move |_| {
            if let Some(frame) = frame.cast::<web_sys::Element>() {
                let (width, height) = (frame.client_width(), frame.client_height());
                frame.set_scroll_left(scaled(x, zoom) - width / 2);
                frame.set_scroll_top(scaled(y, zoom) - height / 2);
            }
        });
    }
    {
        let id = props.id.clone();
        use_effect_with(*focus_wanted, move |wanted| {
            if let Some((node, _)) = *wanted {
                focus_element(&format!("{id}-node-{node}"));
            }
        });
    }

    let name = |node: usize| node_name(sketch, map.nodes[node].target);
    let label_of = |node: usize| -> String {
        let n = &map.nodes[node];
        let mut parts = vec![name(node), kind_text(m, |o| s.outcome(o), n.kind)];
        if let Some(steps) = standing.steps.get(&node) {
            let list: Vec<String> = steps.iter().map(ToString::to_string).collect();
            parts.push(format!("{} ({})", m.on_trail, (m.steps)(&list.join(", "))));
        } else if standing.trail_nodes.contains(&node) {
            parts.push(m.on_trail.to_owned());
        }
        if standing.current == Some(node) {
            parts.push(m.group_is_here.to_owned());
        }
        if standing.recommended_nodes.contains(&node) {
            parts.push(m.on_recommended.to_owned());
        }
        if marks.fade_unreached
            && matches!(n.kind, NodeKind::Ending(_))
            && !standing.trail_nodes.contains(&node)
        {
            parts.push(m.not_reached.to_owned());
        }
        if !n.reachable {
            parts.push(m.unreachable.to_owned());
        }
        if n.dead_end {
            parts.push(m.dead_end.to_owned());
        }
        if let Some(&count) = standing.problems.get(&node) {
            parts.push((m.problems)(count));
        }
        let onward: Vec<String> = drawn.neighbours.onward[node]
            .iter()
            .map(|&n| name(n))
            .collect();
        if !onward.is_empty() {
            parts.push((m.leads_to)(&onward.join(", ")));
        } else if !matches!(n.kind, NodeKind::Ending(_)) {
            parts.push(m.leads_nowhere.to_owned());
        }
        parts.join("; ")
    };

    let on_key = {
        let drawn = drawn.clone();
        let focused = focused.clone();
        let came = came.clone();
        let focus_wanted = focus_wanted.clone();
        let on_select = props.on_select.clone();
        Callback::from(move |(node, event): (usize, KeyboardEvent)| {
            let map = &drawn.layout;
            let successors = |n: usize| -> Vec<usize> { drawn.neighbours.onward[n].clone() };
            let predecessors = |n: usize| -> Vec<usize> { drawn.neighbours.from[n].clone() };
            let same_layer = |n: usize| -> Vec<usize> {
                let layer = map.nodes[n].layer;
                let mut row: Vec<usize> = (0..map.nodes.len())
                    .filter(|&o| map.nodes[o].layer == layer)
                    .collect();
                sort_by(&mut row, |o| i64::from(map.nodes[o].x));
                row
            };
            let step_along = |row: Vec<usize>, by: isize| -> Option<usize> {
                let at = row.iter().position(|&o| o == node)?;
                let next = at as isize + by;
                (next >= 0)
                    .then(|| row.get(next as usize).copied())
                    .flatten()
            };
            let (next, how) = match event.key().as_str() {
                "ArrowDown" => (successors(node).first().copied(), Came::DownFrom(node)),
                "ArrowUp" => {
                    // Back the way the keyboard came, when it came down from there.
                    let back = match *came {
                        Came::DownFrom(parent) if successors(parent).contains(&node) => {
                            Some(parent)
                        }
                        _ => predecessors(node).first().copied(),
                    };
                    (back, Came::UpFrom(node))
                }
                key @ ("ArrowLeft" | "ArrowRight") => {
                    let by = if key == "ArrowLeft" { -1 } else { 1 };
                    let row = match *came {
                        Came::DownFrom(parent) if successors(parent).contains(&node) => {
                            successors(parent)
                        }
                        Came::UpFrom(child) if predecessors(child).contains(&node) => {
                            predecessors(child)
                        }
                        _ => same_layer(node),
                    };
                    (step_along(row, by), *came)
                }
                "Home" => (Some(start_node), Came::Nowhere),
                "Enter" | " " => {
                    event.prevent_default();
                    event.stop_propagation();
                    on_select.emit(map.nodes[node].target);
                    return;
                }
                _ => return,
            };
            // The presenter's arrow keys move the group on: inside the map they move here.
            event.prevent_default();
            event.stop_propagation();
            if let Some(next) = next {
                came.set(how);
                focused.set(Some(next));
                let count = focus_wanted.map_or(0, |(_, count)| count.wrapping_add(1));
                focus_wanted.set(Some((next, count)));
            }
        })
    };

    let toolbar = html! {
        <div class="map-toolbar">
            <button type="button" class="button button-quiet" aria-pressed={(*as_list).to_string()} onclick={{
                let as_list = as_list.clone();
                Callback::from(move |_: MouseEvent| as_list.set(!*as_list))
            }}>{ m.show_list }</button>
            if !*as_list {
                <button type="button" class="button button-quiet" disabled={*zoom <= 0.35} onclick={{
                    let zoom = zoom.clone();
                    Callback::from(move |_: MouseEvent| zoom.set((*zoom * 0.8).max(0.32)))
                }}>{ m.zoom_out }</button>
                <button type="button" class="button button-quiet" disabled={*zoom >= 1.9} onclick={{
                    let zoom = zoom.clone();
                    Callback::from(move |_: MouseEvent| zoom.set((*zoom * 1.25).min(2.0)))
                }}>{ m.zoom_in }</button>
            }
        </div>
    };

    let body = if *as_list {
        outline(props, map, &standing, m, ids_lang, &|n| label_of(n))
    } else {
        let hint_id = format!("{}-keys", props.id);
        let arrow = format!("{}-arrow", props.id);
        // Marked edges (the path taken, the recommended one) are drawn one by one; the rest,
        // most of a large module, as one line and one set of arrowheads per style, so a
        // 2,000-scene map is a few elements of edges rather than thousands.
        let mut plain: [(String, String); 4] = Default::default();
        let mut marked: Vec<Html> = Vec::new();
        for edge in &map.edges {
            let pair = (edge.from, edge.to);
            let on_trail = standing.trail_edges.contains(&pair);
            let recommended = standing.recommended_edges.contains(&pair);
            let faded = marks.fade_unreached
                && matches!(map.nodes[edge.to].kind, NodeKind::Ending(_))
                && !standing.trail_nodes.contains(&edge.to);
            if on_trail || recommended {
                let d = path_data(&edge.points);
                marked.push(html! {
                    <g class={classes!("map-edge", edge.back.then_some("back"), on_trail.then_some("on-trail"), recommended.then_some("recommended"), faded.then_some("faded"))}>
                        if recommended {
                            <path class="map-band" d={d.clone()} />
                        }
                        <path class="map-line" d={d} marker-end={format!("url(#{arrow})")} />
                    </g>
                });
            } else if let Some((line, heads)) =
                plain.get_mut(usize::from(edge.back) + 2 * usize::from(faded))
            {
                line.push_str(&path_data(&edge.points));
                line.push(' ');
                heads.push_str(&arrowhead(&edge.points));
            }
        }
        let edges = html! {
            <>
                { for plain.into_iter().enumerate().filter(|(_, (line, _))| !line.is_empty()).map(|(style, (line, heads))| html! {
                    <g class={classes!("map-edge", (style % 2 == 1).then_some("back"), (style >= 2).then_some("faded"))}>
                        <path class="map-line" d={line} />
                        <path class="map-heads" d={heads} />
                    </g>
                }) }
                { marked }
            </>
        };
        let nodes = map.nodes.iter().enumerate().map(|(index, node)| {
            let left = node.x - NODE_WIDTH / 2;
            let top = node.y;
            let kind_class = match node.kind {
                NodeKind::Decision { .. } => "decision".to_owned(),
                NodeKind::Routing { .. } => "routing".to_owned(),
                NodeKind::Ending(outcome) => format!("ending outcome-{}", outcome.as_str()),
            };
            let on_trail = standing.trail_nodes.contains(&index);
            let faded = marks.fade_unreached
                && matches!(node.kind, NodeKind::Ending(_))
                && !on_trail;
            let selected = props.selected == Some(node.target);
            let second_line = if !node.reachable {
                m.unreachable.to_owned()
            } else if node.dead_end {
                m.dead_end.to_owned()
            } else {
                kind_text(m, |o| s.outcome(o), node.kind)
            };
            let badge = standing
                .steps
                .get(&index)
                .map(|steps| steps.iter().map(ToString::to_string).collect::<Vec<_>>().join(","))
                .or_else(|| (standing.current == Some(index)).then(|| m.now.to_owned()));
            let problems = standing.problems.get(&index).copied();
            let onclick = {
                let on_select = props.on_select.clone();
                let focused = focused.clone();
                let target = node.target;
                Callback::from(move |_: MouseEvent| {
                    focused.set(Some(index));
                    on_select.emit(target);
                })
            };
            let onkeydown = on_key.reform(move |event: KeyboardEvent| (index, event));
            let states = classes!(
                kind_class,
                on_trail.then_some("on-trail"),
                (standing.current == Some(index)).then_some("current"),
                standing.recommended_nodes.contains(&index).then_some("recommended"),
                faded.then_some("faded"),
                (!node.reachable).then_some("unreachable"),
                node.dead_end.then_some("dead-end"),
                selected.then_some("selected"),
                problems.map(|_| "has-problems")
            );
            let onfocus = {
                let focused = focused.clone();
                Callback::from(move |_: FocusEvent| {
                    if *focused != Some(index) {
                        focused.set(Some(index));
                    }
                })
            };
            html! {
                // The words are drawn beside the button, not in it: its accessible name says
                // more than fits on the node (where it leads, its marks), and a name that does
                // not contain a button's visible words misleads speech input (WCAG 2.5.3).
                <g key={index} class="map-item">
                    <g id={format!("{}-node-{index}", props.id)} class={classes!("map-node", states.clone())}
                        data-node={index.to_string()}
                        role="button" tabindex={if index == tab_stop { "0" } else { "-1" }}
                        aria-label={label_of(index)} aria-pressed={selected.to_string()}
                        {onclick} {onkeydown} {onfocus}>
                        <rect class="map-shape" x={left.to_string()} y={top.to_string()} width={NODE_WIDTH.to_string()} height={NODE_HEIGHT.to_string()} rx={if matches!(node.kind, NodeKind::Routing { .. }) { "28" } else { "4" }} />
                        if matches!(node.kind, NodeKind::Ending(_)) {
                            <rect class="map-inner" x={(left + 4).to_string()} y={(top + 4).to_string()} width={(NODE_WIDTH - 8).to_string()} height={(NODE_HEIGHT - 8).to_string()} rx="2" />
                        }
                    </g>
                    <g class={classes!("map-label", states)} data-node={index.to_string()} aria-hidden="true">
                        <text class="map-name" x={node.x.to_string()} y={(top + 26).to_string()}
                            lang={matches!(node.target, Target::Scene(_)).then_some(ids_lang).flatten()}>{ fit(&name(index), 21) }</text>
                        <text class="map-kind" x={node.x.to_string()} y={(top + 46).to_string()}>{ fit(&second_line, 26) }</text>
                        if let Some(badge) = badge.map(|b| fit(&b, 7)) {
                            // A pill as wide as its words: a step number, several, or "Now".
                            <rect class="map-badge" x={(left - badge_width(&badge) / 2).to_string()} y={(top - 14).to_string()}
                                width={badge_width(&badge).to_string()} height="28" rx="14" />
                            <text class="map-badge-text" x={left.to_string()} y={(top + 5).to_string()}>{ badge }</text>
                        }
                        if let Some(count) = problems {
                            <rect class="map-problem" x={(left + NODE_WIDTH - 30).to_string()} y={(top - 12).to_string()} width="40" height="24" rx="12" />
                            <text class="map-problem-text" x={(left + NODE_WIDTH - 10).to_string()} y={(top + 5).to_string()}>{ format!("⚠ {count}") }</text>
                        }
                    </g>
                </g>
            }
        }).collect::<Vec<Html>>();
        // Whole pixels, printed as integers: formatting a float would pull Rust's float
        // printing (about 4 KB) into every bundle.
        let width = scaled(map.width, *zoom);
        let height = scaled(map.height, *zoom);
        html! {
            <>
                <div class="map-frame" ref={frame}>
                    <svg class="map-drawing" role="group" aria-label={props.label.clone()} aria-describedby={hint_id.clone()}
                        width={width.to_string()} height={height.to_string()}
                        viewBox={format!("0 0 {} {}", map.width, map.height)}>
                        <defs>
                            <marker id={arrow} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="12" orient="auto-start-reverse" class="map-arrow">
                                <path d="M 0 0 L 10 5 L 0 10 z" />
                            </marker>
                        </defs>
                        <g class="map-edges" aria-hidden="true">{ edges }</g>
                        <g class="map-nodes">{ nodes }</g>
                    </svg>
                </div>
                { legend(m, marks, &standing, &hint_id) }
            </>
        }
    };
    html! {
        <div class="scenario-map" id={props.id.clone()}>
            { toolbar }
            { body }
        </div>
    }
}

/// A length at the map's zoom, in whole pixels.
#[allow(clippy::cast_possible_truncation)]
fn scaled(length: i32, zoom: f64) -> i32 {
    (f64::from(length) * zoom).round() as i32
}

/// An arrowhead at the end of a line, as a closed path: 12 pixels long, pointing along the
/// line's last segment (in whole pixels, like every coordinate here).
fn arrowhead(points: &[(i32, i32)]) -> String {
    let [.., (px, py), (x, y)] = points else {
        return String::new();
    };
    let (dx, dy) = (f64::from(x - px), f64::from(y - py));
    let length = (dx * dx + dy * dy).sqrt();
    if length == 0.0 {
        return String::new();
    }
    let (ux, uy) = (dx / length, dy / length);
    let at = |along: f64, across: f64| {
        (
            x + pixel(-ux * along - uy * across),
            y + pixel(-uy * along + ux * across),
        )
    };
    let ((ax, ay), (bx, by)) = (at(12.0, 5.0), at(12.0, -5.0));
    format!("M{x} {y} L{ax} {ay} L{bx} {by} Z ")
}

/// A small length in whole pixels.
#[allow(clippy::cast_possible_truncation)]
fn pixel(length: f64) -> i32 {
    length.round() as i32
}

/// The width of a badge's pill for its words, in pixels.
fn badge_width(words: &str) -> i32 {
    let chars = i32::try_from(words.chars().count()).unwrap_or(7);
    (12 + 8 * chars).max(28)
}

/// The line of an edge, straight between its points.
fn path_data(points: &[(i32, i32)]) -> String {
    let mut d = String::with_capacity(points.len() * 12);
    for (at, (x, y)) in points.iter().enumerate() {
        d.push_str(if at == 0 { "M" } else { " L" });
        d.push_str(&format!("{x} {y}"));
    }
    d
}

/// What the lines and shapes mean, for the marks this map shows.
fn legend(m: &MapTexts, marks: &MapMarks, standing: &Standing, hint_id: &str) -> Html {
    html! {
        <details class="map-legend">
            <summary>{ m.legend_heading }</summary>
            <p id={hint_id.to_owned()} class="map-hint">{ m.keys_hint }</p>
            <ul>
                <li>{ m.legend_shapes }</li>
                if !standing.trail_nodes.is_empty() { <li>{ m.legend_trail }</li> }
                if !standing.recommended_nodes.is_empty() { <li>{ m.legend_recommended }</li> }
                if marks.fade_unreached { <li>{ m.legend_faded }</li> }
                <li>{ m.legend_back }</li>
            </ul>
        </details>
    }
}

/// The map as nested lists, in the map's reading order (layer by layer, left to right): each
/// scene or ending as a button that selects it, and under a scene where each way leads.
fn outline(
    props: &ScenarioMapProps,
    map: &Layout,
    standing: &Standing,
    m: &MapTexts,
    ids_lang: Option<&'static str>,
    label_of: &dyn Fn(usize) -> String,
) -> Html {
    let sketch = &props.sketch;
    let mut order: Vec<usize> = (0..map.nodes.len()).collect();
    sort_by(&mut order, |n| {
        let node = &map.nodes[n];
        i64::try_from(node.layer).unwrap_or(i64::MAX / 2) * 1_000_000_000 + i64::from(node.x)
    });
    let target_name = |target: Option<Target>| match target {
        Some(target) => node_name(sketch, target),
        None => m.leads_nowhere.to_owned(),
    };
    html! {
        <ol class="map-outline" aria-label={props.label.clone()}>
            { for order.into_iter().map(|node| {
                let target = map.nodes[node].target;
                let ways: Vec<String> = match target {
                    Target::Scene(index) => sketch.scenes.get(index).map(|scene| {
                        scene.ways.iter().map(|way| {
                            if scene.routing {
                                let condition = if way.label.is_empty() { m.otherwise } else { way.label.as_str() };
                                (m.route_leads)(condition, &target_name(way.target))
                            } else {
                                (m.choice_leads)(&way.label, &target_name(way.target))
                            }
                        }).collect()
                    }).unwrap_or_default(),
                    Target::Ending(_) => Vec::new(),
                };
                let selected = props.selected == Some(target);
                let label = label_of(node);
                html! {
                    <li key={node} class={classes!(standing.trail_nodes.contains(&node).then_some("on-trail"))}>
                        <button type="button" class="map-outline-node" aria-pressed={selected.to_string()} onclick={props.on_select.reform(move |_: MouseEvent| target)}>
                            { match label.split_once("; ") {
                                Some((name, rest)) => html! { <>
                                    <span lang={matches!(target, Target::Scene(_)).then_some(ids_lang).flatten()}>{ name.to_owned() }</span>
                                    { format!("; {rest}") }
                                </> },
                                None => html! { { label.clone() } },
                            } }
                        </button>
                        if !ways.is_empty() {
                            <ul>
                                { for ways.into_iter().map(|way| html! { <li>{ way }</li> }) }
                            </ul>
                        }
                    </li>
                }
            }) }
        </ol>
    }
}

/// The layout of a module, and each node's neighbours left to right, computed once.
struct Drawn {
    layout: Layout,
    neighbours: Neighbours,
}

impl Drawn {
    fn of(sketch: &Sketch) -> Drawn {
        let count = sketch.scenes.len() + sketch.endings.len();
        if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
            let _ = performance.mark(&format!("peerpath:map-start:{count}"));
        }
        let layout = Layout::of_sketch(sketch);
        let neighbours = layout.neighbours();
        Drawn { layout, neighbours }
    }
}

/// Records `peerpath:map:<nodes>` in the page's performance timeline, from before the layout
/// to after the first drawing, so the benchmark can read how long both took.
fn measure(nodes: usize) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.measure_with_start_mark(
            &format!("peerpath:map:{nodes}"),
            &format!("peerpath:map-start:{nodes}"),
        );
    }
}

fn focus_element(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::SvgElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}
