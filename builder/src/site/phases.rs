//! Times each phase of a long build and prints it, so a slow build shows where the time went.

use std::time::Instant;

/// Prints `  <phase>: <seconds> s` to stderr as each phase ends, when `loud`.
pub struct Phases {
    loud: bool,
    last: Instant,
}

impl Phases {
    pub fn new(loud: bool) -> Phases {
        Phases {
            loud,
            last: Instant::now(),
        }
    }

    /// Ends the phase `name`.
    pub fn done(&mut self, name: &str) {
        if self.loud {
            eprintln!("  {name}: {:.2} s", self.last.elapsed().as_secs_f64());
        }
        self.last = Instant::now();
    }
}
