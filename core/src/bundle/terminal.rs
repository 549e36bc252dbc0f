//! The terminal's rules, once for every executor: the native store behind `gongkai apply` and
//! the browser's OPFS store in the sync worker carry out what these pure functions decide.
//!
//! A terminal keeps a [`State`] (`state.json`): its history (the rollback, replay and
//! freeze rules of [`History`]) and the trust root it pinned. Installing is three decisions:
//! [`State::pin`] settles which root to verify with, [`State::admit`] judges a verified
//! manifest against the history and the active version, and [`State::accept`] is the state to
//! write once the new version's files are stored. [`keep`] says which versions survive.

pub mod layout;

use crate::bundle::history::Admission;
use crate::bundle::{Authentic, BundleError, History, SignedTrust};
use serde::{Deserialize, Serialize};

pub const STATE_FORMAT: u32 = 1;

/// `state.json`: what the terminal has accepted, and whom it trusts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    pub format: u32,
    pub history: History,
    pub trust: SignedTrust,
}

/// What the store holds besides its state, as far as the rules care.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Held {
    /// The version being served, if any.
    pub active: Option<u64>,
}

/// What to do with a manifest that verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// It is the active version already: nothing to store (the state may still need saving,
    /// see [`Pinned::changed`]).
    AlreadyActive,
    /// Store its files (a delta's base is the active version), then write [`State::accept`].
    Install,
}

/// The state to verify with, and whether it differs from what is stored (a first pin or a
/// rotation), so that it is saved even when nothing is installed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pinned {
    pub state: State,
    pub changed: bool,
}

impl State {
    pub fn new(trust: SignedTrust) -> State {
        State {
            format: STATE_FORMAT,
            history: History::default(),
            trust,
        }
    }

    /// Parses a stored `state.json`.
    pub fn parse(bytes: &[u8]) -> Result<State, String> {
        let state: State = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        if state.format != STATE_FORMAT {
            return Err(format!("unknown state format {}", state.format));
        }
        Ok(state)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).unwrap_or_default()
    }

    /// Settles the root to verify with from the stored state and a root `offered` (the factory
    /// `--trust` file natively, the site's `/trust.json` in the browser).
    ///
    /// - No state and no version held: the offered root is pinned (trust on first use).
    /// - No state but a version held: refused. The history was lost (deleted, or a damaged
    ///   disk), and starting a new one would forget every rollback it guarded against.
    /// - A newer offered root must be a valid rotation of the pinned one; an older one changes
    ///   nothing; the same version with other content is refused.
    pub fn pin(
        stored: Option<State>,
        offered: Option<SignedTrust>,
        held: Held,
    ) -> Result<Pinned, BundleError> {
        let Some(state) = stored else {
            if let Some(version) = held.active {
                return Err(BundleError::StateLost { active: version });
            }
            let trust = offered.ok_or(BundleError::NoTrustRoot)?;
            return Ok(Pinned {
                state: State::new(trust),
                changed: true,
            });
        };
        match offered {
            Some(new) if new.signed.version > state.trust.signed.version => {
                new.rotate_from(&state.trust.signed)?;
                Ok(Pinned {
                    state: state.rotated(new),
                    changed: true,
                })
            }
            Some(same)
                if same.signed.version == state.trust.signed.version
                    && same.signed != state.trust.signed =>
            {
                Err(BundleError::BadTrust(
                    "the offered trust root differs from the pinned root of the same version"
                        .into(),
                ))
            }
            _ => Ok(Pinned {
                state,
                changed: false,
            }),
        }
    }

    /// The state once `next` (a rotation already verified) is pinned. The history is scoped
    /// to the release keys: when the rotation revokes one, the version history starts again
    /// under the new root. A stolen release key may have signed "version 2^53" to freeze every
    /// terminal; revoking it must also undo that. Bundles signed by the revoked key no longer
    /// verify, so the reset reopens nothing to them. The newest `created` seen is kept: time
    /// witnessed by signed manifests still never goes backwards.
    fn rotated(&self, next: SignedTrust) -> State {
        let revoked = !self.trust.signed.release.kept_in(&next.signed.release);
        let history = match revoked {
            true => History {
                newest_created: self.history.newest_created,
                ..History::default()
            },
            false => self.history.clone(),
        };
        State {
            format: STATE_FORMAT,
            history,
            trust: next,
        }
    }

    /// The state a verified bundle is judged by: this one, or with the root it shipped pinned.
    fn for_bundle(&self, auth: &Authentic) -> State {
        match &auth.rotated {
            Some(next) => self.rotated(next.clone()),
            None => self.clone(),
        }
    }

    /// Judges a verified bundle: the history's rules at `clock`, then whether it is new.
    pub fn admit(&self, auth: &Authentic, held: Held, clock: u64) -> Result<Decision, BundleError> {
        let manifest = &auth.manifest;
        let admission = self.for_bundle(auth).history.admit(manifest, clock)?;
        if admission == Admission::Again && held.active == Some(manifest.version) {
            return Ok(Decision::AlreadyActive);
        }
        Ok(Decision::Install)
    }

    /// The state to save once `auth`'s files are stored: a root it shipped pinned, and the
    /// manifest recorded.
    pub fn accept(&self, auth: &Authentic) -> State {
        let mut next = self.for_bundle(auth);
        next.history.record(&auth.manifest);
        next
    }
}

/// The versions a store keeps after installing `new` over `previous`: the new one, and the one
/// it replaced (a fallback and a delta base). Everything else may be removed.
pub fn keep(new: u64, previous: Option<u64>) -> impl Fn(u64) -> bool {
    move |v| v == new || Some(v) == previous
}

#[cfg(test)]
mod tests;
