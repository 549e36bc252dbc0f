//! A thin async layer over the Origin Private File System (OPFS): folders, whole-file reads and
//! atomic whole-file writes. `createWritable()` writes to a swap file that replaces the file only
//! on `close()`, so a reader never sees half a file, even after a crash.

use js_sys::{Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    FileSystemDirectoryHandle, FileSystemFileHandle, FileSystemGetDirectoryOptions,
    FileSystemGetFileOptions, FileSystemWritableFileStream,
};

/// Why a storage call failed, in words for the operator.
pub type StorageError = String;

/// One OPFS folder.
#[derive(Clone)]
pub struct Dir(FileSystemDirectoryHandle);

async fn wait(promise: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(promise).await
}

/// The DOMException name of a failure (e.g. `NotFoundError`), or its text.
fn exception_name(err: &JsValue) -> String {
    Reflect::get(err, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .or_else(|| err.as_string())
        .unwrap_or_else(|| "未知错误".into())
}

fn failed(what: &str, err: &JsValue) -> StorageError {
    format!("本机存储{what}失败（{}）", exception_name(err))
}

fn not_found(err: &JsValue) -> bool {
    matches!(
        exception_name(err).as_str(),
        "NotFoundError" | "TypeMismatchError"
    )
}

impl Dir {
    /// The origin's private root folder.
    pub async fn root() -> Result<Dir, StorageError> {
        let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
        let storage = scope.navigator().storage();
        let handle = wait(storage.get_directory())
            .await
            .map_err(|e| failed("打开", &e))?;
        Ok(Dir(handle.unchecked_into()))
    }

    /// A child folder, created when missing.
    pub async fn dir(&self, name: &str) -> Result<Dir, StorageError> {
        let options = FileSystemGetDirectoryOptions::new();
        options.set_create(true);
        let handle = wait(self.0.get_directory_handle_with_options(name, &options))
            .await
            .map_err(|e| failed("打开文件夹", &e))?;
        Ok(Dir(handle.unchecked_into()))
    }

    async fn file(&self, name: &str) -> Result<Option<FileSystemFileHandle>, StorageError> {
        match wait(self.0.get_file_handle(name)).await {
            Ok(h) => Ok(Some(h.unchecked_into())),
            Err(e) if not_found(&e) => Ok(None),
            Err(e) => Err(failed("读取", &e)),
        }
    }

    async fn blob(&self, name: &str) -> Result<Option<web_sys::File>, StorageError> {
        let Some(handle) = self.file(name).await? else {
            return Ok(None);
        };
        let file = wait(handle.get_file())
            .await
            .map_err(|e| failed("读取", &e))?;
        Ok(Some(file.unchecked_into()))
    }

    /// The file's size, or `None` when it does not exist.
    pub async fn size(&self, name: &str) -> Result<Option<u64>, StorageError> {
        Ok(self.blob(name).await?.map(|f| f.size() as u64))
    }

    /// The whole file, or `None` when it does not exist.
    pub async fn read(&self, name: &str) -> Result<Option<Vec<u8>>, StorageError> {
        let Some(file) = self.blob(name).await? else {
            return Ok(None);
        };
        let buffer = wait(file.array_buffer())
            .await
            .map_err(|e| failed("读取", &e))?;
        Ok(Some(Uint8Array::new(&buffer).to_vec()))
    }

    /// Replaces the file's content in one step (written to a swap file, committed on close).
    pub async fn write(&self, name: &str, bytes: &[u8]) -> Result<(), StorageError> {
        let options = FileSystemGetFileOptions::new();
        options.set_create(true);
        let handle: FileSystemFileHandle =
            wait(self.0.get_file_handle_with_options(name, &options))
                .await
                .map_err(|e| failed("创建文件", &e))?
                .unchecked_into();
        let stream: FileSystemWritableFileStream = wait(handle.create_writable())
            .await
            .map_err(|e| failed("写入", &e))?
            .unchecked_into();
        // A copy in JS memory: the write completes later, and wasm memory may move meanwhile.
        let copy = Uint8Array::from(bytes);
        let written = match stream.write_with_js_u8_array(&copy) {
            Ok(p) => wait(p).await,
            Err(e) => Err(e),
        };
        if let Err(e) = written {
            let _ = wait(stream.abort()).await;
            return Err(failed("写入", &e));
        }
        wait(stream.close()).await.map_err(|e| failed("写入", &e))?;
        Ok(())
    }

    /// Removes a file or folder (with its contents); a missing one is not an error.
    pub async fn remove(&self, name: &str) -> Result<(), StorageError> {
        let options = web_sys::FileSystemRemoveOptions::new();
        options.set_recursive(true);
        match wait(self.0.remove_entry_with_options(name, &options)).await {
            Ok(_) => Ok(()),
            Err(e) if not_found(&e) => Ok(()),
            Err(e) => Err(failed("清理", &e)),
        }
    }

    /// The names of the folder's entries.
    pub async fn names(&self) -> Result<Vec<String>, StorageError> {
        let iter: JsValue = self.0.keys().into();
        let next: Function = Reflect::get(&iter, &"next".into())
            .and_then(|f| f.dyn_into())
            .map_err(|e| failed("列出文件", &e))?;
        let mut names = Vec::new();
        loop {
            let step = next.call0(&iter).and_then(|p| p.dyn_into::<Promise>());
            let step = match step {
                Ok(p) => wait(p).await,
                Err(e) => Err(e),
            }
            .map_err(|e| failed("列出文件", &e))?;
            if Reflect::get(&step, &"done".into()).is_ok_and(|d| d.is_truthy()) {
                return Ok(names);
            }
            if let Some(name) = Reflect::get(&step, &"value".into())
                .ok()
                .and_then(|v| v.as_string())
            {
                names.push(name);
            }
        }
    }
}
