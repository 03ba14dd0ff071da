//! Opening the database file: checks that leave a bad file untouched, the
//! connection settings, and the embedded schema migrations.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration as StdDuration;

use rusqlite::{Connection, OpenFlags};

use super::StoreError;

/// Marks a SQLite file as a Pledge library (`PLDG` in ASCII), so that
/// another program's database is never mistaken for one and migrated.
pub(crate) const APPLICATION_ID: i32 = 0x504C_4447;

/// How long a statement waits for another process's lock before giving up
/// with a "busy" error.
pub(crate) const BUSY_TIMEOUT: StdDuration = StdDuration::from_secs(5);

/// One schema migration: the SQL that takes the schema from `version - 1`
/// to `version`.
pub(crate) struct Migration {
    pub version: u32,
    pub sql: &'static str,
}

/// Every migration, in order. A migration is never edited once released:
/// a change to the schema is a new file at the end of this list.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        sql: include_str!("migrations/001_library.sql"),
    },
    Migration {
        version: 2,
        sql: include_str!("migrations/002_traceability.sql"),
    },
    Migration {
        version: 3,
        sql: include_str!("migrations/003_scenarios.sql"),
    },
    Migration {
        version: 4,
        sql: include_str!("migrations/004_versions_sealed.sql"),
    },
    Migration {
        version: 5,
        sql: include_str!("migrations/005_history.sql"),
    },
    Migration {
        version: 6,
        sql: include_str!("migrations/006_portfolios.sql"),
    },
];

/// The database schema version this Pledge writes (distinct from the YAML
/// file format version, [`crate::model::SCHEMA_VERSION`]).
pub const SCHEMA_VERSION: u32 = MIGRATIONS[MIGRATIONS.len() - 1].version;

/// Opens (or creates) the database at `path`, upgrading its schema.
pub(crate) fn open(path: &Path) -> Result<Connection, StoreError> {
    open_with(path, MIGRATIONS)
}

pub(crate) fn open_with(path: &Path, migrations: &[Migration]) -> Result<Connection, StoreError> {
    let latest = migrations.last().map_or(0, |m| m.version);
    let existed = match fs::metadata(path) {
        Ok(meta) if meta.is_file() => true,
        Ok(_) => {
            return Err(StoreError::NotADatabase {
                path: path.to_owned(),
                reason: "it is not a regular file".into(),
            })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => {
            return Err(StoreError::Io {
                path: path.to_owned(),
                source: e,
            })
        }
    };
    if !existed {
        create(path, migrations)?;
    }
    // Read the header with plain file I/O first: SQLite would happily open
    // a truncated file and later write to it, and the promise is that a
    // damaged file is left exactly as it was.
    check_header(path, wal_has_frames(path))?;
    // Then let SQLite look, through a read-only connection: closing it
    // never checkpoints the write-ahead log into the file, so a refused
    // file is not touched even when a log is left from a crash.
    check_readable(path, latest)?;

    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn =
        Connection::open_with_flags(path, flags).map_err(|e| StoreError::from_sqlite(path, e))?;
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| StoreError::from_sqlite(path, e))?;
    conn.pragma_update(None, "foreign_keys", true)
        .map_err(|e| StoreError::from_sqlite(path, e))?;

    // WAL lets the app and the command line read while the other writes;
    // FULL synchronous makes a committed save survive a power cut, not only
    // a crash of the process.
    let mode: String = conn
        .pragma_update_and_check(None, "journal_mode", "wal", |row| row.get(0))
        .map_err(|e| StoreError::from_sqlite(path, e))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::NotADatabase {
            path: path.to_owned(),
            reason: format!(
                "SQLite could not switch it to write-ahead logging (journal mode stays `{mode}`)"
            ),
        });
    }
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(|e| StoreError::from_sqlite(path, e))?;

    let found = read_version(&conn, path)?;
    if found < latest {
        if found > 0 {
            backup(&conn, path, found)?;
        }
        migrate(&conn, path, migrations)?;
    }
    Ok(conn)
}

/// Whether a write-ahead log with committed pages sits beside the file (left
/// by a crash, or by another process that has it open). Its header alone is
/// 32 bytes.
fn wal_has_frames(path: &Path) -> bool {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    fs::metadata(PathBuf::from(wal)).is_ok_and(|m| m.len() > 32)
}

/// The checks SQLite can make without writing: the schema version (not from
/// a newer Pledge), the owner (Pledge, or an empty database), and the
/// integrity of every page.
fn check_readable(path: &Path, latest: u32) -> Result<(), StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn =
        Connection::open_with_flags(path, flags).map_err(|e| StoreError::from_sqlite(path, e))?;
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| StoreError::from_sqlite(path, e))?;
    let found = read_version(&conn, path)?;
    if found > latest {
        return Err(StoreError::NewerSchema {
            path: path.to_owned(),
            found,
            supported: latest,
        });
    }
    check_identity(&conn, path, found)?;
    check_integrity(&conn, path)
}

/// Creates a new database: built complete under a temporary name in the
/// same folder, then linked into place, so that another process starting at
/// the same moment sees either no file or a whole one, never an empty file
/// it would take for a damaged database.
fn create(path: &Path, migrations: &[Migration]) -> Result<(), StoreError> {
    let io = |p: &Path| {
        let p = p.to_owned();
        move |e| StoreError::Io { path: p, source: e }
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(io(dir))?;
    }
    let mut temp = path.as_os_str().to_owned();
    temp.push(format!(".new-{}", std::process::id()));
    let temp = PathBuf::from(temp);
    let result = (|| {
        let conn = Connection::open(&temp).map_err(|e| StoreError::from_sqlite(&temp, e))?;
        conn.pragma_update_and_check(None, "journal_mode", "wal", |_| Ok(()))
            .map_err(|e| StoreError::from_sqlite(&temp, e))?;
        migrate(&conn, &temp, migrations)?;
        conn.close()
            .map_err(|(_, e)| StoreError::from_sqlite(&temp, e))?;
        match fs::hard_link(&temp, path) {
            // Another process created it first: use theirs.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            // Some file systems have no hard links: a rename is the next
            // best, with a narrower window for the race.
            Err(_) if !path.exists() => fs::rename(&temp, path).map_err(io(path)),
            other => other.map_err(io(path)),
        }
    })();
    for leftover in [
        temp.clone(),
        PathBuf::from(format!("{}-wal", temp.display())),
        PathBuf::from(format!("{}-shm", temp.display())),
    ] {
        // A leftover temporary file is harmless; failing to remove it must
        // not hide the outcome.
        let _ = fs::remove_file(leftover);
    }
    result
}

/// The schema version recorded in the file (`PRAGMA user_version`).
pub(crate) fn read_version(conn: &Connection, path: &Path) -> Result<u32, StoreError> {
    let v: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(|e| StoreError::from_sqlite(path, e))?;
    u32::try_from(v).map_err(|_| StoreError::NotPledge {
        path: path.to_owned(),
    })
}

/// Checks the 100-byte SQLite header and, unless a write-ahead log holds
/// newer pages (a checkpoint interrupted by a crash may have written the
/// header before the pages it counts), that the file is as long as the
/// header says.
fn check_header(path: &Path, wal_pending: bool) -> Result<(), StoreError> {
    let bad = |reason: String| StoreError::NotADatabase {
        path: path.to_owned(),
        reason,
    };
    let mut file = fs::File::open(path).map_err(|e| StoreError::Io {
        path: path.to_owned(),
        source: e,
    })?;
    let len = file
        .metadata()
        .map_err(|e| StoreError::Io {
            path: path.to_owned(),
            source: e,
        })?
        .len();
    if len == 0 {
        return Err(bad("the file is empty".into()));
    }
    let mut header = [0u8; 100];
    if len < 100 {
        return Err(bad(format!(
            "the file is only {len} bytes long, shorter than a database header"
        )));
    }
    file.read_exact(&mut header).map_err(|e| StoreError::Io {
        path: path.to_owned(),
        source: e,
    })?;
    if &header[..16] != b"SQLite format 3\0" {
        return Err(bad("it does not start with the SQLite header".into()));
    }
    let raw_page = u16::from_be_bytes([header[16], header[17]]);
    let page_size: u64 = if raw_page == 1 {
        65_536
    } else {
        u64::from(raw_page)
    };
    if !(512..=65_536).contains(&page_size) || !page_size.is_power_of_two() {
        return Err(bad(format!(
            "its header gives an impossible page size ({page_size})"
        )));
    }
    if len % page_size != 0 {
        return Err(bad(format!(
            "its length ({len} bytes) is not a whole number of {page_size}-byte pages: it looks truncated"
        )));
    }
    let pages = u64::from(u32::from_be_bytes([
        header[28], header[29], header[30], header[31],
    ]));
    let change_counter = &header[24..28];
    let valid_for = &header[92..96];
    // The page count in the header is trustworthy only when it was written
    // by the same change as the header (SQLite's own rule).
    if !wal_pending && change_counter == valid_for && pages > 0 && len < pages * page_size {
        return Err(bad(format!(
            "it is {len} bytes long but its header says {} bytes: it looks truncated",
            pages * page_size
        )));
    }
    Ok(())
}

/// Refuses a SQLite file that belongs to another program.
fn check_identity(conn: &Connection, path: &Path, version: u32) -> Result<(), StoreError> {
    let app: i32 = conn
        .pragma_query_value(None, "application_id", |row| row.get(0))
        .map_err(|e| StoreError::from_sqlite(path, e))?;
    if app == APPLICATION_ID {
        return Ok(());
    }
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))
        .map_err(|e| StoreError::from_sqlite(path, e))?;
    if app == 0 && version == 0 && tables == 0 {
        // An empty SQLite file: treat it like a new one.
        return Ok(());
    }
    Err(StoreError::NotPledge {
        path: path.to_owned(),
    })
}

/// Runs SQLite's quick check, which reads every page: a damaged file is
/// refused before anything is written to it.
fn check_integrity(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let mut stmt = conn
        .prepare("PRAGMA quick_check")
        .map_err(|e| StoreError::from_sqlite(path, e))?;
    let rows: Vec<String> = stmt
        .query_map([], |row| row.get(0))
        .and_then(|rows| rows.collect())
        .map_err(|e| StoreError::from_sqlite(path, e))?;
    if rows.len() == 1 && rows[0] == "ok" {
        Ok(())
    } else {
        Err(StoreError::Damaged {
            path: path.to_owned(),
            detail: rows.join("; "),
        })
    }
}

/// The path of the backup copy taken before migrating from `version`: the
/// first of `pledge.db.v1.bak`, `pledge.db.v1.bak.2`, … that does not exist,
/// so that an earlier backup is never overwritten.
pub(crate) fn backup_path(path: &Path, version: u32) -> PathBuf {
    let base = format!("{}.v{version}.bak", path.display());
    let mut candidate = PathBuf::from(&base);
    let mut n = 2;
    while candidate.exists() {
        candidate = PathBuf::from(format!("{base}.{n}"));
        n += 1;
    }
    candidate
}

/// Writes a consistent copy of the whole database before a migration.
fn backup(conn: &Connection, path: &Path, version: u32) -> Result<(), StoreError> {
    backup_with(path, version, |temp| {
        let text = temp.to_string_lossy().into_owned();
        conn.execute("VACUUM INTO ?1", [&text]).map(|_| ())
    })
}

/// The temporary name a backup is written under by this process, in the
/// backup's folder. It carries the process id, so that a copy left by a
/// run that was killed is never taken for a backup nor stands in the way
/// of this one (and two processes upgrading at once do not share it).
fn partial_backup_path(path: &Path, version: u32) -> PathBuf {
    PathBuf::from(format!(
        "{}.v{version}.bak.partial-{}",
        path.display(),
        std::process::id()
    ))
}

/// Writes the backup with `copy` under a temporary name, then gives it its
/// final name once complete, so that a migration killed half-way leaves no
/// half-written file that looks like a backup.
fn backup_with(
    path: &Path,
    version: u32,
    copy: impl FnOnce(&Path) -> rusqlite::Result<()>,
) -> Result<(), StoreError> {
    let temp = partial_backup_path(path, version);
    let failed = |target: &Path, e: rusqlite::Error| StoreError::Backup {
        path: target.to_owned(),
        source: Box::new(e),
    };
    let io = |target: &Path, e: std::io::Error| StoreError::Io {
        path: target.to_owned(),
        source: e,
    };
    // Left by an earlier process with the same id: SQLite refuses to copy
    // onto an existing file.
    match fs::remove_file(&temp) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(&temp, e)),
        _ => {}
    }
    copy(&temp).map_err(|e| {
        let _ = fs::remove_file(&temp);
        failed(&backup_path(path, version), e)
    })?;
    // A link never replaces a file: if another process took the name since
    // `backup_path` looked, the next free name is used.
    loop {
        let target = backup_path(path, version);
        match fs::hard_link(&temp, &target) {
            Ok(()) => {
                // The copy is complete under its final name; the temporary
                // name is only a leftover now.
                let _ = fs::remove_file(&temp);
                return Ok(());
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            // Some file systems have no hard links: a rename is the next best.
            Err(_) => return fs::rename(&temp, &target).map_err(|e| io(&target, e)),
        }
    }
}

/// Applies the missing migrations in one immediate transaction, so that a
/// failure leaves the file at its old version and another process never
/// sees a half-migrated schema.
fn migrate(conn: &Connection, path: &Path, migrations: &[Migration]) -> Result<(), StoreError> {
    // Plain statements rather than rusqlite's transaction type, which
    // needs a `&mut Connection` that `open` does not have yet.
    conn.execute_batch("BEGIN IMMEDIATE")
        .map_err(|e| StoreError::from_sqlite(path, e))?;
    let result = (|| {
        // Read again inside the lock: another process may have migrated
        // the file since we looked.
        let current = read_version(conn, path)?;
        for m in migrations.iter().filter(|m| m.version > current) {
            conn.execute_batch(m.sql)
                .map_err(|e| StoreError::Migration {
                    version: m.version,
                    source: Box::new(e),
                })?;
            conn.pragma_update(None, "user_version", m.version)
                .map_err(|e| StoreError::Migration {
                    version: m.version,
                    source: Box::new(e),
                })?;
        }
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .map_err(|e| StoreError::from_sqlite(path, e))?;
        Ok(())
    })();
    match result {
        Ok(()) => conn
            .execute_batch("COMMIT")
            .map_err(|e| StoreError::from_sqlite(path, e)),
        Err(e) => {
            // The rollback's own failure would hide the real cause.
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_migration_leaves_the_file_at_its_old_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pledge.db");
        drop(open_with(&path, &MIGRATIONS[..1]).unwrap());
        let broken = [
            Migration {
                version: 1,
                sql: MIGRATIONS[0].sql,
            },
            Migration {
                version: 2,
                sql: "CREATE TABLE half_done (x); THIS IS NOT SQL;",
            },
        ];
        let err = open_with(&path, &broken).unwrap_err();
        assert!(
            matches!(err, StoreError::Migration { version: 2, .. }),
            "{err}"
        );
        let conn = open_with(&path, &MIGRATIONS[..1]).unwrap();
        assert_eq!(read_version(&conn, &path).unwrap(), 1);
        let half: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(half, 0);
        // The backup was taken before the failed attempt, and a later one
        // does not overwrite it.
        assert!(dir.path().join("pledge.db.v1.bak").exists());
        assert_eq!(backup_path(&path, 1), dir.path().join("pledge.db.v1.bak.2"));
    }

    #[test]
    fn a_backup_interrupted_half_way_leaves_no_file_under_the_backup_name() {
        // issue 12: a migration killed while copying left a half-written
        // `pledge.db.v1.bak` that looked like a good backup.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pledge.db");
        drop(open_with(&path, &MIGRATIONS[..1]).unwrap());
        let err = backup_with(&path, 1, |temp| {
            fs::write(temp, b"SQLite format 3\0 half a copy").unwrap();
            Err(rusqlite::Error::ExecuteReturnedResults)
        })
        .unwrap_err();
        assert!(matches!(err, StoreError::Backup { .. }), "{err}");
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".bak"))
            .collect();
        assert!(names.is_empty(), "{names:?}");
    }

    #[test]
    fn a_stale_partial_backup_does_not_stop_the_next_migration() {
        // issue 12: a copy left under the temporary name by a killed run,
        // with this process's id (ids are reused) or another's.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pledge.db");
        drop(open_with(&path, &MIGRATIONS[..1]).unwrap());
        let ours = partial_backup_path(&path, 1);
        let theirs = dir.path().join("pledge.db.v1.bak.partial-1");
        fs::write(&ours, b"half").unwrap();
        fs::write(&theirs, b"half").unwrap();
        let conn = open_with(&path, MIGRATIONS).unwrap();
        assert_eq!(read_version(&conn, &path).unwrap(), SCHEMA_VERSION);
        let backup = Connection::open(dir.path().join("pledge.db.v1.bak")).unwrap();
        assert_eq!(read_version(&backup, &path).unwrap(), 1);
        assert!(!ours.exists());
        // Another process's leftover is not ours to delete, and is not
        // mistaken for a backup.
        assert_eq!(fs::read(&theirs).unwrap(), b"half");
        assert_eq!(backup_path(&path, 1), dir.path().join("pledge.db.v1.bak.2"));
    }

    #[test]
    fn migrations_are_numbered_one_by_one() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version as usize, i + 1);
        }
    }
}
