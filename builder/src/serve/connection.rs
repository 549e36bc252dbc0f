//! One TCP connection: read a request, answer it, log it, close. Failures end only this connection.

use super::request::{self, ReadError};
use super::response::Response;
use super::route;
use super::Site;
use std::io::Read;
use std::net::{Shutdown, TcpStream};
use std::time::Duration;

/// Long enough for a slow client, short enough that an idle one does not pin a thread forever.
const READ_TIMEOUT: Duration = Duration::from_secs(10);
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// How long and how much to drain after answering; see `linger`.
const LINGER_TIMEOUT: Duration = Duration::from_secs(1);
const LINGER_BYTES: u64 = 64 * 1024;

/// Serves one request on `stream` from `site`, then closes.
pub fn handle(mut stream: TcpStream, site: &Site) {
    // Timeouts are best effort: without them a stuck client only costs one idle thread.
    let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let (method, target, response) = match request::read(&mut stream) {
        Ok(req) => {
            let response = route::respond(site, &req);
            (req.method, req.target, response)
        }
        Err(ReadError::Closed | ReadError::Io) => return,
        Err(ReadError::TooLarge | ReadError::Malformed) => (
            "-".to_string(),
            "-".to_string(),
            Response::text(400, "Bad Request"),
        ),
    };
    let status = response.code();
    let with_body = method != "HEAD";
    match response.write_to(&stream, with_body) {
        Ok(bytes) => eprintln!("{method} {target} {status} {bytes}"),
        Err(err) => eprintln!("{method} {target} {status} - (client went away: {err})"),
    }
    linger(&mut stream);
}

/// Closing a socket with unread input makes the kernel send RST, which can destroy the answer
/// before the client reads it (e.g. a 400 to over-long headers); so stop writing, then drain a little.
fn linger(stream: &mut TcpStream) {
    if stream.shutdown(Shutdown::Write).is_err() {
        return;
    }
    let _ = stream.set_read_timeout(Some(LINGER_TIMEOUT));
    let _ = std::io::copy(&mut stream.take(LINGER_BYTES), &mut std::io::sink());
}
