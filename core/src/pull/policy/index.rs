//! A hash index over one transport's scopes, probed with candidate scopes that are assembled
//! from pieces (a prefix of the image name plus a tag, `*.` plus a host suffix) without
//! building them: the FNV-1a state after a prefix is the hash of that prefix, so every
//! candidate's hash comes from one pass over the name.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
const END: u32 = u32::MAX;

/// FNV-1a over `bytes`, continuing from `state`.
pub(super) fn fnv(state: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(state, |h, &b| (h ^ u64::from(b)).wrapping_mul(FNV_PRIME))
}

/// The FNV state of the empty string.
pub(super) const fn fnv_start() -> u64 {
    FNV_OFFSET
}

/// Finalises an FNV state into a well-mixed table key (murmur3 `fmix64`).
const fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// A hasher for keys that already are hashes.
#[derive(Debug, Default, Clone, Copy)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv(self.0, bytes);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Scope hash → entry positions (chained through `next` on collisions, verified by text).
#[derive(Debug, Clone, Default)]
pub(super) struct ScopeIndex {
    heads: HashMap<u64, u32, BuildHasherDefault<KeyHasher>>,
    next: Vec<u32>,
}

impl ScopeIndex {
    /// Indexes `scopes` (entry `i` is `scopes[i]`; keys are unique). Entries beyond `u32`
    /// positions are left out (far beyond any real document).
    pub(super) fn new<'a>(scopes: impl ExactSizeIterator<Item = &'a str>) -> Self {
        let mut index = Self {
            heads: HashMap::with_capacity_and_hasher(scopes.len(), BuildHasherDefault::default()),
            next: Vec::with_capacity(scopes.len()),
        };
        for (i, scope) in scopes.enumerate() {
            let Ok(position) = u32::try_from(i) else {
                break;
            };
            let head = index
                .heads
                .entry(mix(fnv(FNV_OFFSET, scope.as_bytes())))
                .or_insert(END);
            index.next.push(*head);
            *head = position;
        }
        index
    }

    /// The entry whose hash state is `state` and for which `is_it(entry)` holds.
    pub(super) fn find(&self, state: u64, mut is_it: impl FnMut(usize) -> bool) -> Option<usize> {
        let mut at = *self.heads.get(&mix(state))?;
        while at != END {
            let i = at as usize;
            if is_it(i) {
                return Some(i);
            }
            at = self.next.get(i).copied().unwrap_or(END);
        }
        None
    }
}

/// Whether `scope` is exactly `a` followed by `b`.
pub(super) fn is_concat(scope: &str, a: &str, b: &str) -> bool {
    scope.len() == a.len() + b.len() && scope.starts_with(a) && scope.ends_with(b)
}
