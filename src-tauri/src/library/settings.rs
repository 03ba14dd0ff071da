//! The user's settings kept next to the library's database
//! (`settings.json` in the data folder): the author recorded on saved
//! versions. Until the user confirms a name, the system's user name is
//! proposed and used. The UI's language and theme stay in the window's own
//! storage, since they are about this screen, not about the library.

use std::path::{Path, PathBuf};

use pledge::store::settings::{self, SettingsError};
pub use pledge::store::settings::{AUTHOR_MAX_CHARS, SETTINGS_FILE, SETTINGS_MAX_BYTES};

use super::Library;
use crate::dto::Settings;
use crate::error::AppError;

/// A settings error as the UI sees it: `settings` names the file.
pub(super) fn settings_error(e: SettingsError) -> AppError {
    match e {
        SettingsError::NotSettings { ref path, .. } => {
            AppError::at(e.code(), e.to_string(), path.display().to_string())
        }
        SettingsError::Io { path, source } => AppError::io(&path, &source),
        SettingsError::Write(e) => e.into(),
        other => AppError::new(other.code(), other.to_string()),
    }
}

/// The author saved in the settings, if any (the core's `saved_author`).
pub fn saved_author(data_dir: &Path) -> Result<Option<String>, AppError> {
    settings::saved_author(data_dir).map_err(settings_error)
}

impl Library {
    pub(super) fn data_dir(&self) -> PathBuf {
        self.store
            .path()
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    }

    /// The settings: the author used for new versions, and whether the user
    /// has confirmed it.
    pub fn settings(&self) -> Result<Settings, AppError> {
        Ok(Settings {
            author: self.author.clone(),
            author_saved: saved_author(&self.data_dir())?.is_some(),
        })
    }

    /// Sets the author recorded on the versions saved from now on, and
    /// keeps it in the settings file.
    pub fn set_author(&mut self, author: &str) -> Result<Settings, AppError> {
        let name = settings::clean_author(author)
            .map_err(|e| AppError::at(e.code(), e.to_string(), "author"))?;
        settings::save_author(&self.data_dir(), &name).map_err(settings_error)?;
        self.author = name;
        self.settings()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Config;

    fn config(dir: &Path) -> Config {
        Config {
            data_dir: dir.join("data"),
            legacy_drafts: None,
            author: "proposed".into(),
        }
    }

    #[test]
    fn the_proposed_author_is_used_until_one_is_saved_and_the_saved_one_survives_a_restart() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut lib = Library::open(&config(dir.path()), 1_000).expect("open");
        assert_eq!(
            lib.settings().expect("settings"),
            Settings {
                author: "proposed".into(),
                author_saved: false
            }
        );
        let saved = lib.set_author("  Marie Curie ").expect("set");
        assert_eq!(
            saved,
            Settings {
                author: "Marie Curie".into(),
                author_saved: true
            }
        );
        let id = "saas-multilevel";
        let mut value = lib.get(id).expect("open").agreement;
        *value.pointer_mut("/meta/title").expect("title") = "Renamed".into();
        lib.edit(id, value, 2_000).expect("edit");
        let version = lib
            .save_version(id, "Renamed", 3_000)
            .expect("saved")
            .version;
        assert_eq!(version.author, "Marie Curie");
        drop(lib);
        let lib = Library::open(&config(dir.path()), 4_000).expect("open again");
        assert_eq!(lib.settings().expect("settings").author, "Marie Curie");
    }

    #[test]
    fn a_bad_author_name_is_refused_at_its_field() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut lib = Library::open(&config(dir.path()), 1_000).expect("open");
        for bad in ["   ", "a\u{7}b", &"x".repeat(AUTHOR_MAX_CHARS + 1)] {
            let error = lib.set_author(bad).expect_err("refused");
            assert_eq!(
                (error.code.as_str(), error.path.as_str()),
                ("invalid-author", "author"),
                "{bad:?}"
            );
        }
        assert!(
            !lib.settings().expect("settings").author_saved,
            "nothing was saved"
        );
    }

    #[test]
    fn a_damaged_settings_file_keeps_the_library_open_and_is_reported_by_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        drop(Library::open(&config(dir.path()), 1_000).expect("open"));
        let file = dir.path().join("data").join(SETTINGS_FILE);
        std::fs::write(&file, "{ not json").expect("write");
        let mut lib = Library::open(&config(dir.path()), 2_000).expect("the library still opens");
        let error = lib.settings().expect_err("reported");
        assert_eq!(error.code, "settings");
        assert!(error.path.ends_with(SETTINGS_FILE), "{error:?}");
        assert_eq!(
            std::fs::read_to_string(&file).expect("read"),
            "{ not json",
            "left as it was"
        );
        lib.set_author("Ana").expect("a new name replaces it");
        assert_eq!(lib.settings().expect("settings").author, "Ana");
    }

    #[test]
    fn a_settings_file_larger_than_the_limit_is_reported_not_loaded() {
        // issue 12: settings.json was read whole, whatever its size.
        let dir = tempfile::tempdir().expect("tempdir");
        drop(Library::open(&config(dir.path()), 1_000).expect("open"));
        let file = dir.path().join("data").join(SETTINGS_FILE);
        let padding = " ".repeat(SETTINGS_MAX_BYTES as usize);
        std::fs::write(&file, format!("{{\"author\": \"Ana\"}}{padding}")).expect("write");
        let lib = Library::open(&config(dir.path()), 2_000).expect("the library still opens");
        assert_eq!(lib.settings().expect_err("reported").code, "settings");
        let error = saved_author(&dir.path().join("data")).expect_err("too large");
        assert!(error.message.contains("larger than 64 KiB"), "{error:?}");
    }
}
