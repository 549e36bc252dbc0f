//! Fetches the site's JSON data files (paths and shapes from `gongkai_core::site`) with the browser's `fetch`.

use gongkai_core::schema::is_valid_id;
use gongkai_core::site::{item_data_path, Catalogue, ItemPage, CATALOGUE_PATH, FORMAT_VERSION};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use std::sync::Arc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Why a data file could not be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The file does not exist: an unknown id or a stale link.
    NotFound,
    /// The network, the server or the file itself failed; the text says how.
    Failed(String),
}

impl LoadError {
    /// A sentence for readers, in Chinese.
    pub fn message(&self) -> String {
        match self {
            LoadError::NotFound => "找不到请求的数据文件。".to_string(),
            LoadError::Failed(why) => format!("数据加载失败：{why}"),
        }
    }
}

/// The catalogue, loaded once and shared through context.
pub type CatalogueResource = LocalResource<Result<Arc<Catalogue>, LoadError>>;

/// The shared catalogue provided by `App`.
pub fn use_catalogue() -> CatalogueResource {
    expect_context::<CatalogueResource>()
}

/// Loads `data/catalogue.json`.
pub async fn fetch_catalogue() -> Result<Arc<Catalogue>, LoadError> {
    let catalogue: Catalogue = fetch_json(CATALOGUE_PATH).await?;
    check_format(catalogue.format)?;
    Ok(Arc::new(catalogue))
}

/// Loads `data/items/<id>.json`; ids that cannot exist are refused without asking the server.
pub async fn fetch_item(id: String) -> Result<Arc<ItemPage>, LoadError> {
    if !is_valid_id(&id) {
        return Err(LoadError::NotFound);
    }
    let page: ItemPage = fetch_json(&item_data_path(&id)).await?;
    check_format(page.format)?;
    Ok(Arc::new(page))
}

fn check_format(found: u32) -> Result<(), LoadError> {
    if found == FORMAT_VERSION {
        Ok(())
    } else {
        Err(LoadError::Failed(format!(
            "数据格式版本为 {found}，本程序只支持 {FORMAT_VERSION}，请刷新页面"
        )))
    }
}

async fn fetch_json<T: DeserializeOwned>(site_path: &str) -> Result<T, LoadError> {
    let text = fetch_text(&format!("/{site_path}")).await?;
    parse_json(&text)
}

/// Parses a data file; an HTML page where JSON was expected means a host's fallback page, i.e. not found.
fn parse_json<T: DeserializeOwned>(text: &str) -> Result<T, LoadError> {
    if text.trim_start().starts_with('<') {
        return Err(LoadError::NotFound);
    }
    serde_json::from_str(text).map_err(|e| LoadError::Failed(format!("数据文件格式错误（{e}）")))
}

async fn fetch_text(url: &str) -> Result<String, LoadError> {
    let window = web_sys::window().ok_or_else(|| LoadError::Failed("没有浏览器窗口".into()))?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .and_then(|r| r.dyn_into())
        .map_err(js_failure)?;
    match response.status() {
        404 | 410 => return Err(LoadError::NotFound),
        s if !response.ok() => return Err(LoadError::Failed(format!("服务器返回 HTTP {s}"))),
        _ => {}
    }
    let text = JsFuture::from(response.text().map_err(js_failure)?)
        .await
        .map_err(js_failure)?;
    text.as_string()
        .ok_or_else(|| LoadError::Failed("响应不是文本".into()))
}

fn js_failure(err: JsValue) -> LoadError {
    let detail = err
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| "网络错误".to_string());
    LoadError::Failed(detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_where_json_was_expected_is_not_found() {
        let r: Result<Catalogue, _> = parse_json("<!doctype html><html></html>");
        assert_eq!(r, Err(LoadError::NotFound));
    }

    #[test]
    fn broken_json_is_a_failure() {
        let r: Result<Catalogue, _> = parse_json("{\"format\": 1");
        assert!(matches!(r, Err(LoadError::Failed(_))));
    }

    #[test]
    fn other_format_versions_are_refused() {
        assert!(check_format(FORMAT_VERSION).is_ok());
        assert!(check_format(FORMAT_VERSION + 1).is_err());
    }
}
