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

/// A child process stopped with SIGTERM when dropped, even on panic.
struct Terminated(Child);

impl Drop for Terminated {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg("-TERM").arg(self.0.id().to_string()).status();
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
    // Dropped in reverse order: the driver before the display.
    _driver: Option<Terminated>,
    _xvfb: Option<Terminated>,
}

fn tauri_driver() -> PathBuf {
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default();
    let candidates = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).map(|d| d.join("tauri-driver")).collect::<Vec<_>>())
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
        assert!(Instant::now() < deadline, "tauri-driver did not listen on port {port}");
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
                    .args([format!(":{number}").as_str(), "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .expect("Xvfb is not installed: run scripts/test.sh, or `apt-get install xvfb`");
                std::thread::sleep(Duration::from_millis(700));
                (format!(":{number}"), Some(Terminated(child)))
            }
        };
        let data = tempfile::tempdir().expect("a data directory");
        let saves = tempfile::tempdir().expect("a save directory");
        let driver = Command::new(tauri_driver())
            .args(["--port", &base.to_string(), "--native-port", &(base + 1).to_string()])
            .env("DISPLAY", &display)
            .env("PLEDGE_DATA_DIR", data.path())
            .env("PLEDGE_TEST_SAVE_DIR", saves.path())
            .env("LANG", "en_US.UTF-8")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver starts");
        let driver = Terminated(driver);
        wait_for_port(base);
        Harness { port: base, display, data, saves, _driver: Some(driver), _xvfb: xvfb }
    }

    async fn launch(&self) -> Client {
        let app = app_binary();
        let mut caps = serde_json::Map::new();
        caps.insert("tauri:options".into(), serde_json::json!({ "application": app }));
        let mut last = None;
        for _ in 0..5 {
            match ClientBuilder::native().capabilities(caps.clone()).connect(&format!("http://127.0.0.1:{}", self.port)).await {
                Ok(client) => return client,
                Err(e) => last = Some(e),
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
        panic!("no WebDriver session on {} (display {}): {last:?}", self.port, self.display);
    }
}

/// The app to drive: `PLEDGE_APP_BIN`, or the workspace's debug build
/// (`cargo build -p pledge-app`, which scripts/test.sh runs first).
fn app_binary() -> String {
    let path = std::env::var_os("PLEDGE_APP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/debug/pledge-app"));
    assert!(path.is_file(), "{} is missing: build the app first with `cargo build -p pledge-app`", path.display());
    path.canonicalize().expect("the app's path").display().to_string()
}

fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/e2e-screenshots");
    std::fs::create_dir_all(&dir).expect("the screenshot directory");
    dir
}

async fn shot(client: &Client, name: &str) {
    let png = client.screenshot().await.expect("a screenshot");
    std::fs::write(screenshots().join(format!("{name}.png")), png).expect("the screenshot is written");
}

async fn find(client: &Client, css: &str) -> Element {
    client.wait().at_most(WAIT).for_element(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css} never appeared: {e}"))
}

async fn gone(client: &Client, css: &str) {
    let deadline = Instant::now() + WAIT;
    while !client.find_all(Locator::Css(css)).await.expect("a query").is_empty() {
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
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime")
}

#[test]
fn create_from_a_sample_edit_a_target_see_a_diagnostic_come_and_go_and_save() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let harness = Harness::start(0);
    runtime().block_on(async {
        let client = harness.launch().await;
        find(&client, ".app[data-ready='true']").await;
        find(&client, "[data-testid='library-empty']").await;
        shot(&client, "01-library-empty").await;

        find(&client, "[data-testid='create']").await.click().await.expect("create");
        find(&client, "[data-path='meta.title']").await;
        shot(&client, "02-editor-meta").await;

        find(&client, "[data-section='calendars']").await.click().await.expect("calendars");
        find(&client, ".hours-grid").await;
        shot(&client, "03-editor-calendars").await;

        find(&client, "[data-section='targets']").await.click().await.expect("targets");
        let internal = "[data-path='targets[0].first_response.internal']";
        let diagnostic = ".diag[data-path='targets[0].first_response.internal'][data-code='internal-not-stricter']";
        type_into(&client, "[data-path='targets[0].first_response.within']", "2h").await;
        type_into(&client, internal, "3h").await;
        find(&client, diagnostic).await;
        find(&client, ".problems [data-code='internal-not-stricter']").await;
        shot(&client, "04-targets-diagnostic").await;

        type_into(&client, internal, "1h").await;
        gone(&client, diagnostic).await;
        gone(&client, ".problems [data-code='internal-not-stricter']").await;
        shot(&client, "05-targets-fixed").await;

        find(&client, "[data-testid='save']").await.click().await.expect("save");
        let status = find(&client, "[data-testid='status']").await.text().await.expect("a status");
        shot(&client, "06-saved").await;
        let saved: Vec<_> = std::fs::read_dir(harness.saves.path()).expect("the save directory").flatten().map(|e| e.path()).collect();
        assert_eq!(saved.len(), 1, "one file saved: {saved:?}");
        assert!(status.contains(&saved[0].display().to_string()), "{status}");
        let agreement = pledge::format::read(&std::fs::read_to_string(&saved[0]).expect("readable")).expect("a valid agreement");
        let first = agreement.targets[0].first_response.as_ref().expect("a first response target");
        assert_eq!(first.within.to_string(), "2h");
        assert_eq!(first.internal.map(|t| t.to_string()).as_deref(), Some("1h"));

        find(&client, "[data-testid='nav-library']").await.click().await.expect("library");
        let row = find(&client, "[data-testid='library-row']").await.text().await.expect("a row");
        assert!(row.contains(&saved[0].display().to_string()), "{row}");
        find(&client, "[data-testid='theme']").await.click().await.expect("theme");
        let locale = find(&client, "[data-testid='locale']").await;
        locale.select_by_value("fr").await.expect("French");
        find(&client, "th").await;
        shot(&client, "07-library-dark-fr").await;
        client.close().await.expect("the session closes");
    });
    assert!(harness.data.path().join("drafts").read_dir().expect("drafts").count() >= 1, "the draft was autosaved");
}

/// Cold start to an interactive library screen: from asking the driver for
/// a session (which launches the app) to the library rendered with its
/// data. Printed, not asserted: speed is measured, not tested.
#[test]
fn cold_start_reaches_an_interactive_library() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let runs: usize = std::env::var("PLEDGE_STARTUP_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(1);
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
