//! Command-line arguments: one subcommand per file under `cmd/`.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// gongkai: a city's regulations and disclosures as a fast, searchable static site.
#[derive(Debug, Parser)]
#[command(name = "gongkai", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every content file and report each problem as path:line: message.
    Check {
        /// The content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        #[command(flatten)]
        warn: WarnArgs,
    },
    /// Check, then render the content into a complete static site.
    Build {
        /// The content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The output folder; replaced atomically on success, untouched on failure.
        #[arg(long, default_value = "site")]
        out: PathBuf,
        /// The built app (Trunk's dist folder) to copy into the site; without it, only data is written.
        #[arg(long)]
        app: Option<PathBuf>,
        /// A trust root (from `gongkai trust init`) to publish as /trust.json, which browser
        /// terminals pin on first use.
        #[arg(long)]
        trust: Option<PathBuf>,
        /// Where the site is published (http or https), for the sitemap and the feeds; overrides
        /// `base_url` in site.toml.
        #[arg(long, value_name = "URL", value_parser = crate::validate::base_url::normalize)]
        base_url: Option<String>,
        #[command(flatten)]
        warn: WarnArgs,
    },
    /// Serve a built site on 127.0.0.1 for preview, or what a terminal store holds.
    Serve {
        /// The built site folder.
        #[arg(long, default_value = "site")]
        site: PathBuf,
        /// Serve a terminal store instead (`gongkai apply --store`): its active version, only
        /// bytes that hash to the signed manifest.
        #[arg(long, conflicts_with = "site")]
        store: Option<PathBuf>,
        /// The port; 0 picks a free one.
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Listen on every network interface and answer any host name (other machines on the
        /// network can then read the site); by default only this machine, as 127.0.0.1.
        #[arg(long)]
        public: bool,
    },
    /// Build, serve and watch: rebuild on every save and reload the open pages.
    Dev(crate::cmd::dev::DevArgs),
    /// Start a new item from a template: every required field, today's date, the next 索引号.
    New(crate::cmd::new::NewArgs),
    /// Fill in the sha256 of every attachment of these item files.
    Hash(crate::cmd::hash::HashArgs),
    /// Search a built site's index with the same engine the browser uses.
    Search(crate::cmd::search::SearchArgs),
    /// Convert another corpus into gongkai content files.
    Import {
        #[command(subcommand)]
        source: ImportSource,
    },
    /// Generate an ed25519 key pair for signing bundles.
    Keygen(crate::cmd::keygen::KeygenArgs),
    /// Create or sign the root of trust that terminals pin.
    Trust {
        #[command(subcommand)]
        action: crate::cmd::trust::TrustAction,
    },
    /// Write a signed offline bundle (or a sync feed) of a built site.
    Bundle(crate::cmd::bundle::BundleArgs),
    /// Verify a bundle against a trust root; exit 0 if it is valid.
    Verify(crate::cmd::verify::VerifyArgs),
    /// Verify a bundle and make it the active version of a terminal store.
    Apply(crate::cmd::apply::ApplyArgs),
}

/// How `check` and `build` treat warnings.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct WarnArgs {
    /// Fail (exit 1) on warnings too; a build then leaves the output as it was.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Judge dates (a 时效性 against its 施行日期 and 失效日期) as of this day, YYYY-MM-DD;
    /// default: today in China (UTC+8). The built site never depends on it.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<gongkai_core::Date>,
}

impl WarnArgs {
    /// Whether `d` stops a build: every error, and warnings when they are denied.
    pub fn stops(&self, d: &crate::validate::Diagnostic) -> bool {
        !d.warning || self.deny_warnings
    }

    /// The day dates are judged on.
    pub fn day(&self) -> gongkai_core::Date {
        self.as_of.unwrap_or_else(crate::validate::today)
    }
}

pub(crate) fn parse_date(s: &str) -> Result<gongkai_core::Date, String> {
    s.parse()
        .map_err(|e: gongkai_core::date::DateError| e.to_string())
}

#[derive(Debug, Subcommand)]
pub enum ImportSource {
    /// The LawRefBook corpus of Chinese laws (Markdown, one law per file).
    Lawrefbook {
        /// The corpus folder, e.g. ../shared/corpus/lawrefbook.
        src: PathBuf,
        /// The content folder to create.
        dest: PathBuf,
    },
    /// A deterministic synthetic corpus of regulations and disclosures sampled from a real one.
    Synth {
        /// The real corpus to sample from, e.g. ../shared/corpus/lawrefbook.
        #[arg(long)]
        from: PathBuf,
        /// How many items to generate (about 70 % regulations, 30 % disclosure items).
        #[arg(long, default_value_t = 100_000)]
        items: u32,
        /// The random seed; the same seed and arguments give byte-identical output.
        #[arg(long, default_value_t = crate::import::synth::DEFAULT_SEED)]
        seed: u64,
        /// The content folder to create; it must be empty or absent.
        dest: PathBuf,
    },
}
