//! Texts of the learner's pages (catalog, intro, play, embed) and their parts.

use peerpath_engine::{Audience, Outcome, Rating};

crate::strings! {
    /// The learner's pages' texts.
    pub struct Learner {
        catalog_title: &'static str,
        catalog_heading: &'static str,
        catalog_lede: &'static str,
        loading_modules: &'static str,
        catalog_failed: &'static str,
        content_note_lead: &'static str,
        not_started: &'static str,
        in_progress: &'static str,
        author_must_fix: &'static str,
        peer_workers: &'static str,
        supervisors: &'static str,
        teams: &'static str,
        recommended: &'static str,
        acceptable: &'static str,
        risky: &'static str,
        harmful: &'static str,
        strong_outcome: &'static str,
        mixed_outcome: &'static str,
        difficult_outcome: &'static str,
        loading_module: &'static str,
        modules_failed: &'static str,
        module_cannot_open: &'static str,
        not_found_title: &'static str,
        not_found_heading: &'static str,
        address_mistyped: &'static str,
        see_all_modules: &'static str,
        how_to_play: &'static str,
        practice_mode: &'static str,
        assessment_mode: &'static str,
        mode_applies_next: &'static str,
        resume_where_left: &'static str,
        start_over: &'static str,
        play_again: &'static str,
        see_last_debrief: &'static str,
        start_module: &'static str,
        content_note_heading: &'static str,
        intro_pause_hint: &'static str,
        objectives_heading: &'static str,
        newer_version_intro: &'static str,
        run_with_group: &'static str,
        run_with_group_note: &'static str,
        embed_module_link: &'static str,
        cannot_start: &'static str,
        assessment_hint: &'static str,
        what_do_you_do: &'static str,
        your_choice: &'static str,
        see_how_it_ended: &'static str,
        continue_on: &'static str,
        end_of_path: &'static str,
        assessment_ending_note: &'static str,
        back_to_all_modules: &'static str,
        newer_version_play: &'static str,
        pause: &'static str,
        place_kept: &'static str,
        embed_pause_hint: &'static str,
        resume: &'static str,
        start: &'static str,
        not_available: &'static str,
        cancel: &'static str,
        your_decisions: &'static str,
        takeaways: &'static str,
        where_from: &'static str,
        how_things_stand: &'static str,
        to_reflect_on: &'static str,
        reflection_hint: &'static str,
        map_heading: &'static str,
        map_lede: &'static str,
        see_the_map: &'static str,
        ;
        about_minutes: fn(u32) -> String,
        completed_best: fn(&str) -> String,
        cannot_open: fn(&str) -> String,
        translation_problems: fn(&str) -> String,
        /// The module file that failed to load, on the page that wanted it.
        module_file_problems: fn(&str) -> String,
        /// A module id the site does not have.
        no_such_module: fn(&str) -> String,
        /// The heading of the n-th step of play.
        step_heading: fn(usize) -> String,
        /// The engine's reason a step could not be taken.
        step_failed: fn(&str) -> String,
        /// A saved attempt resumed after its first n decisions, the module having changed.
        module_updated: fn(usize) -> String,
        /// The engine's reason a saved place could not be restored.
        not_restored: fn(&str) -> String,
        /// A meter's reading: value, then maximum.
        meter_value: fn(i64, i64) -> String,
    }
}

impl Learner {
    /// Who a module is for, as the catalog names them.
    pub fn audience(&self, audience: Audience) -> &'static str {
        match audience {
            Audience::PeerWorker => self.peer_workers,
            Audience::Supervisor => self.supervisors,
            Audience::Team => self.teams,
        }
    }

    /// A choice's rating as the learner reads it.
    pub fn rating(&self, rating: Rating) -> &'static str {
        match rating {
            Rating::Recommended => self.recommended,
            Rating::Acceptable => self.acceptable,
            Rating::Risky => self.risky,
            Rating::Harmful => self.harmful,
        }
    }

    /// An ending's outcome as its badge reads it.
    pub fn outcome(&self, outcome: Outcome) -> &'static str {
        match outcome {
            Outcome::Strong => self.strong_outcome,
            Outcome::Mixed => self.mixed_outcome,
            Outcome::Difficult => self.difficult_outcome,
        }
    }
}

pub static EN: Learner = Learner {
    catalog_title: "Modules",
    catalog_heading: "Practice modules",
    catalog_lede: "Short scenarios for the judgement calls of peer support work. Each one shows you a situation, asks what you would do, and explains why. Take your time: there is no clock, and you can pause whenever you need to.",
    loading_modules: "Loading modules…",
    catalog_failed: "The list of modules could not be loaded, so there is nothing to show yet.",
    content_note_lead: "Content note: ",
    not_started: "Not started",
    in_progress: "In progress",
    author_must_fix: "This module file has problems its author needs to fix:",
    peer_workers: "Peer workers",
    supervisors: "Supervisors",
    teams: "Teams",
    recommended: "Recommended",
    acceptable: "Acceptable",
    risky: "Risky",
    harmful: "Harmful",
    strong_outcome: "Strong outcome",
    mixed_outcome: "Mixed outcome",
    difficult_outcome: "Difficult outcome",
    loading_module: "Loading the module…",
    modules_failed: "Modules could not be loaded",
    module_cannot_open: "This module can't be opened",
    not_found_title: "Page not found",
    not_found_heading: "We can't find that page",
    address_mistyped: "The address may be mistyped, or the page may have moved.",
    see_all_modules: "See all modules",
    how_to_play: "How do you want to play?",
    practice_mode: " Practice: feedback and ratings after each decision",
    assessment_mode: " Assessment: no feedback, ratings or meters while you play; at the end you see every decision with its rating and feedback",
    mode_applies_next: "The attempt under way keeps the way it began. Your choice applies from your next start.",
    resume_where_left: "Resume where you left off",
    start_over: "Start over",
    play_again: "Play again",
    see_last_debrief: "See your last debrief",
    start_module: "Start the module",
    content_note_heading: "Before you start: content note",
    intro_pause_hint: "You can pause at any moment with “Pause and leave” at the top of the screen. Your place is kept.",
    objectives_heading: "What you will practise",
    newer_version_intro: "Progress in this module was saved by a newer version of PeerPath. It is left untouched; playing here will not save.",
    run_with_group: "Run it with a group (trainer mode)",
    run_with_group_note: " — for a trainer and a projector. It never touches anyone's saved progress.",
    embed_module_link: "Embed this module in another site",
    cannot_start: "This module can't be started",
    assessment_hint: "Assessment mode: feedback on each decision waits for the end.",
    what_do_you_do: "What do you do?",
    your_choice: "Your choice",
    see_how_it_ended: "See how it ended",
    continue_on: "Continue",
    end_of_path: "The end of this path",
    assessment_ending_note: "You played in assessment mode. Here is the feedback on every decision you made, with how each is rated.",
    back_to_all_modules: "Back to all modules",
    newer_version_play: "Progress in this module was saved by a newer version of PeerPath. It is left untouched, and this attempt is not being saved.",
    pause: "Pause",
    place_kept: " (your place is kept)",
    embed_pause_hint: "You can pause at any moment; your place is kept in this browser.",
    resume: "Resume",
    start: "Start",
    not_available: "Not available: ",
    cancel: "Cancel",
    your_decisions: "Your decisions",
    takeaways: "Takeaways",
    where_from: "Where this comes from",
    how_things_stand: "How things stand",
    to_reflect_on: "To reflect on",
    reflection_hint: "Write as much or as little as you like. Your notes are kept on this device as you type, and go with your progress when you export it.",
    map_heading: "Your path, and the roads not taken",
    map_lede: "See the whole scenario as a map: your path through it with your decisions numbered, the recommended path beside it, and the endings you did not reach.",
    see_the_map: "See your path on the map",
    about_minutes: en_about_minutes,
    completed_best: en_completed_best,
    cannot_open: en_cannot_open,
    translation_problems: en_translation_problems,
    module_file_problems: en_module_file_problems,
    no_such_module: en_no_such_module,
    step_heading: en_step_heading,
    step_failed: en_step_failed,
    module_updated: en_module_updated,
    not_restored: en_not_restored,
    meter_value: en_meter_value,
};

fn en_about_minutes(minutes: u32) -> String {
    if minutes == 1 {
        "about 1 minute".to_owned()
    } else {
        format!("about {minutes} minutes")
    }
}

fn en_completed_best(outcome: &str) -> String {
    format!("Completed · best: {}", outcome.to_lowercase())
}

fn en_cannot_open(file: &str) -> String {
    format!("{file} can't be opened")
}

fn en_module_file_problems(file: &str) -> String {
    format!("The module file {file} has problems that its author needs to fix. Everything else on the site still works.")
}

fn en_no_such_module(id: &str) -> String {
    format!("There is no module called “{id}” on this site. It may have been renamed or removed.")
}

fn en_step_heading(step: usize) -> String {
    format!("Step {step}")
}

fn en_step_failed(error: &str) -> String {
    format!("That step could not be taken: {error}.")
}

fn en_module_updated(kept: usize) -> String {
    if kept == 1 {
        "This module was updated since you last played. You resume after your first 1 decision; the rest no longer fit the new version. Your history is kept.".to_owned()
    } else {
        format!("This module was updated since you last played. You resume after your first {kept} decisions; the rest no longer fit the new version. Your history is kept.")
    }
}

fn en_not_restored(error: &str) -> String {
    format!("Your saved place could not be restored ({error}), so this attempt starts from the beginning.")
}

fn en_meter_value(value: i64, max: i64) -> String {
    format!("{value} of {max}")
}

pub static ES: Learner = Learner {
    catalog_title: "Módulos",
    catalog_heading: "Módulos de práctica",
    catalog_lede: "Escenarios breves sobre las decisiones que piden criterio en el trabajo de apoyo entre pares. Cada uno te presenta una situación, te pregunta qué harías y te explica por qué. Tómate tu tiempo: no hay límite de tiempo y puedes hacer una pausa cuando lo necesites.",
    loading_modules: "Cargando los módulos…",
    catalog_failed: "No se pudo cargar la lista de módulos, así que todavía no hay nada que mostrar.",
    content_note_lead: "Aviso de contenido: ",
    not_started: "Sin empezar",
    in_progress: "En curso",
    author_must_fix: "Este archivo de módulo tiene problemas que debe corregir quien lo escribió:",
    peer_workers: "Especialistas de apoyo entre pares",
    supervisors: "Personal de supervisión",
    teams: "Equipos",
    recommended: "Recomendada",
    acceptable: "Aceptable",
    risky: "Arriesgada",
    harmful: "Dañina",
    strong_outcome: "Desenlace sólido",
    mixed_outcome: "Desenlace mixto",
    difficult_outcome: "Desenlace difícil",
    loading_module: "Cargando el módulo…",
    modules_failed: "No se pudieron cargar los módulos",
    module_cannot_open: "No se puede abrir este módulo",
    not_found_title: "Página no encontrada",
    not_found_heading: "No encontramos esa página",
    address_mistyped: "Puede que la dirección tenga un error o que la página se haya movido.",
    see_all_modules: "Ver todos los módulos",
    how_to_play: "¿Cómo quieres hacer el módulo?",
    practice_mode: " Práctica: comentarios y valoraciones después de cada decisión",
    assessment_mode: " Evaluación: sin comentarios, valoraciones ni medidores mientras avanzas; al final ves cada decisión con su valoración y su comentario",
    mode_applies_next: "El intento en curso sigue como empezó. Lo que elijas se aplica a partir de la próxima vez que empieces.",
    resume_where_left: "Retomar donde lo dejaste",
    start_over: "Empezar de nuevo",
    play_again: "Hacer otro intento",
    see_last_debrief: "Ver tu última reflexión final",
    start_module: "Empezar el módulo",
    content_note_heading: "Antes de empezar: aviso de contenido",
    intro_pause_hint: "Puedes hacer una pausa en cualquier momento con “Pausar y salir”, en la parte de arriba de la pantalla. Tu punto de avance se guarda.",
    objectives_heading: "Lo que vas a practicar",
    newer_version_intro: "El progreso de este módulo lo guardó una versión más reciente de PeerPath. Se deja tal cual; lo que hagas aquí no se guardará.",
    run_with_group: "Hacerlo con un grupo (modo de facilitación)",
    run_with_group_note: " — para la persona que facilita y un proyector. Nunca toca el progreso guardado de nadie.",
    embed_module_link: "Insertar este módulo en otro sitio",
    cannot_start: "No se puede empezar este módulo",
    assessment_hint: "Modo de evaluación: los comentarios sobre cada decisión se muestran al final.",
    what_do_you_do: "¿Qué haces?",
    your_choice: "La opción que elegiste",
    see_how_it_ended: "Ver cómo terminó",
    continue_on: "Continuar",
    end_of_path: "El final de este camino",
    assessment_ending_note: "Hiciste este módulo en modo de evaluación. Aquí tienes el comentario sobre cada decisión que tomaste y la valoración de cada una.",
    back_to_all_modules: "Volver a todos los módulos",
    newer_version_play: "El progreso de este módulo lo guardó una versión más reciente de PeerPath. Se deja tal cual, y este intento no se está guardando.",
    pause: "Pausar",
    place_kept: " (tu punto de avance se guarda)",
    embed_pause_hint: "Puedes hacer una pausa en cualquier momento; tu punto de avance se guarda en este navegador.",
    resume: "Retomar",
    start: "Empezar",
    not_available: "No disponible: ",
    cancel: "Cancelar",
    your_decisions: "Tus decisiones",
    takeaways: "Puntos clave",
    where_from: "En qué se basa",
    how_things_stand: "Cómo están las cosas",
    to_reflect_on: "Para reflexionar",
    reflection_hint: "Escribe tanto o tan poco como quieras. Tus notas se guardan en este dispositivo mientras escribes y se incluyen en tu progreso cuando lo exportas.",
    map_heading: "Tu camino y los caminos no tomados",
    map_lede: "Mira todo el escenario como un mapa: tu camino con tus decisiones numeradas, el camino recomendado a su lado y los finales a los que no llegaste.",
    see_the_map: "Ver tu camino en el mapa",
    about_minutes: es_about_minutes,
    completed_best: es_completed_best,
    cannot_open: es_cannot_open,
    translation_problems: es_translation_problems,
    module_file_problems: es_module_file_problems,
    no_such_module: es_no_such_module,
    step_heading: es_step_heading,
    step_failed: es_step_failed,
    module_updated: es_module_updated,
    not_restored: es_not_restored,
    meter_value: es_meter_value,
};

fn es_about_minutes(minutes: u32) -> String {
    if minutes == 1 {
        "alrededor de 1 minuto".to_owned()
    } else {
        format!("alrededor de {minutes} minutos")
    }
}

fn es_completed_best(outcome: &str) -> String {
    format!("Completado · mejor: {}", outcome.to_lowercase())
}

fn es_cannot_open(file: &str) -> String {
    format!("No se puede abrir {file}")
}

fn es_module_file_problems(file: &str) -> String {
    format!("El archivo de módulo {file} tiene problemas que debe corregir quien lo escribió. Todo lo demás del sitio sigue funcionando.")
}

fn es_no_such_module(id: &str) -> String {
    format!("No hay ningún módulo llamado “{id}” en este sitio. Puede que le hayan cambiado el nombre o que lo hayan quitado.")
}

fn es_step_heading(step: usize) -> String {
    format!("Paso {step}")
}

fn es_step_failed(error: &str) -> String {
    format!("No se pudo dar ese paso: {error}.")
}

fn es_module_updated(kept: usize) -> String {
    if kept == 1 {
        "Este módulo se actualizó desde la última vez que lo hiciste. Retomas después de 1 decisión, la primera; las demás ya no encajan con la nueva versión. Tu historial se conserva.".to_owned()
    } else {
        format!("Este módulo se actualizó desde la última vez que lo hiciste. Retomas después de tus primeras {kept} decisiones; las demás ya no encajan con la nueva versión. Tu historial se conserva.")
    }
}

fn es_not_restored(error: &str) -> String {
    format!("No se pudo recuperar tu punto de avance guardado ({error}), así que este intento empieza desde el principio.")
}

fn es_meter_value(value: i64, max: i64) -> String {
    format!("{value} de {max}")
}

fn en_translation_problems(file: &str) -> String {
    format!("Its translation into this language ({file}) could not be used, so it is shown in English. For its author:")
}

fn es_translation_problems(file: &str) -> String {
    format!("Su traducción a este idioma ({file}) no se pudo usar, así que se muestra en inglés. Para quien la escribió:")
}
