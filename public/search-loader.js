// The search worker's entry script, a module worker (the page starts it by
// gongkai_search_worker::protocol::WORKER_SCRIPT). It stands in for Trunk's loader shim so that
// the engine can arrive compiled: the search page's <head> downloads and compiles the engine's
// wasm (WebAssembly.compileStreaming) while this script and the glue load, not after them.
//
// The page's first message is that WebAssembly.Module, or null when the page did not fetch it
// (the engine is then fetched here). Everything after it is the protocol (gongkai_web::port),
// which the engine answers once it has said it is ready.
const glue = import('/gongkai-search-worker.js');
addEventListener(
  'message',
  (event) => {
    const engine =
      event.data instanceof WebAssembly.Module ? event.data : '/gongkai-search-worker_bg.wasm';
    glue
      .then(({ default: init }) => init({ module_or_path: engine }))
      // Thrown outside the promise, so the page hears it as the worker's error event.
      .catch((error) =>
        setTimeout(() => {
          throw error;
        }),
      );
  },
  { once: true },
);
