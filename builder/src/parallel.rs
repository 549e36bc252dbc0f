//! The one way the builder spreads work over cores: rayon's pool, results in input order, and
//! a panic in a job re-raised in the caller (a panic is a bug; its item must not go missing).
//!
//! Checking, rendering, indexing and compressing all scale with cores, while the order of the
//! results (and so of diagnostics, items and bytes) must not depend on which thread was faster.

use rayon::prelude::*;

/// `job` applied to every element of `inputs`, in their order; idle threads steal work, so a
/// few big files do not leave the other cores idle.
pub fn in_order<I: Sync, T: Send>(inputs: &[I], job: impl Fn(&I) -> T + Sync + Send) -> Vec<T> {
    inputs.par_iter().map(job).collect()
}

/// `job` on every element of `inputs`; the first error (in no particular order) stops the rest.
pub fn try_each<I: Sync>(
    inputs: &[I],
    job: impl Fn(&I) -> anyhow::Result<()> + Sync + Send,
) -> anyhow::Result<()> {
    inputs.par_iter().try_for_each(job)
}

/// Like [`in_order`], on at most `threads` threads (work that holds much memory per thread).
pub fn in_order_on<I: Sync, T: Send>(
    threads: usize,
    inputs: &[I],
    job: impl Fn(&I) -> T + Sync + Send,
) -> anyhow::Result<Vec<T>> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .build()?;
    Ok(pool.install(|| in_order(inputs, job)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_come_back_in_input_order() {
        let inputs: Vec<u64> = (0..1000).collect();
        let out = super::in_order(&inputs, |n| n * 2);
        assert_eq!(out, inputs.iter().map(|n| n * 2).collect::<Vec<_>>());
        let limited = super::in_order_on(2, &inputs, |n| n * 2).unwrap();
        assert_eq!(limited, out);
    }

    #[test]
    fn no_inputs_no_results() {
        assert!(super::in_order(&[] as &[u8], |b| *b).is_empty());
    }

    #[test]
    fn an_error_is_returned() {
        let inputs: Vec<u32> = (0..100).collect();
        let failed = super::try_each(&inputs, |&n| {
            anyhow::ensure!(n != 57, "item {n}");
            Ok(())
        });
        assert_eq!(failed.unwrap_err().to_string(), "item 57");
    }

    #[test]
    #[should_panic(expected = "a bug")]
    fn a_panic_reaches_the_caller() {
        super::in_order(&[1, 2, 3], |&n| if n == 2 { panic!("a bug") } else { n });
    }
}
