//! A layered ("Sugiyama") layout of a directed graph: the start on top, the sinks the caller
//! names (a module's endings) on the bottom layer, each edge running down through one point
//! per layer it crosses, and an order within each layer that keeps edge crossings few.
//!
//! The steps are the classic ones, each linear or close to it so that a 2,000-scene module
//! lays out in milliseconds:
//!
//! 1. **Cycles.** A depth-first search from the start (then from every node it missed, in
//!    index order) turns each edge back to a node still on its stack around, so the rest sees
//!    a graph without cycles; those edges are drawn pointing up.
//! 2. **Layers.** Longest path from the sources, so every edge points down; the sinks then all
//!    move to one bottom layer, and a node with more ways out than in moves down to sit just
//!    above its nearest successor (shorter edges).
//! 3. **Points.** An edge that crosses layers gets one point on each layer between its ends.
//! 4. **Order.** Barycentre sweeps down and up, then (for graphs small enough) swaps of
//!    neighbours that lower the crossings between them; the order with the fewest crossings
//!    wins, counted exactly with a Fenwick tree.
//! 5. **Coordinates.** Each node is pulled towards the mean position of its neighbours in the
//!    layer above, then below, keeping the layer's order and spacing: the left-packed and
//!    right-packed solutions are averaged, which keeps every gap.
//!
//! Everything is deterministic: ties keep the earlier order, and coordinates are rounded to
//! whole pixels at the end.

/// What the layout is asked to place: nodes `0..count`, directed edges between them (each pair
/// once; a node's edges to itself are ignored), where to start, and which nodes sit on the
/// bottom layer.
pub(crate) struct Graph<'a> {
    pub count: usize,
    pub edges: &'a [(usize, usize)],
    pub start: usize,
    pub bottom: &'a [bool],
}

/// Sizes in pixels, so that coordinates come out ready to draw.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spacing {
    /// A node's width.
    pub node_width: f64,
    /// The width an edge's point takes in a layer (edges side by side keep this apart).
    pub point_width: f64,
    /// The smallest gap between two things in a layer.
    pub gap: f64,
    /// Around the whole drawing.
    pub margin: f64,
}

/// Where everything went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Placed {
    /// Each node's layer, from 0 at the top.
    pub layers: Vec<usize>,
    /// Each node's centre, left to right, in pixels.
    pub x: Vec<i32>,
    /// Each edge's points between its ends: centre x of each layer crossed, top to bottom of
    /// the drawing (for a reversed edge, from its target's layer down to its source's).
    pub points: Vec<Vec<(i32, usize)>>,
    /// Whether each edge was turned around to break a cycle (it points up).
    pub reversed: Vec<bool>,
    /// How many layers there are.
    pub layer_count: usize,
    /// Total width in pixels.
    pub width: i32,
    /// Edge crossings in the final order.
    pub crossings: usize,
}

/// Past this many nodes and points, the neighbour-swapping pass is skipped: the sweeps alone
/// do most of the work, and the swaps are quadratic in a layer's width.
const SWAP_LIMIT: usize = 2_000;

/// The value at `index`, or the default for one out of range. Every index here comes from the
/// vectors' own construction, so the default is never used; it keeps a bug from panicking.
fn at<T: Copy + Default>(values: &[T], index: usize) -> T {
    values.get(index).copied().unwrap_or_default()
}

/// The list at `index`, or an empty one.
fn list(lists: &[Vec<usize>], index: usize) -> &[usize] {
    lists.get(index).map_or(&[], Vec::as_slice)
}

/// Sets the value at `index`, when there is one.
fn put<T>(values: &mut [T], index: usize, value: T) {
    if let Some(slot) = values.get_mut(index) {
        *slot = value;
    }
}

/// Adds to the list at `index`, when there is one.
fn push(lists: &mut [Vec<usize>], index: usize, value: usize) {
    if let Some(list) = lists.get_mut(index) {
        list.push(value);
    }
}

/// A count or place as a sort key.
pub(crate) fn key(value: usize) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// Sorts nodes by a whole-number key, ties by node. Every sort of the map goes through here,
/// so the browser bundle carries one sort routine for it, not one per closure.
pub fn sort_by(nodes: &mut [usize], key: impl Fn(usize) -> i64) {
    let mut keyed: Vec<(i64, usize)> = nodes.iter().map(|&n| (key(n), n)).collect();
    keyed.sort_unstable();
    for (slot, (_, node)) in nodes.iter_mut().zip(keyed) {
        *slot = node;
    }
}

/// Lays the graph out. Never panics: out-of-range edges are ignored.
pub(crate) fn layout(graph: &Graph<'_>, spacing: Spacing) -> Placed {
    let count = graph.count;
    let edges = graph.edges;
    let usable = |&(from, to): &(usize, usize)| from < count && to < count && from != to;
    let reversed = break_cycles(count, edges, graph.start);
    // The graph without cycles: each usable edge, pointing down.
    let down: Vec<Option<(usize, usize)>> = edges
        .iter()
        .zip(&reversed)
        .map(|(edge, &flip)| usable(edge).then_some(if flip { (edge.1, edge.0) } else { *edge }))
        .collect();
    let layers = assign_layers(count, &down, graph.start, graph.bottom);
    let layer_count = layers.iter().max().map_or(0, |&top| top + 1);

    // Nodes, then one point per layer crossed by each edge ("dummies").
    let mut layer_of = layers.clone();
    let mut chains: Vec<Vec<usize>> = Vec::with_capacity(edges.len());
    // Adjacent pairs between consecutive layers, upper first.
    let mut links: Vec<(usize, usize)> = Vec::new();
    for edge in &down {
        let mut chain = Vec::new();
        if let Some((upper, lower)) = *edge {
            let (top, bottom) = (at(&layers, upper), at(&layers, lower));
            let mut previous = upper;
            for layer in top + 1..bottom {
                let dummy = layer_of.len();
                layer_of.push(layer);
                chain.push(dummy);
                links.push((previous, dummy));
                previous = dummy;
            }
            links.push((previous, lower));
        }
        chains.push(chain);
    }
    let total = layer_of.len();
    let mut above: Vec<Vec<usize>> = vec![Vec::new(); total];
    let mut below: Vec<Vec<usize>> = vec![Vec::new(); total];
    for &(upper, lower) in &links {
        push(&mut below, upper, lower);
        push(&mut above, lower, upper);
    }

    let mut rows = initial_order(&layer_of, layer_count, &below, graph.start, count);
    order(&mut rows, &above, &below, total);
    let crossings = count_all(&rows, &below, total);

    let widths: Vec<f64> = (0..total)
        .map(|node| {
            if node < count {
                spacing.node_width
            } else {
                spacing.point_width
            }
        })
        .collect();
    let x = coordinates(&rows, &above, &below, &widths, spacing);
    let width = x
        .iter()
        .zip(&widths)
        .map(|(x, w)| x + w / 2.0)
        .fold(0.0_f64, f64::max)
        + spacing.margin;
    let rounded: Vec<i32> = x.iter().map(|&v| pixels(v)).collect();
    let points = chains
        .iter()
        .map(|chain| {
            chain
                .iter()
                .map(|&dummy| (at(&rounded, dummy), at(&layer_of, dummy)))
                .collect()
        })
        .collect();
    Placed {
        layers,
        x: rounded.iter().take(count).copied().collect(),
        points,
        reversed,
        layer_count,
        width: pixels(width),
        crossings,
    }
}

/// Which edges to turn around so that none closes a cycle: those that reach back to a node
/// still on the depth-first search's stack. Iterative, so a long chain cannot overflow.
fn break_cycles(count: usize, edges: &[(usize, usize)], start: usize) -> Vec<bool> {
    let mut out: Vec<Vec<(usize, usize)>> = vec![Vec::new(); count];
    for (index, &(from, to)) in edges.iter().enumerate() {
        if to < count && from != to {
            if let Some(list) = out.get_mut(from) {
                list.push((to, index));
            }
        }
    }
    #[derive(Clone, Copy, PartialEq, Default)]
    enum Mark {
        #[default]
        New,
        OnStack,
        Done,
    }
    let mut mark = vec![Mark::New; count];
    let mut reversed = vec![false; edges.len()];
    let roots = std::iter::once(start)
        .chain(0..count)
        .filter(|&n| n < count);
    for root in roots {
        if at(&mark, root) != Mark::New {
            continue;
        }
        // (node, how many of its edges are done)
        let mut stack = vec![(root, 0usize)];
        put(&mut mark, root, Mark::OnStack);
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&(to, index)) = out.get(node).and_then(|edges| edges.get(*next)) {
                *next += 1;
                match at(&mark, to) {
                    Mark::New => {
                        put(&mut mark, to, Mark::OnStack);
                        stack.push((to, 0));
                    }
                    Mark::OnStack => put(&mut reversed, index, true),
                    Mark::Done => {}
                }
            } else {
                put(&mut mark, node, Mark::Done);
                stack.pop();
            }
        }
    }
    reversed
}

/// Longest-path layers over the acyclic edges, the bottom nodes on one last layer, and nodes
/// with more ways out than in pulled down to just above their nearest successor.
fn assign_layers(
    count: usize,
    down: &[Option<(usize, usize)>],
    start: usize,
    bottom: &[bool],
) -> Vec<usize> {
    let is_bottom = |node: usize| bottom.get(node).copied().unwrap_or(false);
    let mut successors: Vec<Vec<usize>> = vec![Vec::new(); count];
    let mut in_degree = vec![0usize; count];
    for &(from, to) in down.iter().flatten() {
        push(&mut successors, from, to);
        if let Some(degree) = in_degree.get_mut(to) {
            *degree += 1;
        }
    }
    // Kahn's order; a graph without cycles empties the queue. The start goes first so that
    // ties put it on top.
    let mut remaining = in_degree.clone();
    let mut topological = Vec::with_capacity(count);
    let mut ready: std::collections::VecDeque<usize> =
        (0..count).filter(|&n| at(&remaining, n) == 0).collect();
    if let Some(at) = ready.iter().position(|&n| n == start) {
        ready.remove(at);
        ready.push_front(start);
    }
    while let Some(node) = ready.pop_front() {
        topological.push(node);
        for &next in list(&successors, node) {
            if let Some(left) = remaining.get_mut(next) {
                *left = left.saturating_sub(1);
                if *left == 0 {
                    ready.push_back(next);
                }
            }
        }
    }
    let mut layer = vec![0usize; count];
    for &node in &topological {
        let below = at(&layer, node) + 1;
        for &next in list(&successors, node) {
            let deepest = at(&layer, next).max(below);
            put(&mut layer, next, deepest);
        }
    }
    let last = (0..count)
        .filter(|&n| !is_bottom(n))
        .map(|n| at(&layer, n))
        .max()
        .map_or(0, |top| top + 1);
    for (node, slot) in layer.iter_mut().enumerate() {
        if is_bottom(node) {
            *slot = last;
        }
    }
    for &node in topological.iter().rev() {
        let next = list(&successors, node);
        if node == start || is_bottom(node) || next.is_empty() {
            continue;
        }
        if next.len() >= at(&in_degree, node) {
            let here = at(&layer, node);
            let nearest = next
                .iter()
                .map(|&n| at(&layer, n))
                .min()
                .unwrap_or(here + 1);
            put(&mut layer, node, here.max(nearest.saturating_sub(1)));
        }
    }
    layer
}

/// A first order: layer by layer, each node where its first parent sends it (the start
/// first), so that what the search reaches together sits together.
fn initial_order(
    layer_of: &[usize],
    layer_count: usize,
    below: &[Vec<usize>],
    start: usize,
    count: usize,
) -> Vec<Vec<usize>> {
    let total = layer_of.len();
    let mut rank = vec![usize::MAX; total];
    let mut next_rank = 0;
    let mut queue = std::collections::VecDeque::new();
    let roots = std::iter::once(start)
        .filter(|&s| s < count)
        .chain(0..total);
    for root in roots {
        if at(&rank, root) != usize::MAX {
            continue;
        }
        put(&mut rank, root, next_rank);
        next_rank += 1;
        queue.push_back(root);
        while let Some(node) = queue.pop_front() {
            for &next in list(below, node) {
                if at(&rank, next) == usize::MAX {
                    put(&mut rank, next, next_rank);
                    next_rank += 1;
                    queue.push_back(next);
                }
            }
        }
    }
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
    let mut by_rank: Vec<usize> = (0..total).collect();
    sort_by(&mut by_rank, |node| key(at(&rank, node)));
    for node in by_rank {
        push(&mut rows, at(layer_of, node), node);
    }
    rows
}

/// Barycentre sweeps, then neighbour swaps; keeps the best order seen.
fn order(rows: &mut [Vec<usize>], above: &[Vec<usize>], below: &[Vec<usize>], total: usize) {
    let mut position = vec![0usize; total];
    let place = |rows: &[Vec<usize>], position: &mut [usize]| {
        for row in rows {
            for (index, &node) in row.iter().enumerate() {
                put(position, node, index);
            }
        }
    };
    place(rows, &mut position);
    let mut best = rows.to_vec();
    let mut best_crossings = count_all(rows, below, total);
    let rounds = if total > 20_000 { 4 } else { 12 };
    let mut stale = 0;
    for round in 0..rounds {
        if best_crossings == 0 {
            break;
        }
        let downwards = round % 2 == 0;
        let layer_indices = sweep(rows.len(), downwards);
        for layer in layer_indices {
            let neighbours = if downwards { above } else { below };
            let Some(row) = rows.get_mut(layer) else {
                continue;
            };
            // Barycentres in 1/1024ths of a place: whole numbers sort with the same code
            // as every other sort here (one sort routine in the bundle, not one per key
            // type), and equal ones keep their order because the key ends with the place.
            let barycentre = |index: usize, node: usize| -> i64 {
                let near = list(neighbours, node);
                if near.is_empty() {
                    key(index) * 1024
                } else {
                    let sum: usize = near.iter().map(|&n| at(&position, n)).sum();
                    key(sum) * 1024 / key(near.len())
                }
            };
            let keys: Vec<i64> = row
                .iter()
                .enumerate()
                .map(|(index, &node)| barycentre(index, node) * 65_536 + key(index))
                .collect();
            let mut places: Vec<usize> = (0..row.len()).collect();
            sort_by(&mut places, |place| at(&keys, place));
            let before = row.clone();
            for (index, place) in places.into_iter().enumerate() {
                let node = at(&before, place);
                put(row, index, node);
                put(&mut position, node, index);
            }
        }
        if total <= SWAP_LIMIT {
            swap_neighbours(rows, above, below, &mut position);
        }
        let crossings = count_all(rows, below, total);
        if crossings < best_crossings {
            best_crossings = crossings;
            best = rows.to_vec();
            stale = 0;
        } else {
            stale += 1;
            if stale >= 4 {
                break;
            }
        }
    }
    rows.clone_from_slice(&best);
}

/// Swaps neighbours in a layer while that lowers the crossings of their edges (the
/// "transpose" step), a few passes at most.
fn swap_neighbours(
    rows: &mut [Vec<usize>],
    above: &[Vec<usize>],
    below: &[Vec<usize>],
    position: &mut [usize],
) {
    let pair_crossings = |u: usize, v: usize, position: &[usize]| -> usize {
        let mut crossings = 0;
        for side in [above, below] {
            for &a in list(side, u) {
                for &b in list(side, v) {
                    if at(position, a) > at(position, b) {
                        crossings += 1;
                    }
                }
            }
        }
        crossings
    };
    for _ in 0..4 {
        let mut improved = false;
        for row in rows.iter_mut() {
            for index in 1..row.len() {
                let (u, v) = (at(row, index - 1), at(row, index));
                if pair_crossings(v, u, position) < pair_crossings(u, v, position) {
                    row.swap(index - 1, index);
                    put(position, u, index);
                    put(position, v, index - 1);
                    improved = true;
                }
            }
        }
        if !improved {
            break;
        }
    }
}

/// Edge crossings between every pair of consecutive layers: the inversions of the lower ends
/// when the edges are sorted by their upper ends, counted with a Fenwick tree.
pub(crate) fn count_all(rows: &[Vec<usize>], below: &[Vec<usize>], total: usize) -> usize {
    let mut position = vec![0usize; total];
    for row in rows {
        for (index, &node) in row.iter().enumerate() {
            put(&mut position, node, index);
        }
    }
    let mut crossings = 0;
    for pair in rows.windows(2) {
        let [upper, lower] = pair else { continue };
        let mut ends: Vec<usize> = Vec::new();
        // Upper ends in order; within one, lower ends sorted so they do not count.
        for &node in upper {
            let mut targets: Vec<usize> = list(below, node)
                .iter()
                .map(|&n| at(&position, n))
                .collect();
            sort_by(&mut targets, key);
            ends.extend(targets);
        }
        let mut tree = vec![0usize; lower.len() + 1];
        for (seen, &end) in ends.iter().enumerate() {
            // How many earlier ends lie to the right of this one.
            let mut not_greater = 0;
            let mut i = end + 1;
            while i > 0 {
                not_greater += at(&tree, i);
                i -= i & i.wrapping_neg();
            }
            crossings += seen.saturating_sub(not_greater);
            let mut i = end + 1;
            while i < tree.len() {
                if let Some(count) = tree.get_mut(i) {
                    *count += 1;
                }
                i += i & i.wrapping_neg();
            }
        }
    }
    crossings
}

/// Centre x of every node and point: pulled towards its neighbours' mean, a few rounds down
/// and up, keeping order and gaps.
fn coordinates(
    rows: &[Vec<usize>],
    above: &[Vec<usize>],
    below: &[Vec<usize>],
    widths: &[f64],
    spacing: Spacing,
) -> Vec<f64> {
    let total = widths.len();
    let mut x = vec![0.0_f64; total];
    let widest = rows
        .iter()
        .map(|row| row_width(row, widths, spacing.gap))
        .fold(0.0_f64, f64::max);
    // Start with every layer centred.
    for row in rows {
        let mut left = (widest - row_width(row, widths, spacing.gap)) / 2.0;
        for &node in row {
            let width = at(widths, node);
            put(&mut x, node, left + width / 2.0);
            left += width + spacing.gap;
        }
    }
    for round in 0..8 {
        let downwards = round % 2 == 0;
        let layer_indices = sweep(rows.len(), downwards);
        for layer in layer_indices {
            let row = list(rows, layer);
            let neighbours = if downwards { above } else { below };
            let wanted: Vec<f64> = row
                .iter()
                .map(|&node| {
                    let near = list(neighbours, node);
                    if near.is_empty() {
                        at(&x, node)
                    } else {
                        near.iter().map(|&n| at(&x, n)).sum::<f64>() / near.len() as f64
                    }
                })
                .collect();
            let placed = fit(row, &wanted, widths, spacing.gap);
            for (&node, value) in row.iter().zip(placed) {
                put(&mut x, node, value);
            }
        }
    }
    // Shift everything right of the margin.
    let left = rows
        .iter()
        .flat_map(|row| row.first())
        .map(|&node| at(&x, node) - at(widths, node) / 2.0)
        .fold(f64::INFINITY, f64::min);
    if left.is_finite() {
        for value in &mut x {
            *value += spacing.margin - left;
        }
    }
    x
}

/// The layers a sweep visits, in order: from the second down, or from the second-last up
/// (the first layer of a sweep has no neighbours to follow).
fn sweep(layers: usize, downwards: bool) -> Vec<usize> {
    if downwards {
        (1..layers).collect()
    } else {
        (0..layers.saturating_sub(1)).rev().collect()
    }
}

fn row_width(row: &[usize], widths: &[f64], gap: f64) -> f64 {
    row.iter().map(|&n| at(widths, n)).sum::<f64>() + gap * row.len().saturating_sub(1) as f64
}

/// The positions closest to `wanted` that keep the row's order and gaps: the mean of the
/// solution packed from the left and the one packed from the right (both keep every gap, so
/// their mean does too).
fn fit(row: &[usize], wanted: &[f64], widths: &[f64], gap: f64) -> Vec<f64> {
    // The least distance between the centres of each node and the next.
    let apart: Vec<f64> = row
        .windows(2)
        .map(|pair| match pair {
            [a, b] => (at(widths, *a) + at(widths, *b)) / 2.0 + gap,
            _ => gap,
        })
        .collect();
    let mut from_left = wanted.to_vec();
    let mut previous: Option<f64> = None;
    for (i, value) in from_left.iter_mut().enumerate() {
        if let Some(previous) = previous {
            *value = value.max(previous + at(&apart, i.saturating_sub(1)));
        }
        previous = Some(*value);
    }
    let mut from_right = wanted.to_vec();
    let mut next: Option<f64> = None;
    for (i, value) in from_right.iter_mut().enumerate().rev() {
        if let Some(next) = next {
            *value = value.min(next - at(&apart, i));
        }
        next = Some(*value);
    }
    from_left
        .iter()
        .zip(&from_right)
        .map(|(a, b)| (a + b) / 2.0)
        .collect()
}

/// A coordinate in whole pixels; drawings are far smaller than `i32` can hold.
#[allow(clippy::cast_possible_truncation)]
fn pixels(value: f64) -> i32 {
    value
        .round()
        .clamp(f64::from(i32::MIN), f64::from(i32::MAX)) as i32
}
