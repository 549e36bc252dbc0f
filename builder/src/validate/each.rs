//! Runs one job per file on all cores and gives the results back in file order.
//!
//! Checking is mostly TOML parsing and hashing, so it scales with cores; the order of the
//! results (and so of diagnostics and items) must not depend on which thread was faster.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `job` applied to every element of `inputs`, in their order; threads take the next input
/// as they finish one, so a few big files do not leave the other cores idle.
pub fn in_order<I: Sync, T: Send>(inputs: &[I], job: impl Fn(&I) -> T + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(inputs.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(input) = inputs.get(i) else {
                return done;
            };
            done.push((i, job(input)));
        }
    };
    let mut all: Vec<(usize, T)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
        // A job that panicked is a bug; re-raise it rather than lose its file's results.
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    all.sort_unstable_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, t)| t).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_come_back_in_input_order() {
        let inputs: Vec<u64> = (0..1000).collect();
        let out = super::in_order(&inputs, |n| n * 2);
        assert_eq!(out, inputs.iter().map(|n| n * 2).collect::<Vec<_>>());
    }

    #[test]
    fn no_inputs_no_results() {
        assert!(super::in_order(&[] as &[u8], |b| *b).is_empty());
    }
}
