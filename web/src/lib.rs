//! The browser glue that the app and both Web Workers share, so that none of them wraps the
//! same browser API its own way: how a page and its workers talk ([`port`]), and reading a
//! response body as a stream with a cap and progress ([`stream`]).

pub mod port;
pub mod stream;
