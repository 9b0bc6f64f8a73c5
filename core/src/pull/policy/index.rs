//! A hash index over one transport's scopes, probed with candidate scopes that are assembled
//! from pieces (a prefix of the image name plus a tag, `*.` plus a host suffix) without
//! building them: the FNV-1a state after a prefix is the hash of that prefix, so every
//! candidate's hash comes from one pass over the name.

use crate::hashkey::{FNV_OFFSET, NO_ENTRY as END, PrehashedMap, fnv, mix};

/// The FNV state of the empty string.
pub(super) const fn fnv_start() -> u64 {
    FNV_OFFSET
}

/// Scope hash → entry positions (chained through `next` on collisions, verified by text).
#[derive(Debug, Clone, Default)]
pub(super) struct ScopeIndex {
    heads: PrehashedMap<u32>,
    next: Vec<u32>,
}

impl ScopeIndex {
    /// Indexes `scopes` (entry `i` is `scopes[i]`; keys are unique). Entries beyond `u32`
    /// positions are left out (far beyond any real document).
    pub(super) fn new<'a>(scopes: impl ExactSizeIterator<Item = &'a str>) -> Self {
        let mut index = Self {
            heads: PrehashedMap::with_capacity_and_hasher(scopes.len(), Default::default()),
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
