//! Which root of trust the terminal uses: the one pinned in `state.json`; before the first
//! install, the one its own site publishes at `/trust.json` (from the same origin as the app that
//! does the verifying). A newer `/trust.json` must be a valid rotation of the pinned one; an older
//! one is ignored; the same version with other keys is refused — the rules of the native `apply`.

use super::net;
use super::store::{State, Store};
use super::Problem;
use gongkai_core::bundle::{BundleError, SignedTrust};
use gongkai_core::site::TRUST_PATH;

/// The state to verify against (not yet saved: it is written only with a new version).
pub async fn load_state(store: &Store) -> Result<State, Problem> {
    let pinned = store.state().await?;
    let published = published().await?;
    match (pinned, published) {
        (None, None) => Err(Problem::Failed(
            "本站没有提供信任根（/trust.json），终端无法验证任何数据包。请联系发布单位。".into(),
        )),
        (None, Some(first)) => Ok(State::new(first)),
        (Some(state), None) => Ok(state),
        (Some(state), Some(site)) => rotate(state, site),
    }
}

/// The site's `/trust.json`; a missing file or an unreachable site means none.
async fn published() -> Result<Option<SignedTrust>, Problem> {
    let Ok(Some(bytes)) = net::get(&format!("/{TRUST_PATH}"), true).await else {
        return Ok(None);
    };
    // A host's fallback page where JSON was expected means the file is absent.
    if bytes.trim_ascii_start().starts_with(b"<") {
        return Ok(None);
    }
    Ok(Some(SignedTrust::parse(&bytes)?))
}

fn rotate(mut state: State, site: SignedTrust) -> Result<State, Problem> {
    let pinned = &state.trust.signed;
    if site.signed.version > pinned.version {
        site.rotate_from(pinned)?;
        state.trust = site;
    } else if site.signed.version == pinned.version && site.signed != *pinned {
        return Err(BundleError::BadTrust(
            "the site's trust.json differs from the pinned root of the same version".into(),
        )
        .into());
    }
    Ok(state)
}
