//! `tandem review` as a reviewer uses it: the page in Chromium, driven
//! through ChromeDriver (WebDriver, with fantoccini), by the keys and
//! clicks the page shows; and the server's checks, with plain HTTP.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::Value;
use tandem_pipeline::corrections::SideName;
use tandem_pipeline::review::Edit;

use crate::review::{Fix, INTERLEAVED, Sentences2, gold, next_fix};
use crate::util::{python_with_translate, required, sample, validate, xmllint};

/// A process killed when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `tandem review` started with `args`, and the address it printed.
fn review(args: &[&std::ffi::OsStr]) -> (Running, String) {
    let mut child = Process::new(assert_cmd::cargo::cargo_bin("tandem"))
        .arg("review")
        .args(args)
        .args(["--no-open", "--port", "0"])
        .env("SOURCE_DATE_EPOCH", "1705795200")
        .env("TANDEM_NO_EMBEDDINGS", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let running = Running(child);
    let mut said = String::new();
    for line in BufReader::new(stderr).lines() {
        let line = line.unwrap();
        said.push_str(&line);
        said.push('\n');
        if let Some(address) = line.strip_prefix("tandem: open ") {
            return (running, address.trim().to_string());
        }
    }
    panic!("tandem review printed no address:\n{said}");
}

/// `tandem review` of the sample, saving to `corrections`.
fn review_sample(corrections: &Path) -> (Running, String) {
    review(&[
        "--interleaved".as_ref(),
        sample(INTERLEAVED).as_os_str(),
        "--corrections".as_ref(),
        corrections.as_os_str(),
    ])
}

/// A free port on loopback.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// ChromeDriver (Debian package chromium-driver), running.
fn chromedriver() -> Option<(Running, u16)> {
    let driver = std::env::var("TANDEM_CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    let found = Process::new(&driver)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !required("ChromeDriver (Debian package chromium-driver)", found) {
        return None;
    }
    let port = free_port();
    let child = Process::new(&driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let running = Running(child);
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "ChromeDriver did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Some((running, port))
}

/// Headless Chromium under ChromeDriver, with the flags this machine's
/// closed network needs.
async fn browser(port: u16, profile: &Path) -> Client {
    let chromium = std::env::var("TANDEM_CHROMIUM").unwrap_or_else(|_| "chromium".into());
    let binary = Process::new("sh")
        .args(["-c", &format!("command -v {chromium}")])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or(chromium);
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": binary,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--window-size=1280,900",
                format!("--user-data-dir={}", profile.display()),
            ]
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .unwrap()
}

/// The review of the sample, open in Chromium: what every browser test
/// starts from.
struct Editor {
    client: Client,
    /// Where the corrections (and the exports) go.
    dir: tempfile::TempDir,
    corrections: PathBuf,
    server: Running,
    driver_port: u16,
    profile: tempfile::TempDir,
    _driver: Running,
}

impl Editor {
    /// `None` where ChromeDriver is not installed (outside CI).
    async fn on_the_sample() -> Option<Editor> {
        let (driver, driver_port) = chromedriver()?;
        let dir = tempfile::tempdir().unwrap();
        let corrections = dir.path().join("beijing.tandem.json");
        let (server, address) = review_sample(&corrections);
        let profile = tempfile::tempdir().unwrap();
        let client = browser(driver_port, profile.path()).await;
        client.goto(&address).await.unwrap();
        loaded(&client).await;
        Some(Editor {
            client,
            dir,
            corrections,
            server,
            driver_port,
            profile,
            _driver: driver,
        })
    }
}

/// The page's rows once loaded.
async fn loaded(client: &Client) {
    client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css("#list .row"))
        .await
        .unwrap();
}

/// What the server holds now, asked by the page's own means (its address,
/// its origin): every bead and whether it is confirmed.
async fn state(client: &Client) -> (Vec<Sentences2>, Vec<bool>, Value) {
    let data = client
        .execute_async(
            "const done = arguments[0]; fetch('pairs').then(r => r.json()).then(done);",
            vec![],
        )
        .await
        .unwrap();
    let pairs = data["pairs"].as_array().unwrap();
    let range = |v: &Value| v[0].as_u64().unwrap() as usize..v[1].as_u64().unwrap() as usize;
    let beads = pairs
        .iter()
        .map(|p| (range(&p["s"]), range(&p["t"])))
        .collect();
    let confirmed = pairs.iter().map(|p| p["r"].as_bool().unwrap()).collect();
    (beads, confirmed, data)
}

/// Waits until the status line says something new, and returns it.
async fn status_after(client: &Client, before: &str) -> String {
    let start = Instant::now();
    loop {
        let now = client
            .find(Locator::Id("status"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        if now != before {
            return now;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the page did not answer"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Presses keys on the page, as a reviewer types them.
async fn press(client: &Client, keys: &str) {
    client
        .find(Locator::Css("body"))
        .await
        .unwrap()
        .send_keys(keys)
        .await
        .unwrap();
}

/// Empties the status line: a change of it is the page's answer, and
/// each answer must be new to be seen.
async fn clear_status(client: &Client) {
    client
        .execute(
            "document.getElementById('status').textContent = '…';",
            vec![],
        )
        .await
        .unwrap();
}

/// Presses keys that send an edit, and waits for the page to show its
/// outcome; returns the status line.
async fn press_and_wait(client: &Client, keys: &str) -> String {
    clear_status(client).await;
    press(client, keys).await;
    status_after(client, "…").await
}

/// Clicks a button, and waits for the page to show the outcome; returns
/// the status line.
async fn click_and_wait(client: &Client, id: &str) -> String {
    clear_status(client).await;
    client
        .find(Locator::Id(id))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    status_after(client, "…").await
}

/// Makes pair `bead` (0-based, document order) the current one, by keys.
async fn go_to(client: &Client, bead: usize) {
    let home = char::from(Key::Home).to_string();
    let down = char::from(Key::Down).to_string();
    press(client, &format!("{home}{}", down.repeat(bead))).await;
    let current = client
        .find(Locator::Css("#list .row.current"))
        .await
        .unwrap()
        .attr("data-k")
        .await
        .unwrap();
    assert_eq!(current.as_deref(), Some(bead.to_string().as_str()));
}

/// Clicks a sentence, in the pairs list or the panel under it.
async fn click_sentence(client: &Client, side: &str, index: usize) {
    let selector = format!(".sent[data-side=\"{side}\"][data-i=\"{index}\"]");
    // The list is drawn again as it scrolls: an element found a moment
    // ago may be gone; find it again.
    for attempt in 0.. {
        let element = client.find(Locator::Css(&selector)).await.unwrap();
        match element.click().await {
            Ok(()) => break,
            Err(e) if attempt < 5 => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            Err(e) => panic!("cannot click {selector}: {e}"),
        }
    }
    let selected = client
        .find(Locator::Css(&format!("{selector}.selected")))
        .await;
    assert!(
        selected.is_ok(),
        "{side} sentence {index} is not shown as selected"
    );
}

/// Does an edit the way the page offers it: the current pair moved to by
/// keys, sentences selected by clicks, the action by its key.
async fn perform(client: &Client, edit: Edit) -> String {
    let side_key = |side: SideName, last: bool| match (side, last) {
        (SideName::Target, true) => "]",
        (SideName::Target, false) => "[",
        (SideName::Source, true) => "}",
        (SideName::Source, false) => "{",
    };
    match edit {
        Edit::Confirm { bead, .. } => {
            go_to(client, bead).await;
            press_and_wait(client, "c").await
        }
        Edit::Merge { bead } => {
            go_to(client, bead).await;
            press_and_wait(client, "m").await
        }
        Edit::Split { bead, side, last } => {
            go_to(client, bead).await;
            press_and_wait(client, side_key(side, last)).await
        }
        Edit::Link { source, target } => {
            // The pair that holds the source sentence brought on screen.
            let (beads, _, _) = state(client).await;
            let at = beads.iter().position(|b| b.0.contains(&source)).unwrap();
            go_to(client, at).await;
            click_sentence(client, "source", source).await;
            click_sentence(client, "target", target).await;
            press_and_wait(client, "l").await
        }
        Edit::Realign => press_and_wait(client, "r").await,
        Edit::Unmatched { side, sentence } => {
            let (beads, _, _) = state(client).await;
            let side = match side {
                SideName::Source => "source",
                SideName::Target => "target",
            };
            let at = beads
                .iter()
                .position(|b| match side {
                    "source" => b.0.contains(&sentence),
                    _ => b.1.contains(&sentence),
                })
                .unwrap();
            go_to(client, at).await;
            click_sentence(client, side, sentence).await;
            press_and_wait(client, "u").await
        }
    }
}

/// The done-when of the review editor, in the browser: a reviewer who
/// knows the gold fixes every wrong pair of the sample with at most one
/// edit per wrong pair, through the page's keys and clicks; the state
/// survives a reload; the TMX exported from the page is valid, its
/// confirmed units marked.
#[tokio::test(flavor = "current_thread")]
async fn a_reviewer_fixes_the_sample_in_the_browser() {
    // Every part bound: what a pattern leaves out is dropped at once, and
    // the server and the driver with it.
    let Some(Editor {
        client,
        dir,
        corrections,
        server: _server,
        profile: _profile,
        _driver,
        ..
    }) = Editor::on_the_sample().await
    else {
        return;
    };
    let title = client
        .find(Locator::Id("title"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        title.contains(INTERLEAVED) && title.contains("zh-CN → en"),
        "{title}"
    );
    // The shortcuts are on the page.
    let help = client
        .find(Locator::Id("actions"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for key in ["c", "m", "]", "[", "l", "u"] {
        assert!(help.contains(key), "{help}");
    }

    let gold = gold();
    let (beads, _, _) = state(&client).await;
    let wrong = gold.iter().filter(|g| !beads.contains(g)).count();
    let (mut edits, mut confirms) = (0, 0);
    loop {
        let (beads, confirmed, _) = state(&client).await;
        let Some(fix) = next_fix(&beads, &gold, &confirmed) else {
            break;
        };
        assert!(edits + confirms < 4 * wrong, "no end in sight: {beads:?}");
        let said = match fix {
            Fix::ConfirmAbove(bead) => {
                confirms += 1;
                perform(&client, Edit::Confirm { bead, alone: false }).await
            }
            Fix::Edit(edit) => {
                edits += 1;
                perform(&client, edit).await
            }
        };
        let error = client.find(Locator::Css("#status.error")).await.is_ok();
        assert!(!error, "the page refused {fix:?}: {said}");
    }
    // Written for the note: the figures of the done-when.
    eprintln!("browser: {wrong} wrong pairs fixed with {edits} edits and {confirms} confirmations");
    assert!(edits <= wrong, "{edits} edits for {wrong} wrong pairs");
    let (beads, _, before) = state(&client).await;
    assert_eq!(beads, gold);

    // Reloaded, the page shows what was saved.
    client.refresh().await.unwrap();
    loaded(&client).await;
    let (_, _, after) = state(&client).await;
    assert_eq!(after, before);
    let reviewed = client
        .find_all(Locator::Css("#list .row.reviewed"))
        .await
        .unwrap();
    assert!(!reviewed.is_empty());
    // Only the rows on screen are in the page.
    let rows = client.find_all(Locator::Css("#list .row")).await.unwrap();
    assert!(rows.len() < gold.len(), "{} rows rendered", rows.len());

    // Exported from the page: a valid TMX, its confirmed units marked.
    let said = press_and_wait(&client, "e").await;
    let tmx = dir.path().join("beijing.reviewed.tmx");
    assert!(said.contains("beijing.reviewed.tmx"), "{said}");
    let confirmed = after["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["r"].as_bool().unwrap() && p["s"][0] != p["s"][1] && p["t"][0] != p["t"][1])
        .count();
    if xmllint() {
        validate(&tmx);
    }
    let memory = std::fs::read_to_string(&tmx).unwrap();
    assert_eq!(
        memory
            .matches(r#"<prop type="x-reviewed">yes</prop>"#)
            .count(),
        confirmed
    );
    if let Some(python) = python_with_translate() {
        let units = Process::new(python)
            .args([
                "-c",
                "import sys; from translate.storage.tmx import tmxfile; \
                 print(len(tmxfile(open(sys.argv[1], 'rb')).units))",
            ])
            .arg(&tmx)
            .output()
            .unwrap();
        let count = String::from_utf8_lossy(&units.stdout).trim().to_string();
        assert_eq!(count, memory.matches("<tu ").count().to_string());
    }
    // The corrections file holds the decisions, and `align --corrections`
    // gives the gold too.
    let file: Value = serde_json::from_slice(&std::fs::read(&corrections).unwrap()).unwrap();
    assert_eq!(
        file["decisions"].as_array().unwrap().len(),
        edits + confirms
    );
    client.close().await.unwrap();
}

/// Every action the page offers, by its key and by its button: confirm,
/// merge, split, link, untranslated, undo, redo, worst first; each saved
/// before it is shown, so a reload (or a server killed and started again
/// on the corrections file) shows it; exports in every format.
#[tokio::test(flavor = "current_thread")]
async fn every_action_of_the_page_is_saved_and_undone() {
    let Some(Editor {
        client,
        dir,
        corrections,
        server,
        driver_port,
        profile,
        _driver,
    }) = Editor::on_the_sample().await
    else {
        return;
    };
    let (first, _, _) = state(&client).await;

    // Confirm the title (button).
    click_and_wait(&client, "confirm").await;
    let (_, confirmed, _) = state(&client).await;
    assert!(confirmed[0] && !confirmed[1]);

    // A pair cannot span two paragraph pairs of the interleaved file: the
    // page says why, and nothing changes.
    let sections = sections();
    let section_of = |b: &Sentences2| sections.iter().position(|s| s.0.contains(&b.0.start));
    let across = (1..first.len() - 1)
        .find(|&k| section_of(&first[k]) != section_of(&first[k + 1]))
        .unwrap();
    go_to(&client, across).await;
    let said = press_and_wait(&client, "m").await;
    assert!(said.contains("paragraph pairs"), "{said}");
    assert!(client.find(Locator::Css("#status.error")).await.is_ok());
    assert_eq!(state(&client).await.0.len(), first.len());

    // Merge two pairs of one paragraph (key m).
    let k = (1..first.len() - 2)
        .find(|&k| {
            (k..k + 3).all(|j| section_of(&first[j]) == section_of(&first[k]))
                && (k..k + 3).all(|j| !first[j].0.is_empty() && !first[j].1.is_empty())
        })
        .unwrap();
    go_to(&client, k).await;
    press_and_wait(&client, "m").await;
    let (merged, confirmed, _) = state(&client).await;
    assert_eq!(
        merged[k],
        (
            first[k].0.start..first[k + 1].0.end,
            first[k].1.start..first[k + 1].1.end
        )
    );
    assert!(confirmed[k]);
    assert_eq!(merged.len(), first.len() - 1);

    // Split it again: its last target sentence to the next pair (key ]).
    press_and_wait(&client, "]").await;
    let (split, _, _) = state(&client).await;
    assert_eq!(split[k].1.end, first[k + 1].1.end - 1);
    assert!(split[k + 1].1.contains(&(first[k + 1].1.end - 1)));

    // Mark a target sentence as untranslated: click it, press u.
    let target = first[10].1.start;
    perform(
        &client,
        Edit::Unmatched {
            side: SideName::Target,
            sentence: target,
        },
    )
    .await;
    let (marked, _, _) = state(&client).await;
    assert!(
        marked
            .iter()
            .any(|b| b.0.is_empty() && b.1 == (target..target + 1))
    );

    // Undo (z) takes it back; redo (the button) brings it again.
    press_and_wait(&client, "z").await;
    assert_eq!(state(&client).await.0, split);
    click_and_wait(&client, "redo").await;
    assert_eq!(state(&client).await.0, marked);

    // Realign the unconfirmed rest (key r): every decision holds, and it is
    // one more decision, undone as any other.
    let said = press_and_wait(&client, "r").await;
    assert!(said.contains("Realigned"), "{said}");
    let (realigned, confirmed, _) = state(&client).await;
    assert!(
        realigned
            .iter()
            .any(|b| b.0.is_empty() && b.1 == (target..target + 1))
    );
    assert!(confirmed[0] && confirmed[k]);
    press_and_wait(&client, "z").await;
    assert_eq!(state(&client).await.0, marked);

    // Worst first: the least sure pair on top.
    press(&client, "w").await;
    let (_, _, data) = state(&client).await;
    let lowest = (data["pairs"].as_array().unwrap().iter().enumerate())
        .min_by(|a, b| {
            a.1["c"]
                .as_f64()
                .unwrap()
                .total_cmp(&b.1["c"].as_f64().unwrap())
        })
        .unwrap()
        .0;
    let top = client
        .find(Locator::Css("#list .row[data-at=\"0\"]"))
        .await
        .unwrap()
        .attr("data-k")
        .await
        .unwrap();
    assert_eq!(top, Some(lowest.to_string()));

    // The server killed; started again on the corrections file alone, it
    // shows the same.
    drop(server);
    client.close().await.unwrap();
    let (_server, address) = review(&[corrections.as_os_str()]);
    let client = browser(driver_port, profile.path()).await;
    client.goto(&address).await.unwrap();
    loaded(&client).await;
    assert_eq!(state(&client).await.0, marked);

    // Exports in each format, from the buttons.
    for (button, file) in [
        ("export-tmx", "beijing.reviewed.tmx"),
        ("export-tsv", "beijing.reviewed.tsv"),
        ("export-xliff", "beijing.reviewed.xlf"),
    ] {
        let said = click_and_wait(&client, button).await;
        assert!(said.contains(file), "{said}");
        assert!(dir.path().join(file).is_file(), "{file}");
    }
    let tsv = std::fs::read_to_string(dir.path().join("beijing.reviewed.tsv")).unwrap();
    assert!(tsv.lines().count() > 40);
    // Nothing else was written: the corrections and the exports.
    let mut written: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "beijing.reviewed.tmx",
            "beijing.reviewed.tsv",
            "beijing.reviewed.xlf",
            "beijing.tandem.json"
        ]
    );
    client.close().await.unwrap();
}

/// The sample's sections (its paragraph pairs) as sentence ranges.
fn sections() -> Vec<Sentences2> {
    let bytes = std::fs::read(sample(INTERLEAVED)).unwrap();
    let document = tandem_segment::DocumentPair::read_interleaved(
        INTERLEAVED,
        bytes,
        None,
        &tandem_segment::ReadOptions::default(),
    )
    .unwrap();
    let (src, tgt) = (document.src.sentences(), document.tgt.sentences());
    document
        .sections
        .iter()
        .map(|s| {
            (
                src.sentences_of(s.src.clone()),
                tgt.sentences_of(s.tgt.clone()),
            )
        })
        .collect()
}

/// One HTTP/1.1 request to the server, headers as given: the status.
fn status_of(port: u16, request: &str) -> u16 {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {answer:?}"))
}

/// The server's checks, with plain HTTP requests: the token, the Host
/// (DNS rebinding), the Origin (cross-site requests), JSON for changes;
/// and it listens on loopback only.
#[test]
fn the_server_answers_only_its_page_on_its_address() {
    let dir = tempfile::tempdir().unwrap();
    let corrections = dir.path().join("r.tandem.json");
    let (_server, address) = review_sample(&corrections);
    let rest = address.strip_prefix("http://127.0.0.1:").unwrap();
    let (port, path) = rest.split_once('/').unwrap();
    let port: u16 = port.parse().unwrap();
    let token = path.trim_end_matches('/');
    assert_eq!(token.len(), 32);
    let get = |path: &str, headers: &str| {
        status_of(
            port,
            &format!("GET {path} HTTP/1.1\r\n{headers}Connection: close\r\n\r\n"),
        )
    };
    let host = format!("Host: 127.0.0.1:{port}\r\n");
    let pairs = format!("/{token}/pairs");
    assert_eq!(get(&format!("/{token}/"), &host), 200);
    assert_eq!(get(&pairs, &host), 200);
    assert_eq!(get(&pairs, &format!("Host: localhost:{port}\r\n")), 200);
    // Without the token, or with another, nothing is there.
    assert_eq!(get("/", &host), 404);
    assert_eq!(get("/pairs", &host), 404);
    assert_eq!(get(&format!("/{}/pairs", "0".repeat(32)), &host), 404);
    assert_eq!(get(&format!("/{}/pairs", &token[..31]), &host), 404);
    // The documents are served as sentences, not as files.
    assert_eq!(get(&format!("/{token}/{INTERLEAVED}"), &host), 404);
    assert_eq!(get(&format!("/{token}/../../etc/passwd"), &host), 404);
    // A name of another's that resolves to us (DNS rebinding).
    assert_eq!(
        get(&pairs, &format!("Host: attacker.example:{port}\r\n")),
        403
    );
    assert_eq!(get(&pairs, ""), 403);
    // Another site's page asking.
    assert_eq!(
        get(
            &pairs,
            &format!("{host}Origin: http://attacker.example\r\n")
        ),
        403
    );
    assert_eq!(
        get(
            &pairs,
            &format!("{host}Origin: http://127.0.0.1:{}\r\n", port + 1)
        ),
        403
    );
    assert_eq!(
        get(&pairs, &format!("{host}Sec-Fetch-Site: cross-site\r\n")),
        403
    );
    assert_eq!(
        get(
            &pairs,
            &format!("{host}Origin: http://127.0.0.1:{port}\r\n")
        ),
        200
    );
    // A change must be JSON: a cross-site form cannot send it.
    let post = |path: &str, headers: &str, body: &str| {
        status_of(
            port,
            &format!(
                "POST {path} HTTP/1.1\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            ),
        )
    };
    let edit = format!("/{token}/edit");
    let merge = r#"{"edit":"confirm","bead":3}"#;
    assert_eq!(
        post(&edit, &format!("{host}Content-Type: text/plain\r\n"), merge),
        415
    );
    assert_eq!(
        post(
            &edit,
            &format!("{host}Content-Type: application/json\r\nOrigin: http://attacker.example\r\n"),
            merge
        ),
        403
    );
    let saved_before = std::fs::read(&corrections).unwrap();
    assert_eq!(
        post(
            &edit,
            &format!("Host: attacker.example:{port}\r\nContent-Type: application/json\r\n"),
            merge
        ),
        403
    );
    assert_eq!(
        std::fs::read(&corrections).unwrap(),
        saved_before,
        "a refused edit was saved"
    );
    // A bad edit is refused with a reason, and nothing changes.
    let json = format!("{host}Content-Type: application/json\r\n");
    assert_eq!(post(&edit, &json, r#"{"edit":"merge","bead":9999}"#), 409);
    assert_eq!(post(&edit, &json, r#"{"edit":"explode"}"#), 422);
    assert_eq!(
        post(
            &format!("/{token}/export"),
            &json,
            r#"{"format":"../../x"}"#
        ),
        400
    );
    assert_eq!(std::fs::read(&corrections).unwrap(), saved_before);
    // The right edit goes through, and is saved.
    assert_eq!(post(&edit, &json, merge), 200);
    assert_ne!(std::fs::read(&corrections).unwrap(), saved_before);

    // Loopback only: not on the machine's other addresses.
    let others = Process::new("hostname").arg("-I").output();
    if let Ok(others) = others {
        for ip in String::from_utf8_lossy(&others.stdout).split_whitespace() {
            if let Ok(ip) = ip.parse::<std::net::IpAddr>()
                && !ip.is_loopback()
            {
                let reached = TcpStream::connect_timeout(
                    &std::net::SocketAddr::new(ip, port),
                    Duration::from_secs(2),
                );
                assert!(reached.is_err(), "the server answers on {ip}");
            }
        }
    }
}
