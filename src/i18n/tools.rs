//! Texts of the tools page: My progress, the completion summary, trainer mode and the audience
//! view, the embed snippet and the author preview; also what storage and a download say when
//! they fail, and durations and dates in words.

crate::strings! {
    /// The tools page's texts.
    pub struct Tools {
        // My progress.
        progress_title: &'static str,
        progress_lede: &'static str,
        export_started: &'static str,
        file_unreadable: &'static str,
        all_reset: &'static str,
        take_progress_with_you: &'static str,
        import_file: &'static str,
        import_hint: &'static str,
        start_afresh: &'static str,
        reset_all: &'static str,
        reset_all_question: &'static str,
        reset_all_confirm: &'static str,
        loading_the_modules: &'static str,
        mode_assessment: &'static str,
        mode_practice: &'static str,
        record_unreadable: &'static str,
        completed_best_lead: &'static str,
        open_module: &'static str,
        completion_summary: &'static str,
        reset_module: &'static str,
        reset_module_confirm: &'static str,
        finished_attempts: &'static str,
        col_date: &'static str,
        col_ending: &'static str,
        col_outcome: &'static str,
        col_decisions: &'static str,
        col_time_spent: &'static str,
        col_mode: &'static str,
        col_path: &'static str,
        your_choices: &'static str,
        // Completion summary.
        name_label: &'static str,
        name_hint: &'static str,
        fact_name: &'static str,
        fact_module: &'static str,
        fact_completed_on: &'static str,
        fact_latest_outcome: &'static str,
        fact_latest_mode: &'static str,
        latest_in_assessment: &'static str,
        latest_in_practice: &'static str,
        fact_assessment_attempts: &'static str,
        fact_best: &'static str,
        fact_attempts: &'static str,
        fact_time: &'static str,
        practises: &'static str,
        print_summary: &'static str,
        back_to_progress: &'static str,
        // Trainer mode.
        open_audience: &'static str,
        fold_notes: &'static str,
        blank_screen: &'static str,
        hold_feedback: &'static str,
        what_room_sees: &'static str,
        presenter_panel: &'static str,
        print_session: &'static str,
        end_session: &'static str,
        leave_trainer: &'static str,
        keys_heading: &'static str,
        key_next_keys: &'static str,
        key_next: &'static str,
        key_back_keys: &'static str,
        key_back: &'static str,
        key_number: &'static str,
        key_votes: &'static str,
        key_reveal: &'static str,
        key_blank: &'static str,
        key_hold: &'static str,
        key_notes: &'static str,
        key_timer: &'static str,
        key_escape: &'static str,
        timer_start: &'static str,
        timer_reset: &'static str,
        timer_pause: &'static str,
        jump_back: &'static str,
        facilitator_notes: &'static str,
        ask_the_room: &'static str,
        options_caption: &'static str,
        col_option: &'static str,
        col_votes: &'static str,
        col_take: &'static str,
        hide_tally: &'static str,
        show_tally: &'static str,
        back: &'static str,
        groups_choice: &'static str,
        feedback_on_reveal: &'static str,
        feedback_revealed: &'static str,
        reveal_feedback: &'static str,
        go_to_ending: &'static str,
        continue_on: &'static str,
        session_summary: &'static str,
        votes_lead: &'static str,
        recommended_lead: &'static str,
        // What the room sees (the stage) and the audience view.
        blank_screen_label: &'static str,
        what_would_you_do: &'static str,
        not_available: &'static str,
        group_chose: &'static str,
        talk_it_over: &'static str,
        end_of_path: &'static str,
        groups_decisions: &'static str,
        to_discuss: &'static str,
        waiting_for_trainer: &'static str,
        stage_parts: &'static str,
        previous_part: &'static str,
        next_part: &'static str,
        room_parts: &'static str,
        // The embed snippet.
        embed_intro: &'static str,
        snippet_label: &'static str,
        embed_language: &'static str,
        embed_language_learner: &'static str,
        no_origins: &'static str,
        // The author preview.
        preview_title: &'static str,
        preview_lede: &'static str,
        choose_file: &'static str,
        checking_file: &'static str,
        no_problems: &'static str,
        // Storage, downloads, dates.
        ;
        /// A reset module's title.
        module_reset: fn(&str) -> String,
        /// Ids of modules this site does not offer, already joined.
        elsewhere: fn(&str) -> String,
        /// Modules, attempts and notes an import added.
        import_summary: fn(usize, usize, usize) -> String,
        /// Ids of modules whose place here was newer, already joined.
        import_kept_newer: fn(&str) -> String,
        at_step: fn(usize) -> String,
        reflection_notes: fn(usize) -> String,
        reset_module_question: fn(&str) -> String,
        /// Whole minutes; 0 is "under a minute".
        duration: fn(u64) -> String,
        summary_title: fn(&str) -> String,
        not_completed: fn(&str) -> String,
        trainer_title: fn(&str) -> String,
        trainer_heading: fn(&str) -> String,
        /// Seconds on the discussion timer.
        discussion_time: fn(u64) -> String,
        /// The engine's reason, in English.
        session_misfit: fn(&str) -> String,
        /// The scene's id.
        leads_to_scene: fn(&str) -> String,
        /// The ending's title.
        leads_to_ending: fn(&str) -> String,
        /// A step and its scene's id.
        step_scene: fn(usize, &str) -> String,
        step_notes: fn(usize) -> String,
        not_available_now: fn(&str) -> String,
        votes_for_option: fn(usize) -> String,
        vote_for_option: fn(usize) -> String,
        group_takes: fn(usize) -> String,
        summary_step_chose: fn(usize) -> String,
        /// An option's number and its votes.
        option_votes: fn(usize, u32) -> String,
        step: fn(usize) -> String,
        /// The engine's reason, in English.
        session_unshowable: fn(&str) -> String,
        vote_count: fn(u32) -> String,
        /// The part of a long screen on view, and how many there are.
        part_of: fn(usize, usize) -> String,
        /// The part of a long screen the room sees, and how many there are (the presenter's).
        room_sees_part: fn(usize, usize) -> String,
        embed_title: fn(&str) -> String,
        embed_heading: fn(&str) -> String,
        /// Origins, already joined.
        events_only_to: fn(&str) -> String,
        file_not_text: fn(&str) -> String,
        /// The file's name, and the reader's reason in English.
        file_not_checked: fn(&str, &str) -> String,
        warnings_only: fn(usize) -> String,
        errors_to_fix: fn(usize) -> String,
        play_module: fn(&str) -> String,
        /// The browser's name for the refusal.
        /// The module, and the serializer's words.
        /// The parser's words.
        import_unreadable: fn(&str) -> String,
        /// The engine's reason, in English.
        import_refused: fn(&str) -> String,
        import_newer: fn(&str) -> String,
    }
}

pub static EN: Tools = Tools {
    progress_title: "My progress",
    progress_lede: "Everything here is kept in this browser on this device, nowhere else. Export it to keep a copy or to carry on somewhere else.",
    export_started: "Your progress file is downloading. Keep it somewhere safe; it holds your notes too.",
    file_unreadable: "That file could not be read. Nothing was changed.",
    all_reset: "All progress on this device was reset.",
    take_progress_with_you: "Take your progress with you",
    import_file: "Import a progress file",
    import_hint: "Importing adds to what is here: newer notes and places win, older ones never replace them.",
    start_afresh: "Start afresh",
    reset_all: "Reset all my progress",
    reset_all_question: "This removes every module's progress and notes from this browser. Export first if you may want them back. Reset everything?",
    reset_all_confirm: "Yes, reset everything",
    loading_the_modules: "Loading the modules…",
    mode_assessment: "Assessment",
    mode_practice: "Practice",
    record_unreadable: "The progress saved for this module could not be read here (it may come from a newer PeerPath). It is kept untouched.",
    completed_best_lead: "Completed · best: ",
    open_module: "Open the module",
    completion_summary: "Completion summary",
    reset_module: "Reset this module",
    reset_module_confirm: "Yes, reset it",
    finished_attempts: "Finished attempts",
    col_date: "Date",
    col_ending: "Ending",
    col_outcome: "Outcome",
    col_decisions: "Decisions",
    col_time_spent: "Time spent",
    col_mode: "Mode",
    col_path: "Path",
    your_choices: "Your choices",
    name_label: "Your name, as it should appear on the printout",
    name_hint: "Your name is not saved anywhere; it is only put on this page.",
    fact_name: "Name",
    fact_module: "Module",
    fact_completed_on: "Completed on",
    fact_latest_outcome: "Outcome of the latest attempt",
    fact_latest_mode: "Latest attempt played in",
    latest_in_assessment: "assessment mode (feedback held until the end)",
    latest_in_practice: "practice mode (feedback after each decision)",
    fact_assessment_attempts: "Attempts in assessment mode",
    fact_best: "Best outcome",
    fact_attempts: "Attempts finished",
    fact_time: "Time spent, all attempts",
    practises: "What this module practises",
    print_summary: "Print this summary",
    back_to_progress: "Back to my progress",
    open_audience: "Open the audience window",
    fold_notes: "Fold notes (N)",
    blank_screen: "Blank the screen (B)",
    hold_feedback: "Hold feedback to the end (H)",
    what_room_sees: "What the room sees",
    presenter_panel: "Presenter notes and controls",
    print_session: "Print the session summary",
    end_session: "End and start a new session",
    leave_trainer: "Leave trainer mode",
    keys_heading: "Keyboard and clicker",
    key_next_keys: "→, Page Down, Space",
    key_next: "next: the room's next part, show the votes, reveal the feedback, move on",
    key_back_keys: "←, Page Up",
    key_back: "back: the room's previous part, or one step",
    key_number: "the group takes that option",
    key_votes: "show or hide the vote tally",
    key_reveal: "reveal the feedback",
    key_blank: "blank the room's screen, or bring it back",
    key_hold: "hold feedback and ratings until the ending (assessment), or not",
    key_notes: "fold the notes away or back (one screen)",
    key_timer: "start, pause or reset the discussion timer",
    key_escape: "leave a vote count field, so these keys work again",
    timer_start: "Start discussion timer (T)",
    timer_reset: "Reset timer (T)",
    timer_pause: "Pause timer (T)",
    jump_back: "Go back to an earlier step (what if?)",
    facilitator_notes: "Facilitator notes",
    ask_the_room: "Ask the room",
    options_caption: "Options, where they lead, and the room's votes",
    col_option: "Option",
    col_votes: "Votes",
    col_take: "Take it",
    hide_tally: "Hide the tally (V)",
    show_tally: "Show the tally to the room (V)",
    back: "Back (←)",
    groups_choice: "The group's choice",
    feedback_on_reveal: "Feedback (the room sees it when you reveal it)",
    feedback_revealed: "Feedback revealed",
    reveal_feedback: "Reveal the feedback (R)",
    go_to_ending: "Go to the ending (→)",
    continue_on: "Continue (→)",
    session_summary: "Session summary",
    votes_lead: "Votes: ",
    recommended_lead: "Recommended: ",
    blank_screen_label: "The screen is blank while the group talks",
    what_would_you_do: "What would you do?",
    not_available: " — not available: ",
    group_chose: "The group chose",
    talk_it_over: "Talk it over: what do you expect to happen next?",
    end_of_path: "The end of this path",
    groups_decisions: "The group's decisions",
    to_discuss: "To discuss",
    waiting_for_trainer: "Waiting for the trainer to start…",
    stage_parts: "Parts of this screen",
    previous_part: "Previous part",
    next_part: "Next part",
    room_parts: "Parts of the room's screen",
    embed_intro: "Paste this into a page of your intranet. The module runs inside the frame, the frame grows and shrinks with it, and your page can listen for its events (see the embedding guide in the docs folder).",
    snippet_label: "Snippet to copy",
    embed_language: "Language of the embedded module",
    embed_language_learner: "Each learner's own",
    no_origins: "No page is named in allowed_parent_origins in site.toml yet, so an embedding page hears only that the module is ready and how tall it is, never what the learner does. To receive decisions and completions, add your intranet's origin to site.toml beside index.html, for example:",
    preview_title: "Preview a module file",
    preview_lede: "Open a module file from this computer to see what the checker says and to play it. The file stays on this computer: nothing is uploaded, and playing it here saves nothing.",
    choose_file: "Choose a module file (.toml), or drop one here",
    checking_file: "Checking the file…",
    no_problems: "The checker found no problems.",
    module_reset: en_module_reset,
    elsewhere: en_elsewhere,
    import_summary: en_import_summary,
    import_kept_newer: en_import_kept_newer,
    at_step: en_at_step,
    reflection_notes: en_reflection_notes,
    reset_module_question: en_reset_module_question,
    duration: en_duration,
    summary_title: en_summary_title,
    not_completed: en_not_completed,
    trainer_title: en_trainer_title,
    trainer_heading: en_trainer_heading,
    discussion_time: en_discussion_time,
    session_misfit: en_session_misfit,
    leads_to_scene: en_leads_to_scene,
    leads_to_ending: en_leads_to_ending,
    step_scene: en_step_scene,
    step_notes: en_step_notes,
    not_available_now: en_not_available_now,
    votes_for_option: en_votes_for_option,
    vote_for_option: en_vote_for_option,
    group_takes: en_group_takes,
    summary_step_chose: en_summary_step_chose,
    option_votes: en_option_votes,
    step: en_step,
    session_unshowable: en_session_unshowable,
    vote_count: en_vote_count,
    part_of: en_part_of,
    room_sees_part: en_room_sees_part,
    embed_title: en_embed_title,
    embed_heading: en_embed_heading,
    events_only_to: en_events_only_to,
    file_not_text: en_file_not_text,
    file_not_checked: en_file_not_checked,
    warnings_only: en_warnings_only,
    errors_to_fix: en_errors_to_fix,
    play_module: en_play_module,
    import_unreadable: en_import_unreadable,
    import_refused: en_import_refused,
    import_newer: en_import_newer,
};

fn en_module_reset(title: &str) -> String {
    format!("Progress in “{title}” was reset.")
}

fn en_elsewhere(ids: &str) -> String {
    format!("This device also holds progress for modules not on this site: {ids}. It is kept, and included when you export.")
}

fn en_import_summary(modules: usize, attempts: usize, notes: usize) -> String {
    let modules = if modules == 1 {
        "1 module".to_owned()
    } else {
        format!("{modules} modules")
    };
    let attempts = if attempts == 1 {
        "1 new attempt".to_owned()
    } else {
        format!("{attempts} new attempts")
    };
    let notes = if notes == 1 {
        "1 note".to_owned()
    } else {
        format!("{notes} notes")
    };
    format!("Imported progress for {modules}: {attempts}, {notes} added or updated.")
}

fn en_import_kept_newer(ids: &str) -> String {
    format!(" Your place on this device was newer in {ids} and was kept.")
}

fn en_at_step(step: usize) -> String {
    format!("In progress: at step {step}")
}

fn en_reflection_notes(notes: usize) -> String {
    if notes == 1 {
        "1 reflection note saved.".to_owned()
    } else {
        format!("{notes} reflection notes saved.")
    }
}

fn en_reset_module_question(title: &str) -> String {
    format!("This removes your progress and notes for “{title}” from this browser. Reset it?")
}

fn en_duration(minutes: u64) -> String {
    match minutes {
        0 => "under a minute".to_owned(),
        1 => "1 minute".to_owned(),
        n => format!("{n} minutes"),
    }
}

fn en_summary_title(title: &str) -> String {
    format!("Completion summary: {title}")
}

fn en_not_completed(title: &str) -> String {
    format!("“{title}” has not been completed on this device yet.")
}

fn en_trainer_title(title: &str) -> String {
    format!("Trainer: {title}")
}

fn en_trainer_heading(title: &str) -> String {
    format!("Trainer mode: {title}")
}

fn en_discussion_time(seconds: u64) -> String {
    format!("Discussion: {}:{:02}", seconds / 60, seconds % 60)
}

fn en_session_misfit(error: &str) -> String {
    format!("This session no longer fits the module ({error}). End it and start a new one.")
}

fn en_leads_to_scene(scene: &str) -> String {
    format!("Leads to scene “{scene}”")
}

fn en_leads_to_ending(ending: &str) -> String {
    format!("Leads to ending “{ending}”")
}

fn en_step_scene(step: usize, scene: &str) -> String {
    format!("Step {step}: {scene}")
}

fn en_step_notes(step: usize) -> String {
    format!("Step {step}: notes")
}

fn en_not_available_now(reason: &str) -> String {
    format!(" · not available now: {reason}")
}

fn en_votes_for_option(option: usize) -> String {
    format!("Votes for option {option}")
}

fn en_vote_for_option(option: usize) -> String {
    format!(" vote for option {option}")
}

fn en_group_takes(option: usize) -> String {
    format!("Group takes {option}")
}

fn en_summary_step_chose(step: usize) -> String {
    format!("Step {step}: the group chose ")
}

fn en_option_votes(option: usize, votes: u32) -> String {
    if votes == 1 {
        format!("option {option}: 1 vote")
    } else {
        format!("option {option}: {votes} votes")
    }
}

fn en_step(step: usize) -> String {
    format!("Step {step}")
}

fn en_session_unshowable(error: &str) -> String {
    format!("This session cannot be shown: {error}.")
}

fn en_vote_count(votes: u32) -> String {
    if votes == 1 {
        "1 vote".to_owned()
    } else {
        format!("{votes} votes")
    }
}

fn en_part_of(part: usize, parts: usize) -> String {
    format!("Part {part} of {parts}")
}

fn en_room_sees_part(part: usize, parts: usize) -> String {
    format!("The room sees part {part} of {parts}")
}

fn en_embed_title(title: &str) -> String {
    format!("Embed: {title}")
}

fn en_embed_heading(title: &str) -> String {
    format!("Embed “{title}”")
}

fn en_events_only_to(origins: &str) -> String {
    format!("Events go only to: {origins}.")
}

fn en_file_not_text(file: &str) -> String {
    format!("{file} could not be read as text.")
}

fn en_file_not_checked(file: &str, reason: &str) -> String {
    format!("{file} could not be checked: {reason}.")
}

fn en_warnings_only(warnings: usize) -> String {
    if warnings == 1 {
        "No errors; 1 warning to look at before publishing.".to_owned()
    } else {
        format!("No errors; {warnings} warnings to look at before publishing.")
    }
}

fn en_errors_to_fix(errors: usize) -> String {
    if errors == 1 {
        "1 error to fix before this module can be played.".to_owned()
    } else {
        format!("{errors} errors to fix before this module can be played.")
    }
}

fn en_play_module(title: &str) -> String {
    format!("Play “{title}”")
}

fn en_import_unreadable(detail: &str) -> String {
    format!("That file could not be read as PeerPath progress ({detail}). Nothing was changed.")
}

fn en_import_refused(reason: &str) -> String {
    // The engine's reason starts in lower case; here it starts the sentence.
    let mut text = reason.to_owned();
    if let Some(first) = text.get(..1) {
        text.replace_range(..1, &first.to_uppercase());
    }
    format!("{text}. Nothing was changed.")
}

fn en_import_newer(module: &str) -> String {
    format!("Progress for “{module}” on this device was saved by a newer version of PeerPath, so it cannot be merged. Nothing was changed.")
}

pub static ES: Tools = Tools {
    progress_title: "Mi progreso",
    progress_lede: "Todo lo que ves aquí se guarda en este navegador, en este dispositivo, y en ningún otro lugar. Expórtalo para tener una copia o para continuar en otra parte.",
    export_started: "Tu archivo de progreso se está descargando. Guárdalo en un lugar seguro; también contiene tus notas.",
    file_unreadable: "No se pudo leer ese archivo. No se cambió nada.",
    all_reset: "Se reinició todo el progreso de este dispositivo.",
    take_progress_with_you: "Lleva tu progreso contigo",
    import_file: "Importar un archivo de progreso",
    import_hint: "Lo que importas se suma a lo que ya hay aquí: las notas y los puntos de avance más recientes se mantienen, y los más antiguos nunca los reemplazan.",
    start_afresh: "Empezar de cero",
    reset_all: "Reiniciar todo mi progreso",
    reset_all_question: "Esto elimina de este navegador el progreso y las notas de todos los módulos. Si es posible que los quieras recuperar, expórtalos primero. ¿Reiniciar todo?",
    reset_all_confirm: "Sí, reiniciar todo",
    loading_the_modules: "Cargando los módulos…",
    mode_assessment: "Evaluación",
    mode_practice: "Práctica",
    record_unreadable: "El progreso guardado para este módulo no se puede leer aquí (puede venir de una versión más reciente de PeerPath). Se conserva sin cambios.",
    completed_best_lead: "Completado · mejor: ",
    open_module: "Abrir el módulo",
    completion_summary: "Resumen de finalización",
    reset_module: "Reiniciar este módulo",
    reset_module_confirm: "Sí, reiniciarlo",
    finished_attempts: "Intentos terminados",
    col_date: "Fecha",
    col_ending: "Desenlace",
    col_outcome: "Resultado",
    col_decisions: "Decisiones",
    col_time_spent: "Tiempo dedicado",
    col_mode: "Modo",
    col_path: "Camino",
    your_choices: "Las opciones que elegiste",
    name_label: "Tu nombre, tal como debe aparecer en la versión impresa",
    name_hint: "Tu nombre no se guarda en ningún lugar; solo aparece en esta página.",
    fact_name: "Nombre",
    fact_module: "Módulo",
    fact_completed_on: "Fecha de finalización",
    fact_latest_outcome: "Resultado del último intento",
    fact_latest_mode: "Modo del último intento",
    latest_in_assessment: "modo de evaluación (los comentarios se reservan hasta el final)",
    latest_in_practice: "modo de práctica (comentarios después de cada decisión)",
    fact_assessment_attempts: "Intentos en modo de evaluación",
    fact_best: "Mejor resultado",
    fact_attempts: "Intentos terminados",
    fact_time: "Tiempo dedicado en todos los intentos",
    practises: "Lo que se practica en este módulo",
    print_summary: "Imprimir este resumen",
    back_to_progress: "Volver a mi progreso",
    open_audience: "Abrir la ventana para el grupo",
    fold_notes: "Contraer las notas (N)",
    blank_screen: "Dejar la pantalla en blanco (B)",
    hold_feedback: "Reservar los comentarios hasta el final (H)",
    what_room_sees: "Lo que ve el grupo",
    presenter_panel: "Notas y controles de quien presenta",
    print_session: "Imprimir el resumen de la sesión",
    end_session: "Terminar y empezar una sesión nueva",
    leave_trainer: "Salir del modo de facilitación",
    keys_heading: "Teclado y control de presentaciones",
    key_next_keys: "→, Av Pág, Espacio",
    key_next: "siguiente: la parte siguiente de la pantalla del grupo, mostrar los votos, revelar el comentario, avanzar",
    key_back_keys: "←, Re Pág",
    key_back: "atrás: la parte anterior de la pantalla del grupo, o un paso",
    key_number: "el grupo toma esa opción",
    key_votes: "mostrar u ocultar el conteo de votos",
    key_reveal: "revelar el comentario",
    key_blank: "dejar en blanco la pantalla del grupo, o volver a mostrarla",
    key_hold: "reservar los comentarios y las valoraciones hasta el desenlace (evaluación), o no",
    key_notes: "contraer o expandir las notas (con una sola pantalla)",
    key_timer: "iniciar, pausar o reiniciar el temporizador de la conversación",
    key_escape: "salir de un campo de conteo de votos, para que estas teclas vuelvan a funcionar",
    timer_start: "Iniciar el temporizador de la conversación (T)",
    timer_reset: "Reiniciar el temporizador (T)",
    timer_pause: "Pausar el temporizador (T)",
    jump_back: "Volver a un paso anterior (¿y si…?)",
    facilitator_notes: "Notas para quien facilita",
    ask_the_room: "Pregunta al grupo",
    options_caption: "Las opciones, adónde llevan y los votos del grupo",
    col_option: "Opción",
    col_votes: "Votos",
    col_take: "Tomarla",
    hide_tally: "Ocultar el conteo (V)",
    show_tally: "Mostrar el conteo al grupo (V)",
    back: "Atrás (←)",
    groups_choice: "La opción del grupo",
    feedback_on_reveal: "Comentario (el grupo lo ve cuando lo revelas)",
    feedback_revealed: "Comentario revelado",
    reveal_feedback: "Revelar el comentario (R)",
    go_to_ending: "Ir al desenlace (→)",
    continue_on: "Continuar (→)",
    session_summary: "Resumen de la sesión",
    votes_lead: "Votos: ",
    recommended_lead: "Opción recomendada: ",
    blank_screen_label: "La pantalla está en blanco mientras el grupo conversa",
    what_would_you_do: "¿Qué harías?",
    not_available: " — no disponible: ",
    group_chose: "El grupo eligió",
    talk_it_over: "Conversen: ¿qué creen que va a pasar ahora?",
    end_of_path: "El final de este camino",
    groups_decisions: "Las decisiones del grupo",
    to_discuss: "Para conversar",
    waiting_for_trainer: "Esperando a que la persona que facilita comience…",
    stage_parts: "Partes de esta pantalla",
    previous_part: "Parte anterior",
    next_part: "Parte siguiente",
    room_parts: "Partes de la pantalla del grupo",
    embed_intro: "Pega esto en una página de tu intranet. El módulo funciona dentro del marco, el marco crece y se achica con él, y tu página puede escuchar sus eventos (consulta la guía de inserción en la carpeta docs).",
    snippet_label: "Código para copiar",
    embed_language: "Idioma del módulo insertado",
    embed_language_learner: "El de cada participante",
    no_origins: "Todavía no hay ninguna página en allowed_parent_origins en site.toml, así que una página que inserta el módulo solo se entera de que el módulo está listo y de su altura, nunca de lo que hace quien participa. Para recibir las decisiones y las finalizaciones, agrega el origen de tu intranet a site.toml, junto a index.html; por ejemplo:",
    preview_title: "Vista previa de un archivo de módulo",
    preview_lede: "Abre un archivo de módulo de esta computadora para ver lo que dice el verificador y para probarlo. El archivo se queda en esta computadora: no se sube nada, y probarlo aquí no guarda nada.",
    choose_file: "Elige un archivo de módulo (.toml) o suéltalo aquí",
    checking_file: "Revisando el archivo…",
    no_problems: "El verificador no encontró problemas.",
    module_reset: es_module_reset,
    elsewhere: es_elsewhere,
    import_summary: es_import_summary,
    import_kept_newer: es_import_kept_newer,
    at_step: es_at_step,
    reflection_notes: es_reflection_notes,
    reset_module_question: es_reset_module_question,
    duration: es_duration,
    summary_title: es_summary_title,
    not_completed: es_not_completed,
    trainer_title: es_trainer_title,
    trainer_heading: es_trainer_heading,
    discussion_time: es_discussion_time,
    session_misfit: es_session_misfit,
    leads_to_scene: es_leads_to_scene,
    leads_to_ending: es_leads_to_ending,
    step_scene: es_step_scene,
    step_notes: es_step_notes,
    not_available_now: es_not_available_now,
    votes_for_option: es_votes_for_option,
    vote_for_option: es_vote_for_option,
    group_takes: es_group_takes,
    summary_step_chose: es_summary_step_chose,
    option_votes: es_option_votes,
    step: es_step,
    session_unshowable: es_session_unshowable,
    vote_count: es_vote_count,
    part_of: es_part_of,
    room_sees_part: es_room_sees_part,
    embed_title: es_embed_title,
    embed_heading: es_embed_heading,
    events_only_to: es_events_only_to,
    file_not_text: es_file_not_text,
    file_not_checked: es_file_not_checked,
    warnings_only: es_warnings_only,
    errors_to_fix: es_errors_to_fix,
    play_module: es_play_module,
    import_unreadable: es_import_unreadable,
    import_refused: es_import_refused,
    import_newer: es_import_newer,
};

fn es_module_reset(title: &str) -> String {
    format!("Se reinició el progreso de “{title}”.")
}

fn es_elsewhere(ids: &str) -> String {
    format!("Este dispositivo también guarda progreso de módulos que no están en este sitio: {ids}. Se conserva y se incluye cuando exportas.")
}

fn es_import_summary(modules: usize, attempts: usize, notes: usize) -> String {
    let modules = if modules == 1 {
        "1 módulo".to_owned()
    } else {
        format!("{modules} módulos")
    };
    let attempts = if attempts == 1 {
        "1 intento nuevo".to_owned()
    } else {
        format!("{attempts} intentos nuevos")
    };
    let notes = if notes == 1 {
        "1 nota agregada o actualizada".to_owned()
    } else {
        format!("{notes} notas agregadas o actualizadas")
    };
    format!("Se importó el progreso de {modules}: {attempts}, {notes}.")
}

fn es_import_kept_newer(ids: &str) -> String {
    format!(" Tu punto de avance en este dispositivo era más reciente en {ids} y se conservó.")
}

fn es_at_step(step: usize) -> String {
    format!("En curso: en el paso {step}")
}

fn es_reflection_notes(notes: usize) -> String {
    if notes == 1 {
        "1 nota de reflexión guardada.".to_owned()
    } else {
        format!("{notes} notas de reflexión guardadas.")
    }
}

fn es_reset_module_question(title: &str) -> String {
    format!("Esto elimina de este navegador tu progreso y tus notas de “{title}”. ¿Reiniciarlo?")
}

fn es_duration(minutes: u64) -> String {
    match minutes {
        0 => "menos de un minuto".to_owned(),
        1 => "1 minuto".to_owned(),
        n => format!("{n} minutos"),
    }
}

fn es_summary_title(title: &str) -> String {
    format!("Resumen de finalización: {title}")
}

fn es_not_completed(title: &str) -> String {
    format!("Todavía no se completó “{title}” en este dispositivo.")
}

fn es_trainer_title(title: &str) -> String {
    format!("Facilitación: {title}")
}

fn es_trainer_heading(title: &str) -> String {
    format!("Modo de facilitación: {title}")
}

fn es_discussion_time(seconds: u64) -> String {
    format!("Conversación: {}:{:02}", seconds / 60, seconds % 60)
}

fn es_session_misfit(error: &str) -> String {
    format!("Esta sesión ya no corresponde al módulo ({error}). Termínala y empieza una nueva.")
}

fn es_leads_to_scene(scene: &str) -> String {
    format!("Lleva a la escena “{scene}”")
}

fn es_leads_to_ending(ending: &str) -> String {
    format!("Lleva al desenlace “{ending}”")
}

fn es_step_scene(step: usize, scene: &str) -> String {
    format!("Paso {step}: {scene}")
}

fn es_step_notes(step: usize) -> String {
    format!("Paso {step}: notas")
}

fn es_not_available_now(reason: &str) -> String {
    format!(" · no disponible ahora: {reason}")
}

fn es_votes_for_option(option: usize) -> String {
    format!("Votos para la opción {option}")
}

fn es_vote_for_option(option: usize) -> String {
    format!(" voto para la opción {option}")
}

fn es_group_takes(option: usize) -> String {
    format!("El grupo toma la {option}")
}

fn es_summary_step_chose(step: usize) -> String {
    format!("Paso {step}: el grupo eligió ")
}

fn es_option_votes(option: usize, votes: u32) -> String {
    if votes == 1 {
        format!("opción {option}: 1 voto")
    } else {
        format!("opción {option}: {votes} votos")
    }
}

fn es_step(step: usize) -> String {
    format!("Paso {step}")
}

fn es_session_unshowable(error: &str) -> String {
    format!("Esta sesión no se puede mostrar: {error}.")
}

fn es_vote_count(votes: u32) -> String {
    if votes == 1 {
        "1 voto".to_owned()
    } else {
        format!("{votes} votos")
    }
}

fn es_part_of(part: usize, parts: usize) -> String {
    format!("Parte {part} de {parts}")
}

fn es_room_sees_part(part: usize, parts: usize) -> String {
    format!("El grupo ve la parte {part} de {parts}")
}

fn es_embed_title(title: &str) -> String {
    format!("Insertar: {title}")
}

fn es_embed_heading(title: &str) -> String {
    format!("Insertar “{title}”")
}

fn es_events_only_to(origins: &str) -> String {
    format!("Los eventos se envían solo a: {origins}.")
}

fn es_file_not_text(file: &str) -> String {
    format!("No se pudo leer {file} como texto.")
}

fn es_file_not_checked(file: &str, reason: &str) -> String {
    format!("No se pudo revisar {file}: {reason}.")
}

fn es_warnings_only(warnings: usize) -> String {
    if warnings == 1 {
        "Sin errores; 1 advertencia para revisar antes de publicar.".to_owned()
    } else {
        format!("Sin errores; {warnings} advertencias para revisar antes de publicar.")
    }
}

fn es_errors_to_fix(errors: usize) -> String {
    if errors == 1 {
        "1 error que corregir antes de poder hacer este módulo.".to_owned()
    } else {
        format!("{errors} errores que corregir antes de poder hacer este módulo.")
    }
}

fn es_play_module(title: &str) -> String {
    format!("Probar “{title}”")
}

fn es_import_unreadable(detail: &str) -> String {
    format!("No se pudo leer ese archivo como progreso de PeerPath ({detail}). No se cambió nada.")
}

fn es_import_refused(reason: &str) -> String {
    format!("No se pudo importar ese archivo ({reason}). No se cambió nada.")
}

fn es_import_newer(module: &str) -> String {
    format!("El progreso de “{module}” en este dispositivo se guardó con una versión más reciente de PeerPath, así que no se puede combinar. No se cambió nada.")
}
