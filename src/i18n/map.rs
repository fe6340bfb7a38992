//! Texts of the scenario map, which every page with a debrief, the trainer's presenter screen
//! and the author preview draw.

crate::strings! {
    /// The scenario map's texts.
    pub struct MapTexts {
        show_list: &'static str,
        show_map: &'static str,
        zoom_in: &'static str,
        zoom_out: &'static str,
        keys_hint: &'static str,
        routing: &'static str,
        unreachable: &'static str,
        dead_end: &'static str,
        on_trail: &'static str,
        now: &'static str,
        group_is_here: &'static str,
        on_recommended: &'static str,
        not_reached: &'static str,
        leads_nowhere: &'static str,
        legend_heading: &'static str,
        legend_trail: &'static str,
        legend_recommended: &'static str,
        legend_back: &'static str,
        legend_shapes: &'static str,
        legend_faded: &'static str,
        outline_routes: &'static str,
        otherwise: &'static str,
        preview_heading: &'static str,
        preview_lede: &'static str,
        fix_errors_first: &'static str,
        problems_here: &'static str,
        presenter_heading: &'static str,
        presenter_lede: &'static str,
        group_not_here: &'static str,
        path_how: &'static str,
        on_the_map: &'static str,
        ;
        decision: fn(usize) -> String,
        problems: fn(usize) -> String,
        steps: fn(&str) -> String,
        leads_to: fn(&str) -> String,
        choice_leads: fn(&str, &str) -> String,
        route_leads: fn(&str, &str) -> String,
        ending: fn(&str) -> String,
        chosen_at: fn(&str) -> String,
        jump_to: fn(usize) -> String,
        path_heading: fn(&str) -> String,
        path_played: fn(&str, &str) -> String,
        no_path: fn(&str) -> String,
    }
}

pub static EN: MapTexts = MapTexts {
    show_list: "Show as a list",
    show_map: "Show as a map",
    zoom_in: "Zoom in",
    zoom_out: "Zoom out",
    keys_hint: "In the map, the arrow keys follow the arrows: down to where a way leads, up to where it came from, left and right between the other ways. Enter or Space selects a scene.",
    routing: "Routing: the story decides",
    unreachable: "Unreachable",
    dead_end: "Dead end",
    on_trail: "on the path taken",
    now: "Now",
    group_is_here: "the group is here",
    on_recommended: "on the recommended path",
    not_reached: "not reached",
    leads_nowhere: "leads nowhere",
    legend_heading: "How to read the map, and move around it with the keyboard",
    legend_trail: "Thick dark line and numbered scenes: the path taken",
    legend_recommended: "Wide pale band: the recommended path, choosing the best-rated option each time",
    legend_back: "Arrow pointing up: a way back to an earlier scene",
    legend_shapes: "Square corners: a decision; rounded and dashed: the story routes on what happened; double border: an ending",
    legend_faded: "Faded, with a dashed border: endings not reached",
    outline_routes: "The story goes on:",
    otherwise: "otherwise",
    preview_heading: "Map of the module",
    preview_lede: "Every scene and ending, from the start at the top to the endings at the bottom. Scenes nobody can reach, dead ends and scenes with a problem are marked. Select a scene to read it with its choices.",
    fix_errors_first: "No map yet: the file does not read as a module. Fix the first error above, then open it again.",
    problems_here: "What the checker says about this scene",
    presenter_heading: "Map of the session",
    presenter_lede: "Where the group is, and the path so far. Select a scene the group has passed to take it back there. The room never sees this map.",
    group_not_here: "The group has not decided here yet.",
    path_how: "Your path is the thick line, with your decisions numbered. The pale band is the recommended path, and the endings you did not reach are faded. Select a scene to see its choices, the one you took and where each one leads.",
    on_the_map: "See this path on the map",
    decision: en_decision,
    problems: en_problems,
    steps: en_steps,
    leads_to: en_leads_to,
    choice_leads: en_choice_leads,
    route_leads: en_route_leads,
    ending: en_ending,
    chosen_at: en_chosen_at,
    jump_to: en_jump_to,
    path_heading: en_path_heading,
    path_played: en_path_played,
    no_path: en_no_path,
};

fn en_decision(choices: usize) -> String {
    if choices == 1 {
        "Decision, 1 choice".to_owned()
    } else {
        format!("Decision, {choices} choices")
    }
}

fn en_problems(count: usize) -> String {
    if count == 1 {
        "1 problem".to_owned()
    } else {
        format!("{count} problems")
    }
}

fn en_steps(steps: &str) -> String {
    format!("step {steps}")
}

fn en_leads_to(targets: &str) -> String {
    format!("leads to {targets}")
}

fn en_choice_leads(label: &str, target: &str) -> String {
    format!("“{label}” leads to {target}")
}

fn en_route_leads(condition: &str, target: &str) -> String {
    format!("if {condition}: {target}")
}

fn en_ending(outcome: &str) -> String {
    format!("Ending: {outcome}")
}

pub static ES: MapTexts = MapTexts {
    show_list: "Ver como lista",
    show_map: "Ver como mapa",
    zoom_in: "Acercar",
    zoom_out: "Alejar",
    keys_hint: "En el mapa, las flechas del teclado siguen las flechas: abajo, hacia donde lleva un camino; arriba, de donde viene; izquierda y derecha, entre los otros caminos. Intro o Espacio selecciona una escena.",
    routing: "Desvío: la historia decide",
    unreachable: "Inalcanzable",
    dead_end: "Sin salida",
    on_trail: "en el camino recorrido",
    now: "Ahora",
    group_is_here: "el grupo está aquí",
    on_recommended: "en el camino recomendado",
    not_reached: "no alcanzado",
    leads_nowhere: "no lleva a ninguna parte",
    legend_heading: "Cómo leer el mapa y recorrerlo con el teclado",
    legend_trail: "Línea oscura gruesa y escenas numeradas: el camino recorrido",
    legend_recommended: "Franja ancha y clara: el camino recomendado, eligiendo cada vez la opción mejor valorada",
    legend_back: "Flecha hacia arriba: un camino de vuelta a una escena anterior",
    legend_shapes: "Esquinas rectas: una decisión; redondeada y con guiones: la historia sigue según lo que pasó; borde doble: un final",
    legend_faded: "Atenuados y con borde de guiones: finales no alcanzados",
    outline_routes: "La historia sigue:",
    otherwise: "si no",
    preview_heading: "Mapa del módulo",
    preview_lede: "Todas las escenas y los finales, desde el inicio arriba hasta los finales abajo. Se marcan las escenas a las que nadie puede llegar, las que no tienen salida y las que tienen algún problema. Selecciona una escena para leerla con sus opciones.",
    fix_errors_first: "Todavía no hay mapa: el archivo no se lee como un módulo. Corrige el primer error de arriba y vuelve a abrirlo.",
    problems_here: "Lo que dice el verificador sobre esta escena",
    presenter_heading: "Mapa de la sesión",
    presenter_lede: "Dónde está el grupo y el camino recorrido hasta ahora. Selecciona una escena por la que el grupo ya pasó para volver allí. El público nunca ve este mapa.",
    group_not_here: "El grupo todavía no ha decidido aquí.",
    path_how: "Tu camino es la línea gruesa, con tus decisiones numeradas. La franja clara es el camino recomendado, y los finales a los que no llegaste aparecen atenuados. Selecciona una escena para ver sus opciones, la que elegiste y adónde lleva cada una.",
    on_the_map: "Ver este camino en el mapa",
    decision: es_decision,
    problems: es_problems,
    steps: es_steps,
    leads_to: es_leads_to,
    choice_leads: es_choice_leads,
    route_leads: es_route_leads,
    ending: es_ending,
    chosen_at: es_chosen_at,
    jump_to: es_jump_to,
    path_heading: es_path_heading,
    path_played: es_path_played,
    no_path: es_no_path,
};

fn es_decision(choices: usize) -> String {
    if choices == 1 {
        "Decisión, 1 opción".to_owned()
    } else {
        format!("Decisión, {choices} opciones")
    }
}

fn es_problems(count: usize) -> String {
    if count == 1 {
        "1 problema".to_owned()
    } else {
        format!("{count} problemas")
    }
}

fn es_steps(steps: &str) -> String {
    format!("paso {steps}")
}

fn es_leads_to(targets: &str) -> String {
    format!("lleva a {targets}")
}

fn es_choice_leads(label: &str, target: &str) -> String {
    format!("«{label}» lleva a {target}")
}

fn es_route_leads(condition: &str, target: &str) -> String {
    format!("si {condition}: {target}")
}

fn es_ending(outcome: &str) -> String {
    format!("Final: {outcome}")
}

fn en_chosen_at(steps: &str) -> String {
    format!("chosen at step {steps}")
}

fn es_chosen_at(steps: &str) -> String {
    format!("elegida en el paso {steps}")
}

fn en_jump_to(step: usize) -> String {
    format!("Take the group back to step {step}")
}

fn es_jump_to(step: usize) -> String {
    format!("Volver con el grupo al paso {step}")
}

fn en_path_heading(title: &str) -> String {
    format!("Your path through {title}")
}

fn es_path_heading(title: &str) -> String {
    format!("Tu camino en {title}")
}

fn en_path_played(date: &str, ending: &str) -> String {
    format!("Played to the end on {date}: “{ending}”.")
}

fn es_path_played(date: &str, ending: &str) -> String {
    format!("Terminado el {date}: «{ending}».")
}

fn en_no_path(title: &str) -> String {
    format!("You have not played “{title}” to an ending yet. The map of your path appears here once you have.")
}

fn es_no_path(title: &str) -> String {
    format!("Todavía no has llegado a un final de «{title}». El mapa de tu camino aparecerá aquí cuando llegues.")
}
