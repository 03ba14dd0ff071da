//! End-to-end tests of the real app: the debug binary driven through
//! tauri-driver and WebKitWebDriver, under Xvfb. Each scenario saves a
//! screenshot of the screen it reached in `target/e2e-screenshots/`.
//!
//! Needs `tauri-driver` (`cargo install tauri-driver --locked`), Debian's
//! `webkit2gtk-driver` and, without a `DISPLAY`, `xvfb`: scripts/test.sh
//! installs them. The test starts Xvfb and tauri-driver itself and stops
//! them with SIGTERM (a SIGKILLed tauri-driver leaves WebKitWebDriver
//! orphaned).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

/// Scenarios share the display, so they run one at a time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

const WAIT: Duration = Duration::from_secs(30);

/// The ticket export's file name: a long one, as helpdesks name theirs.
const EXPORT_FILE: &str = "zendesk-export-acme-corporation-customer-support-tickets-q1-2026.csv";

/// A child process stopped with SIGTERM when dropped, even on panic.
struct Terminated(Child);

impl Drop for Terminated {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.0.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Xvfb (when there is no display) and tauri-driver, for one scenario.
struct Harness {
    port: u16,
    display: String,
    data: tempfile::TempDir,
    saves: tempfile::TempDir,
    /// Where the export the open dialog answers with is written
    /// ([`Harness::export`]).
    exports: tempfile::TempDir,
    // Dropped in reverse order: the driver before the display.
    _driver: Option<Terminated>,
    _xvfb: Option<Terminated>,
}

fn tauri_driver() -> PathBuf {
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    let candidates = std::env::var_os("PATH")
        .map(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join("tauri-driver"))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    candidates
        .into_iter()
        .chain([home.join(".cargo/bin/tauri-driver")])
        .find(|p| p.is_file())
        .expect("tauri-driver is not installed: run scripts/test.sh, or `cargo install tauri-driver --locked`")
}

fn wait_for_port(port: u16) {
    let deadline = Instant::now() + WAIT;
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "tauri-driver did not listen on port {port}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

impl Harness {
    fn start(slot: u16) -> Harness {
        let base = 20_000 + (std::process::id() % 1000) as u16 * 20 + slot * 2;
        let (display, xvfb) = match std::env::var("DISPLAY") {
            Ok(d) if !d.is_empty() => (d, None),
            _ => {
                let number = 50 + (std::process::id() % 400) + u32::from(slot);
                let child = Command::new("Xvfb")
                    .args([
                        format!(":{number}").as_str(),
                        "-screen",
                        "0",
                        "1280x800x24",
                        "-nolisten",
                        "tcp",
                    ])
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .expect(
                        "Xvfb is not installed: run scripts/test.sh, or `apt-get install xvfb`",
                    );
                std::thread::sleep(Duration::from_millis(700));
                (format!(":{number}"), Some(Terminated(child)))
            }
        };
        let data = tempfile::tempdir().expect("a data directory");
        let saves = tempfile::tempdir().expect("a save directory");
        let exports = tempfile::tempdir().expect("an export directory");
        let driver = Command::new(tauri_driver())
            .args([
                "--port",
                &base.to_string(),
                "--native-port",
                &(base + 1).to_string(),
            ])
            .env("DISPLAY", &display)
            .env("PLEDGE_DATA_DIR", data.path())
            .env("PLEDGE_TEST_SAVE_DIR", saves.path())
            .env("PLEDGE_TEST_OPEN_FILE", exports.path().join(EXPORT_FILE))
            .env("LANG", "en_US.UTF-8")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver starts");
        let driver = Terminated(driver);
        wait_for_port(base);
        Harness {
            port: base,
            display,
            data,
            saves,
            exports,
            _driver: Some(driver),
            _xvfb: xvfb,
        }
    }

    /// The file the Tickets screen's open dialog answers with.
    fn export(&self) -> PathBuf {
        self.exports.path().join(EXPORT_FILE)
    }

    async fn launch(&self) -> Client {
        let app = app_binary();
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": app }),
        );
        let mut last = None;
        for _ in 0..5 {
            match ClientBuilder::native()
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{}", self.port))
                .await
            {
                Ok(client) => return client,
                Err(e) => last = Some(e),
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
        panic!(
            "no WebDriver session on {} (display {}): {last:?}",
            self.port, self.display
        );
    }
}

/// The app to drive: `PLEDGE_APP_BIN`, or the workspace's debug build
/// (`cargo build -p pledge-app`, which scripts/test.sh runs first).
fn app_binary() -> String {
    let path = std::env::var_os("PLEDGE_APP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/debug/pledge-app")
        });
    assert!(
        path.is_file(),
        "{} is missing: build the app first with `cargo build -p pledge-app`",
        path.display()
    );
    path.canonicalize()
        .expect("the app's path")
        .display()
        .to_string()
}

fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/e2e-screenshots");
    std::fs::create_dir_all(&dir).expect("the screenshot directory");
    dir
}

async fn shot(client: &Client, name: &str) {
    let png = client.screenshot().await.expect("a screenshot");
    std::fs::write(screenshots().join(format!("{name}.png")), png)
        .expect("the screenshot is written");
}

async fn find(client: &Client, css: &str) -> Element {
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} never appeared: {e}"))
}

async fn gone(client: &Client, css: &str) {
    let deadline = Instant::now() + WAIT;
    while !client
        .find_all(Locator::Css(css))
        .await
        .expect("a query")
        .is_empty()
    {
        assert!(Instant::now() < deadline, "{css} never went away");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn type_into(client: &Client, css: &str, text: &str) {
    let input = find(client, css).await;
    input.clear().await.expect("cleared");
    input.send_keys(text).await.expect("typed");
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

/// Ctrl+S: the key chord sent to the focused element (WebDriver's Control
/// key, `s`, then the null key that releases the modifier).
const CTRL_S: &str = "\u{E009}s\u{E000}";

async fn click(client: &Client, css: &str) {
    find(client, css)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("{css} could not be clicked: {e}"));
}

/// Waits until the element's text contains `needle`, and returns the text.
async fn wait_text(client: &Client, css: &str, needle: &str) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        let text = find(client, css).await.text().await.unwrap_or_default();
        if text.contains(needle) {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "{css} never said {needle:?}; it says {text:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Saves a version through the Ctrl+S dialog and returns the status line
/// once it names the version `number`.
async fn save_version(
    client: &Client,
    focus: &str,
    message: &str,
    number: u32,
    shot_name: Option<&str>,
) -> String {
    find(client, focus)
        .await
        .send_keys(CTRL_S)
        .await
        .expect("Ctrl+S");
    type_into(client, "[data-testid='save-message']", message).await;
    if let Some(name) = shot_name {
        shot(client, name).await;
    }
    click(client, "[data-testid='save-confirm']").await;
    gone(client, "[data-testid='save-dialog']").await;
    wait_text(
        client,
        "[data-testid='status']",
        &format!("version {number}"),
    )
    .await
}

#[test]
fn create_from_a_sample_edit_a_target_see_a_diagnostic_save_versions_and_see_their_changes() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let harness = Harness::start(0);
    runtime().block_on(async {
        let client = harness.launch().await;
        find(&client, ".app[data-ready='true']").await;
        // The language chosen in an earlier run is remembered: start in English.
        find(&client, "[data-testid='locale']").await.select_by_value("en").await.expect("English");
        // A new library opens with the shipped samples ready.
        find(&client, "[data-testid='library-row'][data-id='saas-multilevel']").await;
        assert_eq!(client.find_all(Locator::Css("[data-testid='library-row']")).await.expect("rows").len(), pledge::samples::SAMPLES.len());
        shot(&client, "01-library").await;

        find(&client, "[data-testid='sample-select']").await.select_by_value("blank").await.expect("the blank starter");
        click(&client, "[data-testid='create']").await;
        find(&client, "[data-path='meta.title']").await;
        shot(&client, "02-editor-meta").await;

        click(&client, "[data-section='calendars']").await;
        find(&client, ".hours-grid").await;
        shot(&client, "03-editor-calendars").await;

        click(&client, "[data-section='targets']").await;
        let within = "[data-path='targets[0].first_response.within']";
        let internal = "[data-path='targets[0].first_response.internal']";
        let diagnostic = ".diag[data-path='targets[0].first_response.internal'][data-code='internal-not-stricter']";
        type_into(&client, within, "2h").await;
        type_into(&client, internal, "3h").await;
        find(&client, diagnostic).await;
        find(&client, ".problems [data-code='internal-not-stricter']").await;
        shot(&client, "04-targets-diagnostic").await;

        type_into(&client, internal, "1h").await;
        gone(&client, diagnostic).await;
        gone(&client, ".problems [data-code='internal-not-stricter']").await;
        shot(&client, "05-targets-fixed").await;
        // The blank starter sets no next response: the metric is folded
        // behind a button, and unfolding it shows its fields in every cell.
        click(&client, "[data-testid='targets-unfold-next_response']").await;
        find(&client, "[data-path='targets[0].next_response.within']").await;
        gone(&client, "[data-testid='targets-unfold-next_response']").await;

        let status = save_version(&client, within, "First draft for the client", 1, Some("06-save-dialog")).await;
        assert!(status.contains("Saved as version 1"), "{status}");
        let label = find(&client, "[data-testid='version-label']").await.text().await.expect("a label");
        assert_eq!(label, "v1");

        type_into(&client, within, "3h").await;
        // Saving sends the pending (debounced) edit first.
        let status = save_version(&client, within, "Slower first response, agreed on the call", 2, None).await;
        assert!(status.contains("Saved as version 2"), "{status}");
        shot(&client, "07-saved-version").await;

        click(&client, "[data-testid='editor-more'] summary").await;
        click(&client, "[data-testid='editor-history']").await;
        find(&client, "[data-testid='version-row'][data-number='2']").await;
        let rows = client.find_all(Locator::Css("[data-testid='version-row']")).await.expect("rows");
        assert_eq!(rows.len(), 2);
        let newest = rows[0].text().await.expect("text");
        assert!(newest.contains("Slower first response, agreed on the call"), "{newest}");
        let change = find(&client, "[data-testid='change'][data-path*='first_response.within']").await.text().await.expect("a change");
        assert!(change.contains("2h") && change.contains("3h"), "{change}");
        shot(&client, "08-history").await;

        click(&client, "[data-testid='nav-editor']").await;
        // The header holds every command on one line at 1280 px, in French
        // too (its words are longer) and with the History tab open: the
        // tabs end before the editor's commands, and the theme button,
        // last, is inside the window.
        find(&client, "[data-testid='locale']").await.select_by_value("fr").await.expect("French");
        wait_text(&client, "[data-testid='save']", "Enregistrer").await;
        let right = client
            .execute(
                "const tabs = [...document.querySelectorAll('header .tabs button')]; const last = tabs[tabs.length - 1].getBoundingClientRect(); const first = document.querySelector('header .actions').getBoundingClientRect(); const theme = document.querySelector(\"[data-testid='theme']\").getBoundingClientRect(); return [last.right, first.left, theme.right, window.innerWidth];",
                vec![],
            )
            .await
            .expect("the page answers");
        let figures: Vec<f64> = right.as_array().expect("figures").iter().map(|v| v.as_f64().expect("a number")).collect();
        assert!(
            figures[0] <= figures[1] && figures[2] <= figures[3],
            "the header overflows (last tab's right, actions' left, theme's right, window): {figures:?}"
        );
        shot(&client, "07b-header-fr").await;
        find(&client, "[data-testid='locale']").await.select_by_value("en").await.expect("English");
        click(&client, "[data-testid='editor-more'] summary").await;
        click(&client, "[data-testid='editor-export']").await;
        let status = wait_text(&client, "[data-testid='status']", "Exported to").await;
        let saved: Vec<_> = std::fs::read_dir(harness.saves.path()).expect("the export directory").flatten().map(|e| e.path()).collect();
        assert_eq!(saved.len(), 1, "one file exported: {saved:?}");
        assert!(status.contains(&saved[0].display().to_string()), "{status}");
        let agreement = pledge::format::read(&std::fs::read_to_string(&saved[0]).expect("readable")).expect("a valid agreement");
        let first = agreement.targets[0].first_response.as_ref().expect("a first response target");
        assert_eq!(first.within.to_string(), "3h");
        assert_eq!(first.internal.map(|t| t.to_string()).as_deref(), Some("1h"));

        click(&client, "[data-testid='nav-library']").await;
        let row = find(&client, "[data-testid='library-row'][data-id='SLA-TEST-1']").await.text().await.expect("a row");
        assert!(row.contains("Version 2"), "{row}");
        click(&client, "[data-testid='theme']").await;
        let locale = find(&client, "[data-testid='locale']").await;
        locale.select_by_value("fr").await.expect("French");
        find(&client, "th").await;
        shot(&client, "09-library-dark-fr").await;
        click(&client, "[data-testid='library-row'][data-id='SLA-TEST-1'] [data-testid='history']").await;
        find(&client, "[data-testid='change']").await;
        shot(&client, "10-history-dark-fr").await;
        client.close().await.expect("the session closes");
    });
    // Versions live in the shared SQLite database, which the command line reads too.
    let store = pledge::store::Store::open(&harness.data.path().join("pledge.db"))
        .expect("the database opens");
    let log = store
        .log(&"SLA-TEST-1".parse().expect("a name"))
        .expect("a log");
    assert_eq!(
        log.iter().map(|v| v.message.as_str()).collect::<Vec<_>>(),
        [
            "First draft for the client",
            "Slower first response, agreed on the call"
        ]
    );
}

/// Every editor section on a sample that fills them, in light and dark, and
/// the library's search and trash.
#[test]
fn every_editor_section_and_the_library_search_and_trash() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let harness = Harness::start(2);
    runtime().block_on(async {
        let client = harness.launch().await;
        find(&client, ".app[data-ready='true'] [data-testid='library-row']").await;
        find(&client, "[data-testid='locale']").await.select_by_value("en").await.expect("English");
        type_into(&client, "[data-testid='search']", "acme").await;
        gone(&client, "[data-testid='library-row'][data-id='fr-pme-infogerance']").await;
        shot(&client, "11-library-search").await;
        // Leaving the library resets its search (WebDriver's clear sends no input event).
        click(&client, "[data-testid='nav-trash']").await;
        click(&client, "[data-testid='nav-library']").await;

        click(&client, "[data-testid='library-row'][data-id='saas-multilevel'] button.title").await;
        find(&client, "[data-path='meta.title']").await;
        let sections = [
            "services", "channels", "targets", "olas", "escalation", "exclusions", "responsibilities", "penalties", "reporting", "revision", "termination",
        ];
        // The theme the app starts in is the one remembered from an earlier run,
        // so each screenshot is named after the theme the page really shows.
        for _ in 0..2 {
            let theme = client
                .execute("return document.documentElement.getAttribute('data-theme')", vec![])
                .await
                .expect("the page answers");
            let theme = theme.as_str().expect("a theme is set").to_owned();
            for section in sections {
                click(&client, &format!("[data-section='{section}']")).await;
                find(&client, &format!("[data-section='{section}'].active")).await;
                shot(&client, &format!("20-section-{section}-{theme}")).await;
            }
            click(&client, "[data-testid='theme']").await;
        }
        click(&client, "[data-section='services']").await;
        find(&client, "[data-path='services[0].availability.maintenance.notice'], [data-testid='maintenance-toggle']").await;
        // A name written per language shows its other language's input
        // (issue 14 point 3, names): the sample's first service in French.
        let french = find(&client, "input[data-path='services[0].name.fr']").await;
        assert_eq!(french.prop("value").await.expect("a value").as_deref(), Some("Plateforme Tallyloop"));
        // The sample uses all four metrics, and a row for the phone channel
        // follows the matrix.
        click(&client, "[data-section='targets']").await;
        for metric in ["first_response", "next_response", "periodic_update", "resolution"] {
            find(&client, &format!(".metric[data-metric='{metric}']")).await;
        }
        find(&client, "td.cell[data-channel='phone']").await;

        click(&client, "[data-testid='nav-library']").await;
        click(&client, "[data-testid='library-row'][data-id='internal-it-ola'] [data-testid='delete']").await;
        gone(&client, "[data-testid='library-row'][data-id='internal-it-ola']").await;
        click(&client, "[data-testid='nav-trash']").await;
        find(&client, "[data-testid='trash-row'][data-id='internal-it-ola']").await;
        click(&client, "[data-testid='purge']").await;
        find(&client, "[data-testid='purge-yes']").await;
        shot(&client, "12-trash-confirm").await;
        click(&client, ".confirm button:not([data-testid])").await;
        click(&client, "[data-testid='restore']").await;
        find(&client, "[data-testid='trash-empty']").await;
        click(&client, "[data-testid='nav-library']").await;
        find(&client, "[data-testid='library-row'][data-id='internal-it-ola']").await;
        client.close().await.expect("the session closes");
    });
}

/// A damaged database gives an error screen naming the file, and the file
/// is left as it was.
#[test]
fn a_damaged_database_shows_an_error_screen() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let harness = Harness::start(3);
    let db = harness.data.path().join("pledge.db");
    let garbage = b"not a database: a grocery list, eggs, milk".repeat(200);
    std::fs::write(&db, &garbage).expect("written");
    runtime().block_on(async {
        let client = harness.launch().await;
        let error = find(
            &client,
            "[data-testid='startup-error'][data-code='database']",
        )
        .await
        .text()
        .await
        .expect("a message");
        assert!(error.contains(&db.display().to_string()), "{error}");
        shot(&client, "13-damaged-database").await;
        client.close().await.expect("the session closes");
    });
    assert_eq!(std::fs::read(&db).expect("still there"), garbage);
}

/// Cold start to an interactive library screen: from asking the driver for
/// a session (which launches the app) to the library rendered with its
/// data. Printed, not asserted: speed is measured, not tested.
#[test]
fn cold_start_reaches_an_interactive_library() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let runs: usize = std::env::var("PLEDGE_STARTUP_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let harness = Harness::start(1);
    let mut times = Vec::new();
    runtime().block_on(async {
        for _ in 0..runs {
            let started = Instant::now();
            let client = harness.launch().await;
            find(&client, ".app[data-ready='true'] [data-testid='create']").await;
            times.push(started.elapsed());
            client.close().await.expect("the session closes");
        }
    });
    times.sort();
    let median = times[times.len() / 2];
    println!("cold start to interactive library: median {median:?} over {runs} runs: {times:?}");
    assert!(!times.is_empty());
}

/// A screenshot once the page has painted: WebKit's capture can lag the
/// last change by a frame (seen on the Simulation screen's first shot,
/// which showed the library).
/// From the library of a started app: English, a new agreement from
/// `sample`, its editor open (the title field shown).
async fn create_sample_in_english(client: &Client, sample: &str) {
    find(client, ".app[data-ready='true']").await;
    find(client, "[data-testid='locale']")
        .await
        .select_by_value("en")
        .await
        .expect("English");
    find(client, "[data-testid='sample-select']")
        .await
        .select_by_value(sample)
        .await
        .expect("the sample");
    click(client, "[data-testid='create']").await;
    find(client, "[data-path='meta.title']").await;
}

async fn settled_shot(client: &Client, name: &str) {
    tokio::time::sleep(Duration::from_millis(400)).await;
    shot(client, name).await;
}

/// The Simulation screen of an agreement made from a sample: its sample
/// scenario, a small run with its progress and results (charts and table),
/// the screen in light and dark, English and French, and a longer run
/// cancelled part-way.
#[test]
fn simulate_a_sample_agreement_see_results_and_cancel_a_longer_run() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let harness = Harness::start(4);
    runtime().block_on(async {
        let client = harness.launch().await;
        create_sample_in_english(&client, "internal-it-ola").await;
        click(&client, "[data-testid='nav-simulation']").await;
        // The sample's scenario: its volume and its teams.
        let volume = find(&client, "[data-testid='sim-volume']")
            .await
            .prop("value")
            .await
            .expect("a value");
        assert_eq!(volume.as_deref(), Some("250"));
        find(&client, "[data-testid='sim-shape-grid'] [data-cell='9']").await;
        let theme = client
            .execute(
                "return document.documentElement.getAttribute('data-theme')",
                vec![],
            )
            .await
            .expect("the page answers");
        let theme = theme.as_str().expect("a theme is set").to_owned();
        settled_shot(&client, &format!("30-simulation-workload-{theme}")).await;
        click(&client, "[data-testid='sim-part-staffing']").await;
        find(&client, "[data-testid='sim-headcount-0-0']").await;
        settled_shot(&client, &format!("31-simulation-staffing-{theme}")).await;

        // A bad value is shown next to its field, and clears when fixed.
        click(&client, "[data-testid='sim-part-settings']").await;
        type_into(&client, "[data-testid='sim-horizon']", "-3d").await;
        find(&client, ".diag[data-path='horizon']").await;
        find(&client, "[data-testid='sim-problem']").await;
        // A short run: two days of warm-up, two weeks measured, four replications.
        type_into(&client, "[data-testid='sim-horizon']", "14d").await;
        type_into(&client, "[data-testid='sim-warm-up']", "2d").await;
        gone(&client, ".diag[data-path='horizon']").await;
        type_into(&client, "[data-testid='sim-replications']", "4").await;
        click(&client, "[data-testid='sim-run']").await;
        find(
            &client,
            "[data-testid='sim-results'] [data-testid='chart-compliance'] canvas",
        )
        .await;
        find(&client, "[data-testid='chart-backlog'] canvas").await;
        let rows = client
            .find_all(Locator::Css("[data-testid='sim-table'] tbody tr"))
            .await
            .expect("rows");
        assert!(
            !rows.is_empty(),
            "the results table has a row per objective"
        );
        let summary = find(&client, "[data-testid='sim-results'] .hint")
            .await
            .text()
            .await
            .expect("a summary");
        assert!(summary.contains("4 replications"), "{summary}");
        // The sample's targets have internal times: their compliance shows
        // under the contractual one.
        let internal = find(&client, "[data-testid='sim-internal']")
            .await
            .text()
            .await
            .expect("an internal line");
        assert!(internal.starts_with("internal ≤ "), "{internal}");
        // The sample's teams have a cost per agent-hour: the month's staff
        // cost, expected credits and their total show beside the credits.
        let total = find(&client, "[data-testid='sim-costs']")
            .await
            .attr("data-total")
            .await
            .expect("the page answers")
            .unwrap_or_default();
        assert!(
            total.parse::<f64>().is_ok_and(|t| t > 0.0),
            "a total cost per month: {total}"
        );
        // What the period hands on: the tickets still open at its end.
        let open = find(&client, "[data-testid='sim-open-at-end']")
            .await
            .text()
            .await
            .expect("a line");
        assert!(open.contains("still open at the end"), "{open}");
        settled_shot(&client, &format!("32-simulation-results-{theme}")).await;
        client
            .execute(
                "document.querySelector(\"[data-testid='chart-backlog']\").scrollIntoView()",
                vec![],
            )
            .await
            .expect("the page scrolls");
        find(&client, "[data-testid='chart-occupancy'] canvas").await;
        find(
            &client,
            "[data-testid='chart-credits'] canvas, [data-testid='chart-credits-none']",
        )
        .await;
        settled_shot(&client, &format!("32b-simulation-charts-{theme}")).await;
        click(&client, "[data-testid='theme']").await;
        let other = if theme == "dark" { "light" } else { "dark" };
        find(&client, &format!("html[data-theme='{other}']")).await;
        // Charts redraw in the new theme's colours.
        tokio::time::sleep(Duration::from_millis(300)).await;
        settled_shot(&client, &format!("33-simulation-results-{other}")).await;
        find(&client, "[data-testid='locale']")
            .await
            .select_by_value("fr")
            .await
            .expect("French");
        wait_text(&client, "[data-testid='sim-run']", "Simuler").await;
        settled_shot(&client, &format!("34-simulation-results-{other}-fr")).await;
        find(&client, "[data-testid='locale']")
            .await
            .select_by_value("en")
            .await
            .expect("English");

        // A what-if (issue 15 point 4): the scenario kept as the baseline
        // and compared with itself differs in nothing; with 20 % more
        // tickets, the table says by how much each objective moves.
        click(&client, "[data-testid='sim-keep-baseline']").await;
        find(&client, "[data-testid='sim-baseline']").await;
        click(&client, "[data-testid='sim-compare']").await;
        let same = "[data-testid='sim-whatif'][data-significant='0']";
        find(&client, same).await;
        let rows = client
            .find_all(Locator::Css("[data-testid='sim-whatif-row']"))
            .await
            .expect("rows");
        assert!(!rows.is_empty(), "a row per objective");
        for row in &rows {
            let text = row.text().await.expect("a row");
            assert!(
                text.contains("+0.0"),
                "no difference against itself: {text}"
            );
        }
        click(&client, "[data-testid='sim-part-workload']").await;
        type_into(&client, "[data-testid='sim-volume']", "300").await;
        type_into(&client, "[data-testid='sim-replications']", "10").await;
        click(&client, "[data-testid='sim-compare']").await;
        gone(&client, same).await;
        find(&client, "[data-testid='sim-whatif']").await;
        let significant: u64 =
            number_at(&client, "[data-testid='sim-whatif']", "data-significant").await;
        assert!(
            significant >= 1,
            "20 % more tickets moves some objective beyond the noise"
        );
        client
            .execute(
                "document.querySelector(\"[data-testid='sim-whatif']\").scrollIntoView()",
                vec![],
            )
            .await
            .expect("the page scrolls");
        settled_shot(&client, "35b-simulation-whatif").await;
        click(&client, "[data-testid='sim-forget-baseline']").await;
        gone(&client, "[data-testid='sim-whatif']").await;

        // A longer run shows its progress and stops when cancelled.
        click(&client, "[data-testid='sim-part-settings']").await;
        type_into(&client, "[data-testid='sim-horizon']", "91d").await;
        type_into(&client, "[data-testid='sim-replications']", "400").await;
        // Ctrl+Enter runs (sent to a field of the screen).
        find(&client, "[data-testid='sim-replications']")
            .await
            .send_keys("\u{E009}\u{E007}\u{E000}")
            .await
            .expect("Ctrl+Enter");
        let progress = find(&client, "[data-testid='sim-progress']").await;
        assert_eq!(
            progress
                .attr("data-total")
                .await
                .expect("a total")
                .as_deref(),
            Some("400")
        );
        let deadline = Instant::now() + WAIT;
        while find(&client, "[data-testid='sim-progress']")
            .await
            .attr("data-done")
            .await
            .expect("done")
            .as_deref()
            == Some("0")
        {
            assert!(Instant::now() < deadline, "no replication finished");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        settled_shot(&client, &format!("35-simulation-progress-{other}")).await;
        click(&client, "[data-testid='sim-cancel']").await;
        find(&client, "[data-testid='sim-cancelled']").await;
        gone(&client, "[data-testid='sim-progress']").await;
        // The earlier results stay on screen.
        find(&client, "[data-testid='sim-table']").await;
        client.close().await.expect("the session closes");
    });
    // The scenario is kept in the library with the agreement.
    let store = pledge::store::Store::open(&harness.data.path().join("pledge.db"))
        .expect("the database opens");
    // It is named after the sample's reference.
    let name: pledge::store::AgreementName = "GIT-SLA-CLM-07".parse().expect("a name");
    let text = store
        .scenario(&name)
        .expect("a scenario query")
        .expect("a saved scenario");
    assert!(text.contains("\"horizon\": \"91d\""), "{text}");
}

/// The scenario's inputs for what the contract says of live channels,
/// escalation and updates (issue 16 points 1, 2 and 4): patience on the
/// phone line, the first escalation level raising the ticket's priority,
/// an update cost for P1; the run reports the contacts abandoned per live
/// channel and what each level did, and the scenario saved with the
/// agreement holds the three inputs.
#[test]
fn patience_escalation_and_updates_in_the_simulation_screen() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let harness = Harness::start(8);
    runtime().block_on(async {
        let client = harness.launch().await;
        create_sample_in_english(&client, "internal-it-ola").await;
        click(&client, "[data-testid='nav-simulation']").await;
        find(&client, "[data-testid='sim-volume']").await;
        // Callers on the phone line give up (two minutes on average).
        click(&client, "[data-testid='sim-patience-add-phone']").await;
        find(&client, "[data-testid='sim-patience'] .field").await;
        gone(&client, "[data-testid='sim-patience-add-phone']").await;
        client
            .execute(
                "document.querySelector(\"[data-testid='sim-patience']\").scrollIntoView({block: 'center'})",
                vec![],
            )
            .await
            .expect("the page scrolls");
        settled_shot(&client, "39-simulation-patience").await;
        // The first level raises the priority of the tickets it fires on.
        click(&client, "[data-testid='sim-part-escalation']").await;
        click(&client, "[data-testid='sim-raise-0']").await;
        settled_shot(&client, "40-simulation-escalation").await;
        // Each P1 update (the sample's P1 row has one due every hour) takes
        // five minutes of an agent's time.
        click(&client, "[data-testid='sim-part-work']").await;
        let field = client
            .execute(
                "const card = [...document.querySelectorAll('.card')].find((c) => c.querySelector('h4')?.textContent.trim().endsWith('P1')); return card?.querySelector(\"[data-testid^='sim-update-']\")?.getAttribute('data-testid') ?? ''",
                vec![],
            )
            .await
            .expect("the page answers");
        let field = field.as_str().expect("a test id").to_owned();
        assert!(!field.is_empty(), "an update field for P1");
        type_into(&client, &format!("[data-testid='{field}']"), "5m").await;
        click(&client, "[data-testid='sim-part-settings']").await;
        type_into(&client, "[data-testid='sim-horizon']", "14d").await;
        type_into(&client, "[data-testid='sim-warm-up']", "2d").await;
        type_into(&client, "[data-testid='sim-replications']", "4").await;
        click(&client, "[data-testid='sim-run']").await;
        find(&client, "[data-testid='sim-results'] [data-testid='sim-table']").await;
        let abandoned = find(&client, "[data-testid='sim-abandonment'] tbody")
            .await
            .text()
            .await
            .expect("rows");
        assert!(abandoned.contains("phone"), "{abandoned}");
        assert!(!abandoned.contains("portal"), "only live channels: {abandoned}");
        let levels = find(&client, "[data-testid='sim-escalation'] tbody")
            .await
            .text()
            .await
            .expect("rows");
        assert!(levels.contains("Raise priority"), "{levels}");
        // Numbered from 1 as the contract numbers them, fired "at 90 % of
        // the target's time" in words.
        assert!(levels.contains("Level 1 · IT Service Desk Team Leader"), "{levels}");
        assert!(levels.contains("at 90%"), "{levels}");
        // P1 gains a periodic-update objective.
        let table = find(&client, "[data-testid='sim-table'] tbody")
            .await
            .text()
            .await
            .expect("rows");
        assert!(table.to_lowercase().contains("update"), "{table}");
        client
            .execute(
                "document.querySelector(\"[data-testid='sim-abandonment']\").scrollIntoView()",
                vec![],
            )
            .await
            .expect("the page scrolls");
        settled_shot(&client, "41-simulation-abandonment-escalation").await;
        client.close().await.expect("the session closes");
    });
    let store = pledge::store::Store::open(&harness.data.path().join("pledge.db"))
        .expect("the database opens");
    let name: pledge::store::AgreementName = "GIT-SLA-CLM-07".parse().expect("a name");
    let text = store
        .scenario(&name)
        .expect("a scenario query")
        .expect("a saved scenario");
    for needle in [
        "\"patience\"",
        "\"raise_priority\": true",
        "\"update\": \"5m\"",
    ] {
        assert!(text.contains(needle), "{needle} in {text}");
    }
}

/// The frontier and the recorded runs (issue 15 points 3 and 4): a run of
/// a saved version is listed with its version; used as the baseline, the
/// same scenario differs in nothing and 20 % more tickets moves some
/// objective beyond the noise; a frontier of one target drawn in the app
/// has, at each value, the agents the core's frontier finds for the same
/// scenario, request and settings.
#[test]
fn draw_a_frontier_and_compare_with_a_recorded_run() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let harness = Harness::start(7);
    let request = pledge::sim::charts::FrontierRequest {
        target: "claims/P1/resolution".into(),
        axis: pledge::sim::charts::FrontierAxis::Target,
        list: "8h, 12h".into(),
    };
    let settings = pledge::sim::charts::RunSettings {
        replications: 4,
        seed: 1,
        confidence: Some(0.5),
    };
    let mut drawn: Vec<(String, String)> = Vec::new();
    runtime().block_on(async {
        let client = harness.launch().await;
        create_sample_in_english(&client, "internal-it-ola").await;
        let title = "[data-path='meta.title']";
        save_version(&client, title, "As drafted", 1, None).await;
        click(&client, "[data-testid='nav-simulation']").await;
        click(&client, "[data-testid='sim-part-settings']").await;
        type_into(&client, "[data-testid='sim-horizon']", "14d").await;
        type_into(&client, "[data-testid='sim-warm-up']", "2d").await;
        type_into(
            &client,
            "[data-testid='sim-replications']",
            &settings.replications.to_string(),
        )
        .await;
        click(&client, "[data-testid='sim-run']").await;
        find(&client, "[data-testid='sim-table']").await;

        // The run is recorded against version 1 and listed.
        click(&client, "[data-testid='sim-view-runs']").await;
        find(&client, "[data-testid='runs'][data-count='1']").await;
        find(&client, "[data-testid='run-row'][data-version='1']").await;
        click(&client, "[data-testid='run-baseline']").await;
        find(&client, "[data-testid='sim-baseline'][data-run]").await;
        click(&client, "[data-testid='sim-compare']").await;
        let same = "[data-testid='sim-whatif'][data-significant='0']";
        find(&client, same).await;
        for row in client
            .find_all(Locator::Css("[data-testid='sim-whatif-row']"))
            .await
            .expect("rows")
        {
            let text = row.text().await.expect("a row");
            assert!(
                text.contains("+0.0"),
                "no difference with its own run: {text}"
            );
        }
        click(&client, "[data-testid='sim-part-workload']").await;
        type_into(&client, "[data-testid='sim-volume']", "300").await;
        type_into(&client, "[data-testid='sim-replications']", "10").await;
        click(&client, "[data-testid='sim-compare']").await;
        gone(&client, same).await;
        let significant: u64 =
            number_at(&client, "[data-testid='sim-whatif']", "data-significant").await;
        assert!(significant >= 1, "20 % more tickets than the recorded run");
        settled_shot(&client, "36-simulation-runs-whatif").await;
        type_into(&client, "[data-testid='sim-volume']", "250").await;
        type_into(
            &client,
            "[data-testid='sim-replications']",
            &settings.replications.to_string(),
        )
        .await;

        // The week's coverage (issue 15 point 5): a team per scenario
        // team; one more agent on a shift and half an hour more at its end
        // each raise the agents Rust counts on duty.
        click(&client, "[data-testid='sim-view-coverage']").await;
        find(&client, "[data-testid='coverage'][data-teams='2']").await;
        let team = "[data-testid='coverage-team'][data-team='0']";
        let scheduled = |text: Option<String>| -> f64 {
            text.unwrap_or_default().parse().expect("a number")
        };
        let before = scheduled(find(&client, team).await.attr("data-scheduled").await.expect("an attribute"));
        settled_shot(&client, "38-simulation-coverage").await;
        let agents: u32 = find(&client, "[data-testid='coverage-agents-0-0']")
            .await
            .text()
            .await
            .expect("agents")
            .parse()
            .expect("a number");
        click(&client, "[data-testid='coverage-plus-0-0']").await;
        wait_text(
            &client,
            "[data-testid='coverage-agents-0-0']",
            &(agents + 1).to_string(),
        )
        .await;
        let more = wait_attribute_above(&client, team, "data-scheduled", before).await;
        let hours = find(&client, "[data-testid='coverage-shift']")
            .await
            .attr("data-hours")
            .await
            .expect("hours")
            .unwrap_or_default();
        client
            .execute(
                "document.querySelector(\"[data-testid='coverage-end-0-0']\").dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }))",
                vec![],
            )
            .await
            .expect("the handle hears the key");
        let longer = find(&client, "[data-testid='coverage-shift']")
            .await
            .attr("data-hours")
            .await
            .expect("hours")
            .unwrap_or_default();
        assert_ne!(longer, hours, "the end moved");
        wait_attribute_above(&client, team, "data-scheduled", more).await;
        click(&client, "[data-testid='sim-part-staffing']").await;
        // The staffing form shows the shift's new hours.
        let field = find(&client, "[data-testid='sim-shift-hours-0-0']")
            .await
            .prop("value")
            .await
            .expect("a value");
        assert_eq!(field.as_deref(), Some(longer.as_str()));

        // A frontier of P1's resolution at two values, every objective
        // held in half of the months (the sample's 4h is held in none
        // whatever the staffing: its work alone often takes longer).
        type_into(&client, "[data-testid='sim-confidence']", "0.5").await;
        click(&client, "[data-testid='sim-view-frontier']").await;
        find(&client, "[data-testid='frontier-target']")
            .await
            .select_by_value(&request.target)
            .await
            .expect("the target");
        type_into(&client, "[data-testid='frontier-list']", &request.list).await;
        click(&client, "[data-testid='frontier-draw']").await;
        let deadline = Instant::now() + 4 * WAIT;
        let result = loop {
            if let Ok(found) = client
                .find(Locator::Css("[data-testid='frontier-result']"))
                .await
            {
                break found;
            }
            if let Ok(error) = client.find(Locator::Css("[data-testid='sim-error']")).await {
                panic!(
                    "the frontier failed: {}",
                    error.text().await.unwrap_or_default()
                );
            }
            assert!(Instant::now() < deadline, "no frontier drawn");
            tokio::time::sleep(Duration::from_millis(200)).await;
        };
        assert_eq!(
            result.attr("data-points").await.expect("points").as_deref(),
            Some("2")
        );
        find(&client, "[data-testid='chart-frontier-agents'] canvas").await;
        find(&client, "[data-testid='chart-frontier-money'] canvas").await;
        for row in client
            .find_all(Locator::Css("[data-testid='frontier-row']"))
            .await
            .expect("rows")
        {
            drawn.push((
                row.attr("data-value")
                    .await
                    .expect("a value")
                    .unwrap_or_default(),
                row.attr("data-agents")
                    .await
                    .expect("agents")
                    .unwrap_or_default(),
            ));
        }
        settled_shot(&client, "37-simulation-frontier").await;
        client.close().await.expect("the session closes");
    });
    // The same frontier from the core, on the scenario and version the
    // app kept in its library.
    let store = pledge::store::Store::open(&harness.data.path().join("pledge.db"))
        .expect("the database opens");
    let name: pledge::store::AgreementName = "GIT-SLA-CLM-07".parse().expect("a name");
    let scenario: serde_json::Value = serde_json::from_str(
        &store
            .scenario(&name)
            .expect("a scenario query")
            .expect("a saved scenario"),
    )
    .expect("JSON");
    let agreement = store
        .version(&name, None)
        .expect("version 1")
        .agreement()
        .expect("it reads");
    let agreement = serde_json::to_value(agreement).expect("JSON");
    let built = pledge::sim::spec::build(&scenario, &agreement).expect("the scenario builds");
    let core = pledge::sim::charts::frontier(
        &built,
        &request,
        &settings,
        &pledge::sim::run::CancelToken::new(),
        &|_| {},
    )
    .expect("the core's frontier");
    let expected: Vec<(String, String)> = core
        .points
        .iter()
        .map(|p| {
            (
                p.value.clone(),
                p.agents.map(|a| a.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(drawn, expected);
    assert!(
        drawn.iter().any(|(_, agents)| !agents.is_empty()),
        "some value can be staffed: {drawn:?}"
    );
}

/// Waits until `attribute` of the element at `css` reads a number above
/// `floor`, and returns it.
async fn wait_attribute_above(client: &Client, css: &str, attribute: &str, floor: f64) -> f64 {
    let deadline = Instant::now() + WAIT;
    loop {
        let value: Option<f64> = find(client, css)
            .await
            .attr(attribute)
            .await
            .expect("the page answers")
            .and_then(|v| v.parse().ok());
        if let Some(v) = value.filter(|&v| v > floor) {
            return v;
        }
        assert!(
            Instant::now() < deadline,
            "{css} {attribute} stays at {value:?}, not above {floor}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The page background the app shows, to name screenshots after their theme.
async fn theme_of(client: &Client) -> String {
    let theme = client
        .execute(
            "return document.documentElement.getAttribute('data-theme')",
            vec![],
        )
        .await
        .expect("the page answers");
    theme.as_str().expect("a theme is set").to_owned()
}

/// Waits until the `textContent` of the element contains `needle` (WebDriver's
/// element text leaves out SVG text), and returns it.
async fn wait_content(client: &Client, css: &str, needle: &str) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        let script =
            "const e = document.querySelector(arguments[0]); return e ? e.textContent : '';";
        let value = client
            .execute(script, vec![serde_json::json!(css)])
            .await
            .expect("the page answers");
        let text = value.as_str().unwrap_or_default().to_owned();
        if text.contains(needle) {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "{css} never contained {needle:?}; it has {text:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Text of a PDF through poppler's pdftotext, after pdfinfo accepts it;
/// returns (pages, text).
fn pdf_text(path: &Path) -> (u32, String) {
    let info = Command::new("pdfinfo")
        .arg(path)
        .output()
        .expect("pdfinfo runs (poppler-utils)");
    let info_text = String::from_utf8_lossy(&info.stdout).into_owned();
    assert!(
        info.status.success(),
        "pdfinfo refused {}: {}",
        path.display(),
        String::from_utf8_lossy(&info.stderr)
    );
    let pages = info_text
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in {info_text}"));
    let text = Command::new("pdftotext")
        .args(["-layout"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(text.status.success());
    (pages, String::from_utf8_lossy(&text.stdout).into_owned())
}

/// The Export screen previews the contract's pages (in the shipped fonts),
/// saves a PDF that poppler reads, recorded against its version; the
/// author set in Settings signs the next version; History shows the redline
/// of two versions and saves it as PDF.
#[test]
fn export_preview_and_pdf_settings_author_and_history_redline() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let harness = Harness::start(5);
    let id = "saas-multilevel";
    runtime().block_on(async {
        let client = harness.launch().await;
        find(&client, ".app[data-ready='true'] [data-testid='library-row']").await;
        find(&client, "[data-testid='locale']").await.select_by_value("en").await.expect("English");
        click(&client, &format!("[data-testid='library-row'][data-id='{id}'] button.title")).await;
        find(&client, "[data-path='meta.title']").await;

        click(&client, "[data-testid='nav-export']").await;
        let pager = find(&client, "[data-testid='export-page'][data-pages]:not([data-pages='0'])").await;
        let pages: u32 = pager.attr("data-pages").await.expect("an attribute").and_then(|p| p.parse().ok()).expect("a page count");
        assert!(pages > 2, "{pages} pages");
        wait_text(&client, "[data-testid='export-page']", &format!("Page 1 of {pages}")).await;
        let thumbs = client.find_all(Locator::Css("[data-testid='export-thumb']")).await.expect("thumbnails");
        assert_eq!(thumbs.len() as u32, pages);
        wait_content(&client, "[data-testid='export-sheet'] svg", "Tallyloop").await;
        wait_text(&client, "[data-testid='export-version']", "version 1").await;
        // The preview uses the fonts the PDF embeds, bundled with the UI.
        let fonts = client
            .execute_async(
                "const done = arguments[arguments.length - 1]; document.fonts.load(\"bold 12px 'Pledge Serif'\").then(f => done(f.length), () => done(-1));",
                vec![],
            )
            .await
            .expect("the page answers");
        assert!(fonts.as_i64().unwrap_or(0) >= 1, "the Pledge Serif bold face did not load: {fonts:?}");
        let theme = theme_of(&client).await;
        shot(&client, &format!("40-export-{theme}")).await;

        click(&client, "[data-testid='export-next']").await;
        wait_text(&client, "[data-testid='export-page']", &format!("Page 2 of {pages}")).await;
        click(&client, "[data-testid='export-draft']").await;
        // The draft mark is drawn as the outlines of its letters: a path
        // in the page's SVG, and no text of it.
        find(&client, "[data-testid='export-sheet'] svg path").await;
        click(&client, "[data-testid='theme']").await;
        let theme = theme_of(&client).await;
        shot(&client, &format!("41-export-draft-{theme}")).await;

        click(&client, "[data-testid='export-save']").await;
        let status = wait_text(&client, "[data-testid='status']", "Saved").await;
        assert!(status.contains("recorded against version 1"), "{status}");
        let pdfs: Vec<_> = std::fs::read_dir(harness.saves.path())
            .expect("the save directory")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .collect();
        assert_eq!(pdfs.len(), 1, "{pdfs:?}");
        assert!(status.contains(&pdfs[0].display().to_string()), "{status}");
        let (pdf_pages, text) = pdf_text(&pdfs[0]);
        assert!(pdf_pages >= pages, "the draft has {pdf_pages} pages, the preview without it had {pages}");
        // (pdftotext leaves out the rotated watermark: the record below says it was a draft.)
        assert!(text.contains("Tallyloop") && text.contains("Cloud Platform") && text.contains("Contents"), "{text}");
        let pager = find(&client, "[data-testid='export-page']").await.attr("data-pages").await.expect("attribute");
        assert_eq!(pager.and_then(|p| p.parse::<u32>().ok()), Some(pdf_pages), "the preview shows the PDF's pages");
        // The same contract as a Word document (issue 14 point 7).
        click(&client, "[data-testid='export-save-docx']").await;
        let status = wait_text(&client, "[data-testid='status']", "Word document").await;
        let docx: Vec<_> = std::fs::read_dir(harness.saves.path())
            .expect("the save directory")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "docx"))
            .collect();
        assert_eq!(docx.len(), 1, "{docx:?}");
        assert_eq!(docx[0].with_extension("pdf"), pdfs[0], "named as the PDF");
        assert!(status.contains(&docx[0].display().to_string()), "{status}");
        let bytes = std::fs::read(&docx[0]).expect("the Word document is written");
        assert!(bytes.starts_with(b"PK\x03\x04"), "a ZIP archive");
        assert!(contains_bytes(&bytes, b"word/document.xml"));

        click(&client, "[data-testid='settings']").await;
        let author = find(&client, "[data-testid='settings-author']").await;
        author.clear().await.expect("cleared");
        author.send_keys("Marie Curie").await.expect("typed");
        shot(&client, &format!("42-settings-{theme}")).await;
        click(&client, "[data-testid='settings-save']").await;
        gone(&client, "[data-testid='settings-dialog']").await;
        wait_text(&client, "[data-testid='status']", "Marie Curie").await;

        click(&client, "[data-testid='nav-editor']").await;
        click(&client, "[data-section='targets']").await;
        let within = "[data-path='targets[0].first_response.within']";
        type_into(&client, within, "3h").await;
        save_version(&client, within, "Slower first response", 2, None).await;

        click(&client, "[data-testid='editor-more'] summary").await;
        click(&client, "[data-testid='editor-history']").await;
        let newest = find(&client, "[data-testid='version-row'][data-number='2']").await.text().await.expect("a row");
        assert!(newest.contains("Marie Curie"), "{newest}");
        let clause = find(&client, "[data-testid='redline-clause']").await;
        let inserted = clause.find(Locator::Css("ins")).await.expect("an insertion").text().await.expect("text");
        let deleted = clause.find(Locator::Css("del")).await.expect("a deletion").text().await.expect("text");
        assert!(inserted.contains('3') && deleted.contains('2'), "inserted {inserted:?}, deleted {deleted:?}");
        find(&client, "[data-testid='redline-unchanged-group']").await;
        shot(&client, &format!("43-history-redline-{theme}")).await;
        click(&client, "[data-testid='theme']").await;
        let other = theme_of(&client).await;
        shot(&client, &format!("43-history-redline-{other}")).await;

        click(&client, "[data-testid='redline-save']").await;
        let status = wait_text(&client, "[data-testid='status']", "redline").await;
        let redline = harness.saves.path().join(format!("{id}-v1-v2-redline.pdf"));
        assert!(status.contains(&redline.display().to_string()), "{status}");
        let (_, text) = pdf_text(&redline);
        assert!(text.contains("Comparison") && text.contains("Tallyloop"), "{text}");
        click(&client, "[data-testid='redline-save-docx']").await;
        let word = harness.saves.path().join(format!("{id}-v1-v2-redline.docx"));
        wait_text(&client, "[data-testid='status']", &word.display().to_string()).await;
        let bytes = std::fs::read(&word).expect("the Word comparison is written");
        // Stored entries: the tracked changes are readable in the bytes.
        assert!(contains_bytes(&bytes, b"<w:ins ") && contains_bytes(&bytes, b"<w:del "));
        assert!(contains_bytes(&bytes, b"w:author=\"Marie Curie\""));
        client.close().await.expect("the session closes");
    });
    // Both exports are recorded in the library, against the versions they came from.
    let store = pledge::store::Store::open(&harness.data.path().join("pledge.db"))
        .expect("the database opens");
    let documents = store
        .documents(&id.parse().expect("a name"))
        .expect("documents");
    let kinds: Vec<(u32, &str)> = documents
        .iter()
        .map(|d| (d.version.number, d.document.kind.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (1, "contract-pdf"),
            (1, "contract-docx"),
            (2, "comparison-pdf"),
            (2, "comparison-docx")
        ]
    );
    assert_eq!(
        documents[0].document.options,
        serde_json::json!({ "lang": "en", "edition": "client", "draft": true })
    );
}

fn contains_bytes(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The elements `css` finds once there are `n` of them.
async fn count_of(client: &Client, css: &str, n: usize) -> Vec<Element> {
    let deadline = Instant::now() + WAIT;
    loop {
        let found = client.find_all(Locator::Css(css)).await.expect("a query");
        if found.len() == n {
            return found;
        }
        assert!(
            Instant::now() < deadline,
            "{css} found {} elements, never {n}",
            found.len()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The number in an element's attribute.
async fn number_at(client: &Client, css: &str, attribute: &str) -> u64 {
    find(client, css)
        .await
        .attr(attribute)
        .await
        .expect("the page answers")
        .unwrap_or_else(|| panic!("{css} has no {attribute}"))
        .parse()
        .unwrap_or_else(|e| panic!("{css} {attribute}: {e}"))
}

/// The core's report of `file` under `agreement`, imported into a library
/// of its own: a path independent of the app's.
fn core_report(
    file: &Path,
    agreement: &pledge::model::Agreement,
    values: pledge::history::Values,
    params: &pledge::history::generate::TrueParameters,
) -> pledge::history::report::Report {
    use pledge::history::report::{report, ReportOptions};
    let (_dir, store, name) = core_library(file, params);
    let options = ReportOptions {
        values,
        as_of: None,
    };
    report(&store, &name, agreement, &options).expect("a report")
}

/// `file` imported into a library of its own, with the history's name.
fn core_library(
    file: &Path,
    params: &pledge::history::generate::TrueParameters,
) -> (
    tempfile::TempDir,
    pledge::store::Store,
    pledge::store::HistoryName,
) {
    let dir = tempfile::tempdir().expect("a library");
    let mut store = pledge::store::Store::open(&dir.path().join("pledge.db")).expect("a store");
    let name: pledge::store::HistoryName = "check".parse().expect("a name");
    // The import's own time is only recorded: the export's end will do.
    let at = params.end();
    pledge::history::import(
        &mut store,
        file,
        &pledge::history::ImportOptions::new(name.clone(), at),
    )
    .expect("the export imports");
    (dir, store, name)
}

/// The Tickets screen (issue 13 point 7): a generated Zendesk export
/// imported through the system dialog with its progress and summary, the
/// compliance of the sample agreement on it checked against the core's
/// report of the same file, the breach heat-map's 168 hours, and a word of
/// the history mapped to a plan, which measures the report again.
#[test]
fn import_a_zendesk_export_and_measure_the_sample_agreement_on_it() {
    use pledge::history::generate::{write_export, TrueParameters};
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let harness = Harness::start(6);
    let params = TrueParameters::realistic(9, 400.0);
    let written = write_export(
        pledge::history::Format::Zendesk,
        &params,
        13,
        std::fs::File::create(harness.export()).expect("the export is written"),
        None,
    )
    .expect("generated");
    let sample = pledge::samples::SAMPLES
        .iter()
        .find(|s| s.name == "saas-multilevel")
        .expect("the sample");
    let agreement = pledge::format::read(sample.text).expect("the sample reads");
    // The sample names none of the generated organisations: nothing is
    // placed until one is mapped to a plan.
    let expected = core_report(&harness.export(), &agreement, Default::default(), &params);
    assert_eq!((expected.tickets, expected.measured), (written.tickets, 0));
    let word = expected
        .unknown_values
        .iter()
        .find(|u| u.field == pledge::history::resolve::Field::Plan)
        .expect("an organisation the sample does not name")
        .value
        .clone();
    let mut values = pledge::history::Values::default();
    values.plan.insert(word.clone(), "premium".into());
    let remapped = core_report(&harness.export(), &agreement, values.clone(), &params);
    assert!(
        remapped.measured > 0,
        "the mapped organisation's tickets are measured"
    );
    let (targets, calibrated_volume) = {
        use pledge::history::calibrate::{calibrate, CalibrateOptions};
        use pledge::history::targets::{history_targets, Shares};
        let (_dir, store, name) = core_library(&harness.export(), &params);
        let targets = history_targets(&store, &name, &agreement, &values, Shares::default())
            .expect("targets");
        let options = CalibrateOptions {
            values: values.clone(),
            ..CalibrateOptions::default()
        };
        let calibration = calibrate(&store, &name, &agreement, &options).expect("calibrated");
        let volume = calibration
            .spec
            .workload
            .tickets_per_week
            .expect("a weekly volume");
        (targets, volume)
    };

    runtime().block_on(async {
        let client = harness.launch().await;
        find(&client, ".app[data-ready='true']").await;
        find(&client, "[data-testid='locale']")
            .await
            .select_by_value("en")
            .await
            .expect("English");
        click(
            &client,
            "[data-testid='library-row'][data-id='saas-multilevel'] button.title",
        )
        .await;
        find(&client, "[data-path='meta.title']").await;
        click(&client, "[data-testid='nav-tickets']").await;
        find(&client, "[data-testid='tickets-none']").await;

        click(&client, "[data-testid='tickets-choose']").await;
        let name = find(&client, "[data-testid='tickets-name']").await;
        let stem = EXPORT_FILE.trim_end_matches(".csv");
        assert_eq!(
            name.prop("value").await.expect("a value").as_deref(),
            Some(stem)
        );
        click(&client, "[data-testid='tickets-start']").await;
        let summary = "[data-testid='tickets-summary'][data-stopped='false']";
        assert_eq!(
            number_at(&client, summary, "data-read").await,
            written.tickets
        );
        assert_eq!(
            number_at(&client, summary, "data-imported").await,
            written.tickets
        );
        let row = format!("[data-testid='tickets-history'][data-name='{stem}']");
        assert_eq!(
            number_at(&client, &row, "data-tickets").await,
            written.tickets
        );
        wait_text(
            &client,
            "[data-testid='tickets-report-summary']",
            "0 placed on a target row",
        )
        .await;
        settled_shot(&client, "60-tickets-imported").await;

        // A plan word the sample does not name, mapped to one of its plans:
        // kept for the history, and the report is measured again with it.
        let select = format!(
            "[data-testid='tickets-word'][data-field='plan'][data-value='{}'] select",
            word.replace('\'', "\\'")
        );
        find(&client, &select)
            .await
            .select_by_value("premium")
            .await
            .expect("mapped");
        let summary_text = wait_text(
            &client,
            "[data-testid='tickets-report-summary']",
            &format!("{} placed", remapped.measured),
        )
        .await;
        assert!(
            summary_text.contains(&format!("{} tickets", written.tickets)),
            "{summary_text}"
        );
        find(&client, "[data-testid='tickets-mapped']").await;
        settled_shot(&client, "61-tickets-word-mapped").await;

        // The compliance table: one row per objective, each figure the core's.
        let rows = client
            .find_all(Locator::Css("[data-testid='tickets-objective']"))
            .await
            .expect("rows");
        // Objectives no ticket reached are folded away under one button.
        let shown: Vec<_> = remapped
            .objectives
            .iter()
            .filter(|o| o.measured > 0)
            .collect();
        assert_eq!(rows.len(), shown.len());
        if shown.len() < remapped.objectives.len() {
            find(&client, "[data-testid='tickets-empty-objectives']").await;
        }
        for (row, o) in rows.iter().zip(shown) {
            let at = |name: &'static str| async move {
                row.attr(name)
                    .await
                    .expect("the page answers")
                    .unwrap_or_default()
            };
            assert_eq!(at("data-plan").await, o.plan);
            assert_eq!(at("data-priority").await, o.priority);
            assert_eq!(
                at("data-measured").await,
                o.measured.to_string(),
                "{} {}",
                o.plan,
                o.priority
            );
            assert_eq!(
                at("data-met").await,
                o.met.to_string(),
                "{} {}",
                o.plan,
                o.priority
            );
        }
        let cells = client
            .find_all(Locator::Css("[data-testid='tickets-heat'] [data-cell]"))
            .await
            .expect("cells");
        assert_eq!(cells.len(), 168);
        let zone = find(&client, "[data-testid='tickets-zone']")
            .await
            .text()
            .await
            .expect("a zone");
        assert!(zone.contains("America/New_York"), "{zone}");
        client
            .execute(
                "document.querySelector(\"[data-testid='tickets-objectives']\").scrollIntoView()",
                vec![],
            )
            .await
            .expect("scrolled");
        settled_shot(&client, "62-tickets-objectives").await;
        client
            .execute(
                "document.querySelector(\"[data-testid='tickets-heat']\").scrollIntoView()",
                vec![],
            )
            .await
            .expect("scrolled");
        settled_shot(&client, "63-tickets-heatmap").await;
        client
            .execute(
                "document.querySelector(\"[data-testid='tickets-bars-month']\").scrollIntoView()",
                vec![],
            )
            .await
            .expect("scrolled");
        settled_shot(&client, "64-tickets-breakdowns").await;

        // Achievable targets: each row the core's at 90 % of tickets and of
        // months; "Use" writes one into the agreement being edited.
        let held: Vec<_> = targets.rows.iter().filter(|r| r.tickets > 0).collect();
        let rows = count_of(&client, "[data-testid='tickets-target']", held.len()).await;
        for (row, r) in rows.iter().zip(&held) {
            assert_eq!(
                row.attr("data-row").await.expect("the page answers"),
                Some(r.row.to_string())
            );
            assert_eq!(
                row.attr("data-holds").await.expect("the page answers"),
                Some(r.holds_in_tickets.to_string())
            );
        }
        let change = held
            .iter()
            .find(|r| {
                r.in_tickets
                    .as_ref()
                    .is_some_and(|f| f.target != r.contractual)
            })
            .expect("a row whose held target is not the contract's");
        let found = change.in_tickets.as_ref().expect("found");
        let metric = serde_json::to_value(change.metric).expect("a metric");
        let metric = metric.as_str().expect("a name");
        let cell = format!(
            "[data-testid='tickets-target'][data-row='{}'][data-metric='{metric}']",
            change.row
        );
        client
            .execute(
                &format!("document.querySelector(\"{cell}\").scrollIntoView()"),
                vec![],
            )
            .await
            .expect("scrolled");
        settled_shot(&client, "65-tickets-targets").await;
        click(
            &client,
            &format!("{cell} [data-testid='tickets-use-tickets']"),
        )
        .await;
        wait_text(
            &client,
            "[data-testid='status']",
            &format!("to {}", found.target),
        )
        .await;
        // Once written, the held target is the contract's: nothing to use.
        find(&client, &format!("{cell}[data-holds='true']")).await;
        gone(
            &client,
            &format!("{cell} [data-testid='tickets-use-tickets']"),
        )
        .await;

        // Calibrating replaces the Simulation screen's workload with the
        // history's (the core's own calibration), and undoing puts it back.
        click(&client, "[data-testid='nav-simulation']").await;
        let before = find(&client, "[data-testid='sim-volume']")
            .await
            .prop("value")
            .await
            .expect("a value");
        click(&client, "[data-testid='nav-tickets']").await;
        click(&client, "[data-testid='tickets-calibrate']").await;
        find(&client, "[data-testid='sim-calibrated']").await;
        let volume = find(&client, "[data-testid='sim-volume']")
            .await
            .prop("value")
            .await
            .expect("a value")
            .unwrap_or_default();
        assert_eq!(
            volume.parse::<f64>().expect("a number"),
            calibrated_volume,
            "the calibrated weekly volume"
        );
        settled_shot(&client, "66-simulation-calibrated").await;
        click(&client, "[data-testid='sim-calibrated-undo']").await;
        gone(&client, "[data-testid='sim-calibrated']").await;
        assert_eq!(
            find(&client, "[data-testid='sim-volume']")
                .await
                .prop("value")
                .await
                .expect("a value"),
            before
        );

        // The editor's Undo takes the target back.
        click(&client, "[data-testid='nav-editor']").await;
        click(&client, "[data-testid='undo']").await;
        click(&client, "[data-testid='nav-tickets']").await;
        find(
            &client,
            &format!("{cell} [data-testid='tickets-use-tickets']"),
        )
        .await;
        client.close().await.expect("the session closes");
    });
    let maps = pledge::store::settings::saved_word_maps(
        harness.data.path(),
        EXPORT_FILE.trim_end_matches(".csv"),
    )
    .expect("the settings read");
    assert_eq!(maps.plan.values().collect::<Vec<_>>(), ["premium"]);
}

/// Issue 16 point 6: a portfolio of two sample agreements of the library
/// (the SaaS provider's and the French managed-services one) made on the
/// Portfolio screen, its period shortened, run, and the portfolio's
/// figures and each member's objectives shown.
#[test]
fn a_portfolio_of_two_library_agreements_runs_with_results_per_member() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let harness = Harness::start(9);
    runtime().block_on(async {
        let client = harness.launch().await;
        find(&client, ".app[data-ready='true']").await;
        find(&client, "[data-testid='locale']")
            .await
            .select_by_value("en")
            .await
            .expect("English");
        click(&client, "[data-testid='nav-portfolios']").await;
        type_into(
            &client,
            "[data-testid='pf-new-name']",
            "Service desk — two clients",
        )
        .await;
        click(
            &client,
            "[data-testid='pf-pick'][data-id='saas-multilevel']",
        )
        .await;
        click(
            &client,
            "[data-testid='pf-pick'][data-id='fr-pme-infogerance']",
        )
        .await;
        click(&client, "[data-testid='pf-create']").await;
        find(
            &client,
            "[data-testid='pf-member'][data-id='fr-pme-infogerance']",
        )
        .await;
        // Half the French client's volume, and a short period; Tab leaves
        // each field so its change is saved.
        type_into(
            &client,
            "[data-testid='pf-member'][data-id='fr-pme-infogerance'] [data-testid='pf-volume']",
            "50%\u{E004}",
        )
        .await;
        type_into(&client, "[data-testid='pf-horizon']", "14d\u{E004}").await;
        type_into(&client, "[data-testid='pf-replications']", "2").await;
        tokio::time::sleep(Duration::from_millis(800)).await;
        gone(&client, "[data-testid='pf-problems']").await;
        click(&client, "[data-testid='pf-run']").await;
        find(&client, "[data-testid='pf-summary']").await;
        let held = count_of(&client, "[data-testid='pf-held']", 2).await;
        assert_eq!(held.len(), 2);
        find(
            &client,
            "[data-testid='pf-member-results'][data-member='saas-multilevel'] tbody tr",
        )
        .await;
        let french = find(
            &client,
            "[data-testid='pf-member-results'][data-member='fr-pme-infogerance']",
        )
        .await
        .text()
        .await
        .expect("the member's results");
        assert!(french.contains("EUR"), "{french}");
        // Members are named by their agreements' titles, not only their ids.
        let heading = find(
            &client,
            "[data-testid='pf-member-results'][data-member='fr-pme-infogerance'] [data-testid='pf-member-title']",
        )
        .await
        .text()
        .await
        .expect("the member's heading");
        assert!(heading.starts_with("Convention de niveaux de service"), "{heading}");
        let summary = find(&client, "[data-testid='pf-held'][data-member='saas-multilevel']")
            .await
            .text()
            .await
            .expect("the member's summary row");
        assert!(summary.contains("Tallyloop"), "{summary}");
        // So are they in the shared teams' table.
        let serves = find(&client, "[data-testid='pf-team-members']")
            .await
            .text()
            .await
            .expect("a shared team's members");
        assert!(serves.contains("Tallyloop") && serves.contains("saas-multilevel"), "{serves}");
        find(&client, "[data-testid='pf-occupancy']").await;
        settled_shot(&client, "50-portfolio").await;
    });
}
