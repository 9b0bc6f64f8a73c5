//! Hash keys of the lookup indexes (registries.conf prefixes, auth-file keys, policy.json
//! scopes): FNV-1a, whose state after a prefix is the hash of that prefix, so the candidate
//! prefixes of a name are all hashed in one pass; finalised with murmur3's `fmix64` into a
//! well-mixed table key. Tables keyed by such hashes are [`PrehashedMap`]s, which do not hash
//! their keys again.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The FNV-1a state of the empty string.
pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// The end of a chain of entries that share a hash.
pub(crate) const NO_ENTRY: u32 = u32::MAX;

/// One FNV-1a step.
pub(crate) const fn fnv_step(state: u64, byte: u8) -> u64 {
    (state ^ byte as u64).wrapping_mul(FNV_PRIME)
}

/// FNV-1a over `bytes`, continuing from `state`.
pub(crate) fn fnv(state: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(state, |h, &b| fnv_step(h, b))
}

/// Finalises an FNV state into a table key (murmur3 `fmix64`).
pub(crate) const fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The hasher of [`PrehashedMap`]: a `u64` key is its own hash.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct PrehashedHasher(u64);

impl Hasher for PrehashedHasher {
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

/// A table keyed by finalised hashes.
pub(crate) type PrehashedMap<V> = HashMap<u64, V, BuildHasherDefault<PrehashedHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_of_a_prefix_is_the_state_after_it() {
        // FNV-1a 64 of "a" (the published test vector).
        assert_eq!(fnv(FNV_OFFSET, b"a"), 0xaf63_dc4c_8601_ec8c);
        let whole = fnv(FNV_OFFSET, b"quay.io/ns");
        assert_eq!(fnv(fnv(FNV_OFFSET, b"quay.io"), b"/ns"), whole);
        assert_ne!(mix(whole), mix(fnv(FNV_OFFSET, b"quay.io")));
        let mut map = PrehashedMap::default();
        map.insert(mix(whole), 1_u32);
        assert_eq!(map.get(&mix(whole)), Some(&1));
    }
}
