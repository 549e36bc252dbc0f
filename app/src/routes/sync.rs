//! `/sync` 离线同步: the village terminal's page. It shows what the terminal holds (version,
//! 数据截至, source, storage) and loads new data from a bundle file (U 盘) or a sync address; the
//! sync worker verifies everything before anything becomes active.

use crate::dom::set_title;
use crate::offline::{browser, text, Notice, Terminal};
use gongkai_sync_worker::protocol::TerminalStatus;
use gongkai_sync_worker::reasons::size;
use leptos::html;
use leptos::prelude::*;

/// The terminal page: all of it needs the browser's storage and workers, so it is one island,
/// with a note for readers without JavaScript.
#[component]
pub fn SyncRoute() -> impl IntoView {
    view! {
        <noscript>
            <p class="notice">"离线同步需要启用 JavaScript。"<a href="/">"返回首页"</a></p>
        </noscript>
        <SyncApp />
    }
}

/// The terminal's status, its current task, and the file and feed panels.
#[island]
fn SyncApp() -> impl IntoView {
    let terminal = Terminal::new();
    let offline = RwSignal::new(None::<bool>);
    let persisted = RwSignal::new(None::<bool>);
    Effect::new(move || {
        set_title("离线同步");
        terminal.connect();
        leptos::task::spawn_local(async move {
            let registered = browser::register_service_worker().await;
            offline.set(Some(registered));
            persisted.set(Some(browser::request_persistence().await));
        });
    });
    on_cleanup(move || terminal.disconnect());
    view! {
        <section class="sync" aria-labelledby="sync-heading">
            <h1 id="sync-heading">"离线同步"</h1>
            <p class="summary">
                "本终端保存经过签名验证的数据，断网时也能浏览和搜索。新数据先完整验证，验证通过后才替换当前版本；验证失败时继续使用原有数据。"
            </p>
            <StatusPanel terminal offline persisted />
            <TaskLine terminal />
            <div class="sync-actions">
                <FilePanel terminal />
                <FeedPanel terminal />
            </div>
        </section>
    }
}

/// 本机数据: the active version and its facts.
#[component]
fn StatusPanel(
    terminal: Terminal,
    offline: RwSignal<Option<bool>>,
    persisted: RwSignal<Option<bool>>,
) -> impl IntoView {
    let row = |label: &'static str, id: &'static str, value: Signal<String>| {
        view! { <dt>{label}</dt><dd id=id>{value}</dd> }
    };
    let field = move |f: fn(&TerminalStatus) -> String| {
        Signal::derive(move || {
            terminal
                .status
                .with(|s| s.as_ref().map(f).unwrap_or_else(|| "正在读取…".into()))
        })
    };
    let active = move |f| field_active(terminal, f);
    let storage = Signal::derive(move || {
        let used = terminal.status.with(|s| s.as_ref().map(text::storage));
        let kept = match persisted.get() {
            Some(true) => "；已设为持久保存",
            Some(false) => "；浏览器空间紧张时可能清除",
            None => "",
        };
        format!("{}{kept}", used.unwrap_or_else(|| "正在读取…".into()))
    });
    let offline_text = Signal::derive(move || {
        match offline.get() {
            Some(true) => "已启用：断网时从本机数据打开本站",
            Some(false) => "不可用：浏览器未允许离线服务（需 https 或本机地址）",
            None => "正在启用…",
        }
        .to_string()
    });
    let expired = move || {
        terminal.status.with(|s| {
            let a = s.as_ref()?.active.as_ref().filter(|a| a.expired)?;
            Some(view! {
                <p class="notice notice-error" role="alert" id="sync-expired">
                    {format!(
                        "本机数据已于 {} 过期，可能不是最新的规定和信息。请尽快导入新的数据包或同步；在此之前仍显示已验证的原有数据。",
                        text::day(a.expires)
                    )}
                </p>
            })
        })
    };
    let damage = move || {
        terminal.status.with(|s| {
            let damage = &s.as_ref()?.damage;
            (!damage.is_empty()).then(|| {
                let items = damage
                    .iter()
                    .map(|d| view! { <li>{d.clone()}</li> })
                    .collect_view();
                view! {
                    <div class="notice notice-error" role="alert" id="sync-damaged">
                        <p>"本机数据已损坏。终端只显示已验证的内容，下面是仍然完好的版本。"</p>
                        <ul>{items}</ul>
                    </div>
                }
            })
        })
    };
    view! {
        <section class="sync-status" aria-labelledby="sync-status-heading">
            <h2 id="sync-status-heading">"本机数据"</h2>
            {damage}
            {expired}
            <dl class="sync-facts">
                {row("当前版本", "sync-version", field(text::version))}
                {row("数据截至", "sync-as-of", active(|a| a.data_as_of.clone().unwrap_or_else(|| "未注明".into())))}
                {row("来源", "sync-source", active(|a| a.source.clone()))}
                {row("导入时间", "sync-installed", active(|a| if a.installed == 0 { "—".into() } else { text::day(a.installed) }))}
                {row("有效期至", "sync-expires", active(|a| text::day(a.expires)))}
                {row("文件", "sync-files", active(|a| format!("{} 个，共 {}", a.files, size(a.bytes))))}
                {row("存储空间", "sync-storage", storage)}
                {row("离线使用", "sync-offline", offline_text)}
                {row("信任根", "sync-trust", field(text::trust))}
            </dl>
        </section>
    }
}

/// A fact of the active version, or a dash before there is one.
fn field_active(
    terminal: Terminal,
    f: fn(&gongkai_sync_worker::protocol::ActiveVersion) -> String,
) -> Signal<String> {
    Signal::derive(move || {
        terminal.status.with(|s| match s {
            None => "正在读取…".into(),
            Some(s) => s.active.as_ref().map(f).unwrap_or_else(|| "—".into()),
        })
    })
}

/// Progress while a task runs, then its result.
#[component]
fn TaskLine(terminal: Terminal) -> impl IntoView {
    let active = move || {
        terminal.status.with(|s| {
            s.as_ref()
                .and_then(|s| s.active.as_ref().map(|a| a.version))
        })
    };
    let progress = move || {
        terminal.progress.get().map(|p| {
            view! {
                <p class="sync-progress">
                    <progress max=p.total.max(1) value=p.done></progress>
                    " "{text::progress(&p)}
                </p>
            }
        })
    };
    let notice = move || {
        terminal.notice.get().map(|n| {
            let ok = matches!(n, Notice::Done(_));
            let detail = match &n {
                Notice::Rejected { detail, .. } => Some(view! {
                    <details><summary>"技术细节"</summary><p><code>{detail.clone()}</code></p></details>
                }),
                _ => None,
            };
            view! {
                <div id="sync-notice" class=if ok { "notice sync-ok" } else { "notice notice-error" }>
                    <p>{text::notice(&n, active())}</p>
                    {detail}
                </div>
            }
        })
    };
    view! {
        <div class="sync-task" role="status" aria-live="polite">
            {move || terminal.busy.get().then(|| view! { <p class="loading">"正在处理，请勿关闭本页…"</p> })}
            {progress}
            {notice}
        </div>
    }
}

/// 从文件导入: a bundle from a U 盘.
#[component]
fn FilePanel(terminal: Terminal) -> impl IntoView {
    let input: NodeRef<html::Input> = NodeRef::new();
    let chosen = RwSignal::new(false);
    let run = move |install: bool| {
        let file = input
            .get_untracked()
            .and_then(|i| i.files())
            .and_then(|list| list.get(0));
        match file {
            Some(file) => terminal.load_file(file, install),
            None => terminal
                .notice
                .set(Some(Notice::Failed("请先选择离线数据包文件。".into()))),
        }
    };
    let idle = move || !chosen.get() || terminal.busy.get() || !terminal.ready.get();
    view! {
        <section class="sync-panel" aria-labelledby="sync-file-heading">
            <h2 id="sync-file-heading">"从文件导入（U 盘）"</h2>
            <label class="search-label" for="sync-file">"选择离线数据包（.zip）"</label>
            <input id="sync-file" type="file" accept=".zip,application/zip" node_ref=input
                on:change=move |_| chosen.set(true) />
            <p class="sync-buttons">
                <button type="button" id="sync-install" disabled=idle on:click=move |_| run(true)>"验证并导入"</button>
                <button type="button" id="sync-check" class="secondary" disabled=idle on:click=move |_| run(false)>"仅验证"</button>
            </p>
        </section>
    }
}

/// 从网络同步: a feed folder on any static host.
#[component]
fn FeedPanel(terminal: Terminal) -> impl IntoView {
    let url = RwSignal::new(String::new());
    Effect::new(move || {
        if let Some(saved) = crate::dom::stored(FEED_KEY) {
            url.set(saved);
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let address = url.get_untracked().trim().to_string();
        if address.is_empty() {
            terminal
                .notice
                .set(Some(Notice::Failed("请填写同步地址。".into())));
            return;
        }
        crate::dom::store(FEED_KEY, &address);
        terminal.sync_feed(address);
    };
    view! {
        <section class="sync-panel" aria-labelledby="sync-feed-heading">
            <h2 id="sync-feed-heading">"从网络同步"</h2>
            <form on:submit=submit>
                <label class="search-label" for="sync-url">"同步地址（发布单位提供的 feed 文件夹）"</label>
                <input id="sync-url" type="text" inputmode="url" autocomplete="url" spellcheck="false" placeholder="http://…/feed/"
                    prop:value=move || url.get() on:input=move |e| url.set(event_target_value(&e)) />
                <p class="sync-buttons">
                    <button type="submit" id="sync-feed" disabled=move || terminal.busy.get() || !terminal.ready.get()>"同步"</button>
                </p>
            </form>
            <p class="count">"只下载本机没有的文件；中断后再次同步会从中断处继续。"</p>
        </section>
    }
}

/// Remembers the last sync address.
const FEED_KEY: &str = "gongkai.sync-url";
