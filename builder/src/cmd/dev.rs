//! `gongkai dev`: build once, serve, and on every save rebuild (reusing the render and index
//! caches) and reload the open pages, or show the content's problems in them.

use super::build::{self, Attempt, Job};
use super::check;
use crate::cli::WarnArgs;
use crate::serve::{self, live::Live};
use crate::validate::Diagnostic;
use crate::watch::Watch;
use anyhow::Context;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct DevArgs {
    /// The content folder, watched for changes.
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    /// The output folder, as for `build` (replaced atomically on each good rebuild).
    #[arg(long, default_value = "site")]
    pub out: PathBuf,
    /// The built app (Trunk's dist folder), watched too; default: `dist` when it holds one.
    #[arg(long)]
    pub app: Option<PathBuf>,
    /// The port; 0 picks a free one.
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Listen on every network interface and answer any host name.
    #[arg(long)]
    pub public: bool,
    /// Where the site will be published, for the sitemap and the feeds.
    #[arg(long, value_name = "URL", value_parser = crate::validate::base_url::normalize)]
    pub base_url: Option<String>,
    #[command(flatten)]
    pub warn: WarnArgs,
}

pub fn run(args: &DevArgs) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(
        args.content.is_dir(),
        "content folder {} does not exist or is not a folder",
        args.content.display()
    );
    let app = app_folder(args);
    refuse_output_inside(&args.out, &args.content, app.as_deref())?;
    let job = Job {
        inputs: build::Inputs {
            app: app.as_deref(),
            trust: None,
            quick: false,
        },
        base_url: args.base_url.clone(),
        warn: &args.warn,
    };
    let live = Live::new();
    rebuild(args, &job, &live);
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    let options = serve::Options {
        port: args.port,
        public: args.public,
        limits: serve::Limits::default(),
    };
    let server = serve::start_live(&args.out, options, Arc::clone(&live))?;
    let mut folders = vec![args.content.as_path()];
    folders.extend(app.as_deref());
    let watch = Watch::new(&folders)?;
    announce(&args.out, &server.url(), &folders)?;
    on_saves(args, &job, &live, &watch);
    Ok(ExitCode::SUCCESS)
}

/// After each batch of saves: a quick build (the open pages reload), then a full one.
fn on_saves(args: &DevArgs, job: &Job<'_>, live: &Live, watch: &Watch) {
    let quick = Job {
        inputs: build::Inputs {
            quick: true,
            ..job.inputs
        },
        base_url: job.base_url.clone(),
        warn: job.warn,
    };
    while watch.next_batch().is_some() {
        if rebuild(args, &quick, live) {
            rebuild(args, job, live);
        }
    }
}

/// `--app`, or `dist` when it holds a built app.
fn app_folder(args: &DevArgs) -> Option<PathBuf> {
    if args.app.is_some() {
        return args.app.clone();
    }
    let dist = PathBuf::from("dist");
    let found = dist.join("index.html").is_file();
    if found {
        eprintln!("using the app in dist/ (give --app to use another)");
    } else {
        eprintln!("note: no dist/ with a built app, so the site has data but no pages");
    }
    found.then_some(dist)
}

/// Writing the site inside a watched folder would rebuild for ever.
fn refuse_output_inside(out: &Path, content: &Path, app: Option<&Path>) -> anyhow::Result<()> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let out = absolute(out);
    for watched in std::iter::once(content).chain(app) {
        anyhow::ensure!(
            !out.starts_with(absolute(watched)),
            "the output folder {} is inside the watched folder {}; choose another --out",
            out.display(),
            watched.display()
        );
    }
    Ok(())
}

/// The line scripts read the URL from, as `serve` prints it.
fn announce(out: &Path, url: &str, folders: &[&Path]) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    let watched: Vec<String> = folders.iter().map(|f| f.display().to_string()).collect();
    writeln!(
        stdout,
        "Serving {} at {url} (watching {}; Ctrl-C stops)",
        out.display(),
        watched.join(" and ")
    )?;
    stdout.flush()
}

/// One build; its outcome goes to the open pages and the terminal, and whether it built. A
/// build that fails for a reason other than the content (e.g. a full disk) is reported and
/// watching goes on. After a save, a quick build (pages, the previous search index) reloads
/// the pages, and a full one follows (search pages reload again).
fn rebuild(args: &DevArgs, job: &Job<'_>, live: &Live) -> bool {
    let start = Instant::now();
    let quick = job.inputs.quick;
    // A terminal gone away must not stop the rebuilds: the pages show the problems too.
    let mut show = |diags: &[Diagnostic]| {
        let _ = check::print(&stopping(diags, job.warn));
        Ok(())
    };
    match build::attempt(&args.content, &args.out, job, &mut show) {
        Ok(Attempt::Built { report, warnings }) => {
            let what = if quick {
                live.rebuilt();
                "pages"
            } else {
                live.indexed();
                "site and search index"
            };
            eprintln!(
                "built {what} of {} items ({} rendered) in {:.2} s{}",
                report.items,
                report.rendered,
                start.elapsed().as_secs_f64(),
                warnings_note(&warnings)
            );
            true
        }
        Ok(Attempt::Stopped(diags)) => {
            let problems = stopping(&diags, job.warn)
                .iter()
                .map(|d| d.to_string())
                .collect();
            eprintln!(
                "not rebuilt: {}; the pages show the problems",
                check::summary(&diags)
            );
            live.failed(problems);
            false
        }
        Err(err) => {
            eprintln!("error: {err:#}");
            live.failed(vec![format!("{err:#}")]);
            false
        }
    }
}

fn warnings_note(warnings: &[Diagnostic]) -> String {
    match warnings.len() {
        0 => String::new(),
        n => format!(", {n} warnings (`gongkai check` lists them)"),
    }
}

/// The diagnostics that stop the build: shown in full, in the terminal and in the pages, where
/// the other warnings would bury them on a large corpus.
fn stopping(diags: &[Diagnostic], warn: &WarnArgs) -> Vec<Diagnostic> {
    diags.iter().filter(|d| warn.stops(d)).cloned().collect()
}
