//! The expression generator on arbitrary input, in both modes, with seeded random sources: no
//! panic, the documented output bound, literal text kept, and reproducible seeded values.
#![no_main]

use libfuzzer_sys::fuzz_target;
use openshift_image::template::generator::{
    Expression, ExpressionGenerator, MAX_CONSTRUCTS, MAX_COUNT, MAX_OUTPUT_LEN, RangeMode,
};

fuzz_target!(|data: &[u8]| {
    // The first byte picks the seed, the rest is the expression.
    let (seed, rest) = data
        .split_first()
        .map_or((0, data), |(s, r)| (u64::from(*s), r));
    let Ok(expression) = std::str::from_utf8(rest) else {
        return;
    };
    for mode in [RangeMode::Inclusive, RangeMode::GoCompat] {
        let parsed = Expression::parse(expression, mode);
        if let Ok(parsed) = &parsed {
            for class in parsed.classes() {
                assert!((1..=MAX_COUNT).contains(&class.count));
                assert!(!class.alphabet.is_empty());
            }
        }
        let generators = || {
            [
                ExpressionGenerator::seeded(seed).with_mode(mode),
                ExpressionGenerator::go_math_rand(seed.cast_signed()).with_mode(mode),
            ]
        };
        for (mut first, mut second) in generators().into_iter().zip(generators()) {
            let generated = first.generate(expression);
            assert_eq!(
                generated,
                second.generate(expression),
                "seeded values differ"
            );
            if let Ok(value) = &generated {
                assert!(value.len() <= MAX_OUTPUT_LEN);
                // Each replacement turns at least 6 bytes into at most MAX_COUNT.
                assert!(value.len() <= expression.len() + MAX_CONSTRUCTS * (MAX_COUNT - 6));
                if parsed.as_ref().is_ok_and(Expression::is_literal) {
                    assert_eq!(value, expression);
                }
            }
        }
    }
});
