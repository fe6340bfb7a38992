//! Texts every page shows: the frame (header, footer, skip link), the language switcher, the
//! notices about storage, the site's configuration and new versions.

crate::strings! {
    /// The frame's texts.
    pub struct Common {
        skip_to_content: &'static str,
        site_nav: &'static str,
        all_modules: &'static str,
        my_progress: &'static str,
        pause_and_leave: &'static str,
        progress_is_saved: &'static str,
        footer_support: &'static str,
        footer_authors: &'static str,
        language: &'static str,
        opening_page: &'static str,
        crash: &'static str,
        admin_notice_lead: &'static str,
        admin_notice_body: &'static str,
        update_ready: &'static str,
        update_now: &'static str,
        later: &'static str,
        updated_elsewhere: &'static str,
        reload: &'static str,
        storage_blocked: &'static str,
        export_my_progress: &'static str,
        only_in_english: &'static str,
        storage_full: &'static str,
        browser_no_document: &'static str,
        browser_no_file: &'static str,
        browser_no_download: &'static str,
        unknown_date: &'static str,
        ;
        export_failed: fn(&str) -> String,
        storage_refused: fn(&str) -> String,
        record_corrupt: fn(&str) -> String,
        record_unwritable: fn(&str, &str) -> String,
    }
}

pub static EN: Common = Common {
    skip_to_content: "Skip to content",
    site_nav: "Site",
    all_modules: "All modules",
    my_progress: "My progress",
    pause_and_leave: "Pause and leave",
    progress_is_saved: " (your progress is saved)",
    footer_support: "PeerPath: practice for peer support work. If you need support right now, pause and reach out to someone you trust or your local crisis line.",
    footer_authors: "For module authors: preview a module file",
    language: "Language",
    opening_page: "Opening the page…",
    crash: "Something went wrong and PeerPath stopped working on this page. Your saved progress is safe. Please reload the page to carry on.",
    admin_notice_lead: "For this site's administrator: ",
    admin_notice_body: "part of the site configuration could not be used, so defaults stand in for it.",
    update_ready: "A new version of PeerPath is ready. Your progress is kept either way. ",
    update_now: "Update now",
    later: "Later",
    updated_elsewhere: "PeerPath was updated in another tab. This page carries on as it is; reload it when you're ready. ",
    reload: "Reload",
    storage_blocked: "This browser is not letting PeerPath save anything, so your progress will be lost when you close or reload this page. You can still play every module, and export your progress to keep it. ",
    export_my_progress: "Export my progress",
    only_in_english: "Only in English",
    export_failed: en_export_failed,
    storage_full: "Your browser's storage for this site is full, so your latest step was not saved. Progress saved earlier is unchanged. Export your progress to keep it, or free some browser storage.",
    browser_no_document: "the browser would not open the page's document",
    browser_no_file: "the browser would not make the file",
    browser_no_download: "the browser would not start the download",
    unknown_date: "an unknown date",
    storage_refused: en_storage_refused,
    record_corrupt: en_record_corrupt,
    record_unwritable: en_record_unwritable,
};

fn en_export_failed(problem: &str) -> String {
    format!("The export did not work: {problem}.")
}

pub static ES: Common = Common {
    skip_to_content: "Saltar al contenido",
    site_nav: "Sitio",
    all_modules: "Todos los módulos",
    my_progress: "Mi progreso",
    pause_and_leave: "Pausar y salir",
    progress_is_saved: " (tu progreso queda guardado)",
    footer_support: "PeerPath: práctica para el trabajo de apoyo entre pares. Si necesitas apoyo ahora mismo, haz una pausa y comunícate con alguien de confianza o con tu línea local de crisis.",
    footer_authors: "Para quienes escriben módulos: vista previa de un archivo de módulo",
    language: "Idioma",
    opening_page: "Abriendo la página…",
    crash: "Algo salió mal y PeerPath dejó de funcionar en esta página. Tu progreso guardado está a salvo. Vuelve a cargar la página para continuar.",
    admin_notice_lead: "Para quien administra este sitio: ",
    admin_notice_body: "no se pudo usar parte de la configuración del sitio, así que se usan los valores predeterminados en su lugar.",
    update_ready: "Hay una nueva versión de PeerPath lista. Tu progreso se conserva en cualquier caso. ",
    update_now: "Actualizar ahora",
    later: "Más tarde",
    updated_elsewhere: "PeerPath se actualizó en otra pestaña. Esta página sigue como está; vuelve a cargarla cuando quieras. ",
    reload: "Volver a cargar",
    storage_blocked: "Este navegador no deja que PeerPath guarde nada, así que tu progreso se perderá al cerrar o volver a cargar esta página. Aun así puedes hacer todos los módulos y exportar tu progreso para conservarlo. ",
    export_my_progress: "Exportar mi progreso",
    only_in_english: "Solo en inglés",
    export_failed: es_export_failed,
    storage_full: "El almacenamiento de tu navegador para este sitio está lleno, así que tu último paso no se guardó. El progreso que se guardó antes no cambió. Exporta tu progreso para conservarlo, o libera espacio de almacenamiento en el navegador.",
    browser_no_document: "el navegador no abrió el documento de la página",
    browser_no_file: "el navegador no creó el archivo",
    browser_no_download: "el navegador no inició la descarga",
    unknown_date: "una fecha desconocida",
    storage_refused: es_storage_refused,
    record_corrupt: es_record_corrupt,
    record_unwritable: es_record_unwritable,
};

fn es_export_failed(problem: &str) -> String {
    format!("La exportación no funcionó: {problem}.")
}

fn en_storage_refused(detail: &str) -> String {
    format!("Your browser would not save progress ({detail}). Progress saved earlier is unchanged. Export your progress to keep it.")
}

fn es_storage_refused(detail: &str) -> String {
    format!("Tu navegador no permitió guardar el progreso ({detail}). El progreso que se guardó antes no cambió. Exporta tu progreso para conservarlo.")
}

fn en_record_corrupt(module: &str) -> String {
    format!("Saved progress for “{module}” could not be read, so it starts fresh. The damaged record was kept, not deleted.")
}

fn es_record_corrupt(module: &str) -> String {
    format!("No se pudo leer el progreso guardado de “{module}”, así que empieza de nuevo. El registro dañado se conservó; no se eliminó.")
}

fn en_record_unwritable(module: &str, detail: &str) -> String {
    format!("Progress for “{module}” could not be saved ({detail}). Progress saved earlier is unchanged.")
}

fn es_record_unwritable(module: &str, detail: &str) -> String {
    format!("No se pudo guardar el progreso de “{module}” ({detail}). El progreso que se guardó antes no cambió.")
}
