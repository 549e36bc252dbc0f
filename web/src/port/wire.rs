//! The encoding of one message: the JSON text of a protocol enum, and the array it travels in.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

/// The JSON text of `message`.
pub fn encode<T: Serialize>(message: &T) -> String {
    // Protocol types hold only strings, numbers, lists and maps with string keys, which always
    // serialize.
    serde_json::to_string(message).unwrap_or_default()
}

/// Reads a message; the error says why in words (shown to the reader or logged).
pub fn decode<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// `[json]` or `[json, beside]`, as posted.
pub(crate) fn pack<T: Serialize>(message: &T, beside: Option<&JsValue>) -> JsValue {
    let array = js_sys::Array::of1(&JsValue::from_str(&encode(message)));
    if let Some(value) = beside {
        array.push(value);
    }
    array.into()
}

/// The message and the value beside it, from what arrived (`MessageEvent.data`).
pub fn unpack<T: DeserializeOwned>(data: &JsValue) -> (Result<T, String>, Option<JsValue>) {
    let Some(array) = data.dyn_ref::<js_sys::Array>() else {
        return (Err("not a message of ours".to_string()), None);
    };
    let message = match array.get(0).as_string() {
        Some(text) => decode(&text),
        None => Err("not a message of ours".to_string()),
    };
    let beside = Some(array.get(1)).filter(|v| !v.is_undefined());
    (message, beside)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(tag = "type", rename_all = "snake_case")]
    enum Example {
        Ready,
        Search { id: u64, text: String },
    }

    #[test]
    fn messages_are_tagged_json() {
        assert_eq!(encode(&Example::Ready), r#"{"type":"ready"}"#);
        let search = Example::Search {
            id: 7,
            text: "电子政务".into(),
        };
        assert_eq!(decode::<Example>(&encode(&search)), Ok(search));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(decode::<Example>(r#"{"type":"nope"}"#).is_err());
        assert!(decode::<Example>("not json").is_err());
        assert!(decode::<Example>("").is_err());
    }
}
