//! Texts of a package's launch page (SCORM, cmi5): connecting to the learning platform and
//! what it says about the attempt. What the platform itself answered (an error code, a
//! missing launch parameter) stays in English, marked `lang="en"`: it is for whoever runs the
//! platform.

crate::strings! {
    /// The launch page's texts.
    pub struct Launch {
        connecting: &'static str,
        browse_only: &'static str,
        no_platform: &'static str,
        start_from_beginning: &'static str,
        newer_record: &'static str,
        opening_place: &'static str,
        content_note_heading: &'static str,
        pause_platform: &'static str,
        pause_browser: &'static str,
        resume: &'static str,
        start: &'static str,
        return_to_course: &'static str,
        pause: &'static str,
        place_kept: &'static str,
        place_not_saved_yet: &'static str,
        not_confirmed: &'static str,
        ;
        /// The standard's name (SCORM 1.2, SCORM 2004, cmi5).
        reported_to: fn(&str) -> String,
        /// Why, in English.
        unreadable_place: fn(&str) -> String,
        /// Records not yet confirmed.
        waiting: fn(usize) -> String,
        /// What went wrong.
        reporting_problem: fn(&str) -> String,
        /// Why, in English.
        launch_unusable: fn(&str) -> String,
    }
}

pub static EN: Launch = Launch {
    connecting: "Connecting to your learning platform…",
    browse_only: "Your learning platform opened this module to look through (browse or review): nothing you do here is recorded.",
    no_platform: "No learning platform found: this play is not reported anywhere, and your place is kept in this browser only.",
    start_from_beginning: "Start from the beginning (replaces the saved place)",
    newer_record: "This browser holds progress for this module saved by a newer version of PeerPath, so this package cannot keep your place. Nothing has been changed. Please ask your training lead for the current version of the course.",
    opening_place: "Opening your place…",
    content_note_heading: "Before you start: content note",
    pause_platform: "You can pause at any moment: your place is kept by your learning platform, and you can close this window once you have paused.",
    pause_browser: "You can pause at any moment; your place is kept in this browser.",
    resume: "Resume",
    start: "Start",
    return_to_course: "Return to your course",
    pause: "Pause",
    place_kept: " (your place is kept)",
    place_not_saved_yet: "your place could not be saved with the learning platform yet; trying again",
    not_confirmed: "the LMS did not confirm it saved the last step",
    reported_to: en_reported_to,
    unreadable_place: en_unreadable_place,
    waiting: en_waiting,
    reporting_problem: en_reporting_problem,
    launch_unusable: en_launch_unusable,
};

fn en_reported_to(standard: &str) -> String {
    format!("Your progress is reported to your organization's learning platform ({standard}).")
}

fn en_unreadable_place(reason: &str) -> String {
    format!("Your learning platform kept a saved place that PeerPath cannot read: {reason}. Nothing has been changed.")
}

fn en_waiting(records: usize) -> String {
    if records == 1 {
        " 1 record waiting to be sent; it is kept in this browser until the platform confirms."
            .to_owned()
    } else {
        format!(" {records} records waiting to be sent; they are kept in this browser until the platform confirms.")
    }
}

fn en_reporting_problem(problem: &str) -> String {
    format!(" Something went wrong reporting ({problem}); tell your training lead.")
}

fn en_launch_unusable(problem: &str) -> String {
    format!(" The learning platform's launch could not be used: {problem}.")
}

pub static ES: Launch = Launch {
    connecting: "Conectando con tu plataforma de aprendizaje…",
    browse_only: "Tu plataforma de aprendizaje abrió este módulo solo para consultarlo (exploración o revisión): nada de lo que hagas aquí queda registrado.",
    no_platform: "No se encontró ninguna plataforma de aprendizaje: este intento no se informa a ningún lugar, y tu punto de avance se guarda solo en este navegador.",
    start_from_beginning: "Empezar desde el principio (reemplaza el punto de avance guardado)",
    newer_record: "Este navegador tiene progreso de este módulo guardado por una versión más reciente de PeerPath, así que este paquete no puede guardar tu punto de avance. No se cambió nada. Pide a la persona responsable de tu formación la versión actual del curso.",
    opening_place: "Abriendo tu punto de avance…",
    content_note_heading: "Antes de empezar: aviso de contenido",
    pause_platform: "Puedes hacer una pausa en cualquier momento: tu plataforma de aprendizaje guarda tu punto de avance, y puedes cerrar esta ventana después de hacer la pausa.",
    pause_browser: "Puedes hacer una pausa en cualquier momento; tu punto de avance se guarda en este navegador.",
    resume: "Retomar",
    start: "Empezar",
    return_to_course: "Volver a tu curso",
    pause: "Pausar",
    place_kept: " (tu punto de avance se guarda)",
    place_not_saved_yet: "todavía no se pudo guardar tu punto de avance en la plataforma de aprendizaje; se está intentando de nuevo",
    not_confirmed: "la plataforma de aprendizaje no confirmó que guardó el último paso",
    reported_to: es_reported_to,
    unreadable_place: es_unreadable_place,
    waiting: es_waiting,
    reporting_problem: es_reporting_problem,
    launch_unusable: es_launch_unusable,
};

fn es_reported_to(standard: &str) -> String {
    format!(
        "Tu progreso se informa a la plataforma de aprendizaje de tu organización ({standard})."
    )
}

fn es_unreadable_place(reason: &str) -> String {
    format!("Tu plataforma de aprendizaje guardó un punto de avance que PeerPath no puede leer: {reason}. No se cambió nada.")
}

fn es_waiting(records: usize) -> String {
    if records == 1 {
        " 1 registro pendiente de envío; se guarda en este navegador hasta que la plataforma lo confirme."
            .to_owned()
    } else {
        format!(" {records} registros pendientes de envío; se guardan en este navegador hasta que la plataforma los confirme.")
    }
}

fn es_reporting_problem(problem: &str) -> String {
    format!(" Algo salió mal al informar tu progreso ({problem}); avísale a la persona responsable de tu formación.")
}

fn es_launch_unusable(problem: &str) -> String {
    format!(" No se pudo usar el inicio que envió la plataforma de aprendizaje: {problem}.")
}
