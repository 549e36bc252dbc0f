//! Which root of trust the terminal uses, by the core's rules (`terminal::State::pin`): the one
//! pinned in `state.json`; before the first install, the one its own site publishes at
//! `/trust.json` (from the same origin as the app that does the verifying). A newer
//! `/trust.json` must be a valid rotation of the pinned one, and is saved at once.

use super::net;
use super::store::Store;
use super::Problem;
use gongkai_core::bundle::terminal::{Held, Pinned, State};
use gongkai_core::bundle::{Limits, Manifest, SignedTrust};
use gongkai_core::site::TRUST_PATH;

/// The state to verify against, with what the store holds: the version served and its
/// manifest (a delta's base, and what pruning keeps). A rotation is saved here; a first pin is
/// written only with a first version.
pub async fn load_state(store: &Store) -> Result<(State, Held, Option<Manifest>), Problem> {
    // The version actually served: a damaged `active.json` or manifest falls back to the last
    // good one, so a full bundle can repair the store.
    let served = store.serving().await.manifest;
    let held = Held {
        active: served.as_ref().map(|m| m.version),
    };
    let stored = store.state().await?;
    let rotation = stored.is_some();
    let Pinned { state, changed } = State::pin(stored, published().await?, held)?;
    if changed && rotation {
        store.save_state(&state).await?;
    }
    Ok((state, held, served))
}

/// The site's `/trust.json`; a missing file or an unreachable site means none.
async fn published() -> Result<Option<SignedTrust>, Problem> {
    let how = net::Get {
        fresh: true,
        max: Limits::default().max_trust,
    };
    let Ok(Some(bytes)) = net::get(&format!("/{TRUST_PATH}"), how).await else {
        return Ok(None);
    };
    // A host's fallback page where JSON was expected means the file is absent.
    if bytes.trim_ascii_start().starts_with(b"<") {
        return Ok(None);
    }
    Ok(Some(SignedTrust::parse(&bytes)?))
}
