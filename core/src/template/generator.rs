//! The `expression` value generator (spec §10): a parameter with `generate: expression` takes a
//! value drawn from its `from` text, a pseudo-regular expression such as `[a-zA-Z0-9]{16}` or
//! `user[A-Z0-9]{3}`.
//!
//! # The language
//!
//! * A **construct** is `[` *body* `]{` *digits* `}` with a body of `[a-zA-Z0-9\-\\]+`. Every
//!   other character is literal text, copied byte for byte (`[a-z_]{3}`, `[a-z]`, `[a-z]+`,
//!   `[^a-z]{3}` and Unicode are all literal).
//! * A body is accepted when it **starts** with `\w`, `\d`, `\a` or `\A`, or **ends** with a range
//!   `x-y` of two letters or digits; otherwise [`TemplateError::MalformedExpression`]
//!   (`[abc]`, `[a-z\d]`, `[\W]` are malformed; `[abc-z]` and `[\da-z]` are accepted).
//! * The count is decimal (`{007}` is 7, overflow saturates at `i64::MAX`) and must be 1..=255
//!   ([`TemplateError::CountOutOfRange`]).
//! * The body is cut into tokens `\`? *alnum* `-`? *alnum*?, each reduced to its first and last
//!   character: `\w` is `a-zA-Z0-9_`, `\d` is `0-9`, `\a` is `a-zA-Z0-9` (digits included, as
//!   upstream's code does, though its docs say letters), `\A` is the 32 symbols
//!   ``~!@#$%^&*()-_+={}[]\|<,>.?/"';:` ``; any other token is the range from its first to its
//!   last character in the order `a`–`z`, `A`–`Z`, `0`–`9`, symbols (so `ab` is the range a..b,
//!   `\da` reads as `\a`, and `\w-z` is the range `\`..`z`, an
//!   [`TemplateError::InvalidRange`]).
//! * The class's alphabet is the concatenation of its tokens without duplicates; each output
//!   character is drawn uniformly from it. The construct is replaced by the drawn run and the
//!   scan **restarts from the beginning**, so generated text can complete a new construct
//!   (upstream's behaviour; it only matters for contrived inputs).
//!
//! # Modes ([`RangeMode`])
//!
//! * [`RangeMode::Inclusive`] (the default) is the documented meaning: a range includes its end
//!   (`[a-z]` can give `z`, `[0-1]{8}` gives bits), and a lone character stands for itself.
//! * [`RangeMode::GoCompat`] reproduces upstream exactly: ranges exclude their end (`[a-z]` never
//!   gives `z`, `[0-1]{8}` is always `00000000`, `[a-a]` is empty), and the alphabet keeps the
//!   order of upstream's de-duplication. Where upstream panics on an empty alphabet, this returns
//!   [`TemplateError::EmptyCharacterSet`].
//!
//! Syntax, tokens, re-scan and error texts are the same in both modes.
//!
//! # Random sources
//!
//! [`ExpressionGenerator::from_entropy`] seeds ChaCha12 (a CSPRNG) from the operating system;
//! [`ExpressionGenerator::seeded`] seeds it from a number, for reproducible output.
//! [`ExpressionGenerator::go_math_rand`] uses a port of Go's `math/rand` (v1) source, so that a
//! seed gives exactly upstream's values (`rand.New(rand.NewSource(seed))`, as library-go's tests
//! seed it) — never for secrets.
//!
//! # Why a hand-written scanner, not a regular-expression parser
//!
//! The language only looks like regular expressions. A parser such as `regex-syntax` reads `\a`
//! as the bell character and `\A` as a start-of-text anchor, cannot express end-exclusive
//! ranges, accepts classes upstream rejects (`[abc]`, `[a-z\d]`) and rejects bodies upstream
//! accepts through its token rule (`[\w-z]` is a range from `\`). Anything that is not a
//! construct is literal text here, not a regex, and generated text is scanned again. The
//! scanner below follows upstream's three regular expressions character by character in one
//! linear pass each.
//!
//! # Bounds
//!
//! An expression is at most [`MAX_EXPRESSION_LEN`] bytes; at most [`MAX_CONSTRUCTS`] constructs
//! are replaced per value (re-scanned ones included), so no input loops, and a value is at most
//! [`MAX_OUTPUT_LEN`] bytes. These limits answer [`TemplateError::Limit`].
//!
//! ```
//! use openshift_image::template::generator::{ExpressionGenerator, RangeMode};
//!
//! let mut generator = ExpressionGenerator::seeded(7);
//! let password = generator.generate("user[A-Z0-9]{3}")?;
//! assert_eq!(password.len(), 7);
//! assert!(password.starts_with("user"));
//!
//! // Upstream's exact behaviour, with Go's math/rand seeded like library-go's tests.
//! let mut go = ExpressionGenerator::go_math_rand(1337);
//! assert_eq!(go.mode(), RangeMode::GoCompat);
//! assert_eq!(go.generate("test[A-Z0-9]{4}template")?, "testQ3HVtemplate");
//! # Ok::<(), openshift_image::TemplateError>(())
//! ```

use std::fmt;

use rand::rngs::ChaCha12Rng;
use rand::{RngExt, SeedableRng};
use serde::{Deserialize, Serialize};

use crate::error::TemplateError;

/// Most bytes an expression may have.
pub const MAX_EXPRESSION_LEN: usize = 16 * 1024;

/// Most constructs replaced while generating one value (constructs formed by generated text
/// included), and most constructs in a parsed [`Expression`].
pub const MAX_CONSTRUCTS: usize = 512;

/// Largest count of a construct (upstream's bound).
pub const MAX_COUNT: usize = 255;

/// Shortest construct, `[x]{1}`: a replacement grows the text by at most
/// `MAX_COUNT - MIN_CONSTRUCT_LEN` bytes.
const MIN_CONSTRUCT_LEN: usize = 6;

/// Most bytes of a generated value: each of at most [`MAX_CONSTRUCTS`] replacements turns at
/// least 6 bytes into at most [`MAX_COUNT`].
pub const MAX_OUTPUT_LEN: usize =
    MAX_EXPRESSION_LEN + MAX_CONSTRUCTS * (MAX_COUNT - MIN_CONSTRUCT_LEN);

/// Upstream's character order: ranges index this string.
const ASCII: &[u8] =
    b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789~!@#$%^&*()-_+={}[]\\|<,>.?/\"';:`";
/// `\a`: letters and digits.
const LETTERS_DIGITS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
/// `\w`: letters, digits and `_`.
const WORD: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
/// `\d`.
const DIGITS: &[u8] = b"0123456789";
/// `\A`: the 32 symbols.
const SYMBOLS: &[u8] = b"~!@#$%^&*()-_+={}[]\\|<,>.?/\"';:`";

/// How ranges are read; see the [module documentation](self).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RangeMode {
    /// The documented meaning: `[a-z]` includes `z`; a lone character stands for itself.
    #[default]
    Inclusive,
    /// Upstream's behaviour: ranges exclude their end, alphabets keep upstream's order, and an
    /// empty alphabet is an error (upstream panics).
    GoCompat,
}

/// One construct of an expression, compiled: `[a-z0-9]{8}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CharClass {
    /// The construct as written (`[a-z0-9]{8}`).
    pub text: String,
    /// The body between the brackets (`a-z0-9`).
    pub body: String,
    /// How many characters it generates (1..=255).
    pub count: usize,
    /// The characters it draws from, without duplicates, in draw order (upstream's order in
    /// [`RangeMode::GoCompat`], first occurrence otherwise).
    pub alphabet: String,
}

/// A piece of a parsed [`Expression`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Piece {
    /// Text copied as it is.
    Literal {
        /// The text.
        text: String,
    },
    /// A construct replaced by generated characters.
    Class(CharClass),
}

/// An expression split into literal text and compiled constructs, without generating anything
/// (for inspection and linting).
///
/// This is the expression as written: the generator also re-scans generated text, which can
/// form new constructs only in contrived inputs (text such as `[a[0-1]{1}-z]{2}`).
///
/// ```
/// use openshift_image::template::generator::{Expression, Piece, RangeMode};
///
/// let expression = Expression::parse("user[A-C0-2]{3}", RangeMode::GoCompat)?;
/// let [Piece::Literal { text }, Piece::Class(class)] = expression.pieces() else { panic!() };
/// assert_eq!(text, "user");
/// assert_eq!((class.count, class.alphabet.as_str()), (3, "AB01"));
/// let inclusive = Expression::parse("user[A-C0-2]{3}", RangeMode::Inclusive)?;
/// assert_eq!(inclusive.classes().next().map(|c| c.alphabet.as_str()), Some("ABC012"));
/// # Ok::<(), openshift_image::TemplateError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Expression {
    mode: RangeMode,
    pieces: Vec<Piece>,
}

impl Expression {
    /// Splits `from` into literal text and constructs, compiling every construct in `mode`.
    ///
    /// # Errors
    /// The first construct's error in text order ([`TemplateError::MalformedExpression`],
    /// [`TemplateError::CountOutOfRange`], [`TemplateError::InvalidRange`],
    /// [`TemplateError::EmptyCharacterSet`]), or [`TemplateError::Limit`] beyond
    /// [`MAX_EXPRESSION_LEN`] or [`MAX_CONSTRUCTS`].
    pub fn parse(from: &str, mode: RangeMode) -> Result<Self, TemplateError> {
        check_len(from)?;
        let bytes = from.as_bytes();
        let mut pieces = Vec::new();
        let mut literal_start = 0;
        let mut constructs = 0;
        while let Some(found) = find_construct(bytes, literal_start) {
            constructs += 1;
            if constructs > MAX_CONSTRUCTS {
                return Err(too_many_constructs());
            }
            if found.start > literal_start {
                pieces.push(Piece::Literal {
                    text: text_of(from, literal_start, found.start),
                });
            }
            pieces.push(Piece::Class(compile(bytes, &found, mode)?));
            literal_start = found.end;
        }
        if literal_start < from.len() {
            pieces.push(Piece::Literal {
                text: text_of(from, literal_start, from.len()),
            });
        }
        Ok(Self { mode, pieces })
    }

    /// The mode it was compiled in.
    #[must_use]
    pub const fn mode(&self) -> RangeMode {
        self.mode
    }

    /// Literal text and constructs, in order.
    #[must_use]
    pub fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    /// The constructs, in order.
    pub fn classes(&self) -> impl Iterator<Item = &CharClass> {
        self.pieces.iter().filter_map(|piece| match piece {
            Piece::Class(class) => Some(class),
            Piece::Literal { .. } => None,
        })
    }

    /// Whether the expression has no construct (its value is the text itself).
    #[must_use]
    pub fn is_literal(&self) -> bool {
        self.classes().next().is_none()
    }
}

/// Generates values from expressions; one generator (one random source) can serve every
/// parameter of a template, in parameter order, as upstream shares one source.
///
/// ```
/// use openshift_image::template::generator::{ExpressionGenerator, RangeMode};
///
/// let mut generator = ExpressionGenerator::seeded(1).with_mode(RangeMode::GoCompat);
/// assert_eq!(generator.generate("[0-1]{8}")?, "00000000"); // upstream's end-exclusive range
/// let mut inclusive = ExpressionGenerator::seeded(1);
/// assert!(inclusive.generate("[0-1]{8}")?.bytes().all(|b| b == b'0' || b == b'1'));
/// assert_eq!(inclusive.generate("[abc]{2}").unwrap_err().to_string(), "malformed expresion syntax: [abc]");
/// # Ok::<(), openshift_image::TemplateError>(())
/// ```
pub struct ExpressionGenerator {
    mode: RangeMode,
    source: Source,
}

enum Source {
    ChaCha(Box<ChaCha12Rng>),
    Go(Box<GoSource>),
}

impl fmt::Debug for ExpressionGenerator {
    // The random state stays out of logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let source = match self.source {
            Source::ChaCha(_) => "chacha12",
            Source::Go(_) => "go-math-rand",
        };
        f.debug_struct("ExpressionGenerator")
            .field("mode", &self.mode)
            .field("source", &source)
            .finish_non_exhaustive()
    }
}

impl ExpressionGenerator {
    /// A generator in [`RangeMode::Inclusive`] drawing from ChaCha12 seeded by the operating
    /// system (`getrandom`; in browsers `crypto.getRandomValues`).
    ///
    /// # Errors
    /// [`TemplateError::Entropy`] when the operating system has no random source for us (on
    /// `wasm32-unknown-unknown` this needs the `wasm_js` feature).
    pub fn from_entropy() -> Result<Self, TemplateError> {
        Ok(Self::from_chacha(os_chacha()?))
    }

    /// A reproducible generator in [`RangeMode::Inclusive`]: ChaCha12 seeded from `seed` (the
    /// same seed gives the same values on every platform and release of this library).
    #[must_use]
    pub fn seeded(seed: u64) -> Self {
        Self::from_chacha(ChaCha12Rng::seed_from_u64(seed))
    }

    /// A generator in [`RangeMode::Inclusive`] drawing from ChaCha12 with a caller-supplied
    /// 32-byte key (for platforms where the caller gathers the entropy).
    #[must_use]
    pub fn from_seed_bytes(seed: [u8; 32]) -> Self {
        Self::from_chacha(ChaCha12Rng::from_seed(seed))
    }

    /// Upstream's exact generator: [`RangeMode::GoCompat`] with Go's `math/rand` source seeded
    /// with `seed` (`rand.New(rand.NewSource(seed))`), so values equal upstream's character for
    /// character. Predictable: for tests and fixtures, never for secrets.
    #[must_use]
    pub fn go_math_rand(seed: i64) -> Self {
        Self {
            mode: RangeMode::GoCompat,
            source: Source::Go(Box::new(GoSource::new(seed))),
        }
    }

    /// The generator the flat operations build from their `seed` and `go_compat` arguments:
    /// with `go_compat` and a seed, [`go_math_rand`](Self::go_math_rand) (the seed's bits as a
    /// Go `int64`); with a seed only, [`seeded`](Self::seeded); without a seed, OS entropy, in
    /// [`RangeMode::GoCompat`] when `go_compat`.
    ///
    /// # Errors
    /// [`TemplateError::Entropy`] as for [`from_entropy`](Self::from_entropy).
    pub fn for_options(seed: Option<u64>, go_compat: bool) -> Result<Self, TemplateError> {
        let mode = if go_compat {
            RangeMode::GoCompat
        } else {
            RangeMode::Inclusive
        };
        Ok(match seed {
            // Go seeds are int64: keep the bits.
            Some(seed) if go_compat => Self::go_math_rand(seed as i64),
            Some(seed) => Self::seeded(seed),
            None => Self::from_entropy()?.with_mode(mode),
        })
    }

    fn from_chacha(rng: ChaCha12Rng) -> Self {
        Self {
            mode: RangeMode::Inclusive,
            source: Source::ChaCha(Box::new(rng)),
        }
    }

    /// The same random source, reading ranges in `mode`.
    #[must_use]
    pub const fn with_mode(mut self, mode: RangeMode) -> Self {
        self.mode = mode;
        self
    }

    /// How ranges are read.
    #[must_use]
    pub const fn mode(&self) -> RangeMode {
        self.mode
    }

    /// The value of the expression `from`: every construct replaced by characters drawn from its
    /// class, literal text kept; `""` gives `""`.
    ///
    /// # Errors
    /// The first failing construct's error ([`TemplateError::MalformedExpression`],
    /// [`TemplateError::CountOutOfRange`], [`TemplateError::InvalidRange`],
    /// [`TemplateError::EmptyCharacterSet`]); [`TemplateError::Limit`] beyond the
    /// [bounds](self#bounds).
    pub fn generate(&mut self, from: &str) -> Result<String, TemplateError> {
        check_len(from)?;
        let mut value = from.to_owned();
        let mut scan_from = 0;
        let mut replaced = 0;
        while let Some(found) = find_construct(value.as_bytes(), scan_from) {
            replaced += 1;
            if replaced > MAX_CONSTRUCTS {
                return Err(too_many_constructs());
            }
            let class = compile(value.as_bytes(), &found, self.mode)?;
            let alphabet = class.alphabet.as_bytes();
            let mut run = String::with_capacity(class.count);
            for _ in 0..class.count {
                let index = self.index(alphabet.len());
                run.push(char::from(alphabet.get(index).copied().unwrap_or(b'?')));
            }
            // Upstream replaces the first occurrence of the construct's text, which is this
            // leftmost match. Both ends are ASCII, so they are character boundaries.
            value.replace_range(found.start..found.end, &run);
            scan_from = rescan_start(value.as_bytes(), found.start);
        }
        Ok(value)
    }

    /// A uniform index below `n` (`n >= 1`).
    fn index(&mut self, n: usize) -> usize {
        match &mut self.source {
            Source::ChaCha(rng) => rng.random_range(0..n.max(1)),
            Source::Go(go) => go.intn(n),
        }
    }
}

#[cfg(any(
    feature = "wasm_js",
    not(all(target_family = "wasm", any(target_os = "unknown", target_os = "none")))
))]
fn os_chacha() -> Result<ChaCha12Rng, TemplateError> {
    ChaCha12Rng::try_from_rng(&mut rand::rngs::SysRng).map_err(|e| TemplateError::Entropy {
        message: e.to_string(),
    })
}

#[cfg(not(any(
    feature = "wasm_js",
    not(all(target_family = "wasm", any(target_os = "unknown", target_os = "none")))
)))]
fn os_chacha() -> Result<ChaCha12Rng, TemplateError> {
    Err(TemplateError::Entropy {
        message: "this build has none (enable the `wasm_js` feature on wasm32-unknown-unknown), \
                  give a seed instead"
            .to_owned(),
    })
}

/// A ChaCha12 random source: seeded from `seed`, else from the operating system (for the other
/// areas' random values, e.g. `oc adm migrate icsp` file names).
pub(crate) fn chacha(seed: Option<u64>) -> Result<ChaCha12Rng, TemplateError> {
    seed.map_or_else(os_chacha, |seed| Ok(ChaCha12Rng::seed_from_u64(seed)))
}

fn check_len(from: &str) -> Result<(), TemplateError> {
    if from.len() > MAX_EXPRESSION_LEN {
        return Err(TemplateError::Limit {
            message: format!(
                "expression is {} bytes long, more than the generator's limit of {MAX_EXPRESSION_LEN}",
                from.len()
            ),
        });
    }
    Ok(())
}

fn too_many_constructs() -> TemplateError {
    TemplateError::Limit {
        message: format!(
            "expression has more than {MAX_CONSTRUCTS} generator constructs (counting those formed by generated text)"
        ),
    }
}

/// `from[start..end]` at ASCII boundaries.
fn text_of(from: &str, start: usize, end: usize) -> String {
    from.get(start..end).unwrap_or_default().to_owned()
}

/// A construct's position: `[` at `start`, `]` at `close`, `}` at `end - 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Found {
    start: usize,
    close: usize,
    end: usize,
}

/// A body character: `[a-zA-Z0-9\-\\]`.
const fn is_body(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'\\'
}

fn byte_at(bytes: &[u8], i: usize) -> u8 {
    bytes.get(i).copied().unwrap_or(0)
}

/// The leftmost construct `\[([a-zA-Z0-9\-\\]+)\]\{[0-9]+\}` starting at or after `from`
/// (upstream's `generatorsExp`; at a given `[` only one match is possible, and a failed `[`
/// lets the scan skip its whole body run, which holds no `[`).
fn find_construct(bytes: &[u8], from: usize) -> Option<Found> {
    let mut i = from;
    while let Some(offset) = memchr::memchr(b'[', bytes.get(i..)?) {
        let start = i + offset;
        let mut close = start + 1;
        while is_body(byte_at(bytes, close)) {
            close += 1;
        }
        if close > start + 1 && byte_at(bytes, close) == b']' && byte_at(bytes, close + 1) == b'{' {
            let mut digits_end = close + 2;
            while byte_at(bytes, digits_end).is_ascii_digit() {
                digits_end += 1;
            }
            if digits_end > close + 2 && byte_at(bytes, digits_end) == b'}' {
                return Some(Found {
                    start,
                    close,
                    end: digits_end + 1,
                });
            }
        }
        i = close;
    }
    None
}

/// Where to scan again after replacing the construct that started at `at`: upstream scans from
/// 0, but no construct can start before `at` unless it runs into the new text, which only the
/// `[` opening the body run that ends at `at`, or the `[` of a `[body]{digits` left just before
/// `at`, can do. Scanning from the earliest such `[` finds the same leftmost construct.
fn rescan_start(bytes: &[u8], at: usize) -> usize {
    let mut start = at;
    // `[` body* | new text
    let mut i = at;
    while i > 0 && is_body(byte_at(bytes, i - 1)) {
        i -= 1;
    }
    if i > 0 && byte_at(bytes, i - 1) == b'[' {
        start = i - 1;
    }
    // `[` body+ `]` | new text, or `[` body+ `]{` digit* | new text
    let mut j = at;
    while j > 0 && byte_at(bytes, j - 1).is_ascii_digit() {
        j -= 1;
    }
    if j > 0 && byte_at(bytes, j - 1) == b'{' {
        j -= 1;
    } else if j < at {
        return start;
    }
    if j > 0 && byte_at(bytes, j - 1) == b']' {
        let close = j - 1;
        let mut k = close;
        while k > 0 && is_body(byte_at(bytes, k - 1)) {
            k -= 1;
        }
        if k < close && k > 0 && byte_at(bytes, k - 1) == b'[' {
            start = start.min(k - 1);
        }
    }
    start
}

/// Compiles the construct at `found`: validation, count, tokens, alphabet (upstream's
/// `rangesAndLength` then `replaceWithGenerated`, errors in that order).
fn compile(bytes: &[u8], found: &Found, mode: RangeMode) -> Result<CharClass, TemplateError> {
    let body = bytes.get(found.start + 1..found.close).unwrap_or_default();
    let digits = bytes
        .get(found.close + 2..found.end - 1)
        .unwrap_or_default();
    let text =
        String::from_utf8_lossy(bytes.get(found.start..found.end).unwrap_or_default()).into_owned();
    let body_text = String::from_utf8_lossy(body).into_owned();
    if !is_valid_body(body) {
        return Err(TemplateError::MalformedExpression { body: body_text });
    }
    let count = parse_count(digits);
    if !(1..=MAX_COUNT as i64).contains(&count) {
        return Err(TemplateError::CountOutOfRange { count });
    }
    let mut alphabet = Vec::new();
    for (first, last) in tokens(body) {
        match (first, last) {
            (b'\\', b'w') => alphabet.extend_from_slice(WORD),
            (b'\\', b'd') => alphabet.extend_from_slice(DIGITS),
            (b'\\', b'a') => alphabet.extend_from_slice(LETTERS_DIGITS),
            (b'\\', b'A') => alphabet.extend_from_slice(SYMBOLS),
            _ => alphabet.extend_from_slice(range(first, last, mode)?),
        }
    }
    let alphabet = match mode {
        RangeMode::GoCompat => dedup_go(alphabet),
        RangeMode::Inclusive => dedup_stable(alphabet),
    };
    if alphabet.is_empty() {
        return Err(TemplateError::EmptyCharacterSet {
            body: body_text,
            construct: text,
        });
    }
    Ok(CharClass {
        text,
        body: body_text,
        count: usize::try_from(count).unwrap_or(MAX_COUNT),
        alphabet: String::from_utf8_lossy(&alphabet).into_owned(),
    })
}

/// Upstream's `expressionExp` on `[body]`: `\[(\\w|\\d|\\a|\\A)|([a-zA-Z0-9]\-[a-zA-Z0-9])+\]`
/// (unanchored, but `[` and `]` occur only at the ends).
fn is_valid_body(body: &[u8]) -> bool {
    matches!(body, [b'\\', b'w' | b'd' | b'a' | b'A', ..])
        || matches!(body, [.., x, b'-', y] if x.is_ascii_alphanumeric() && y.is_ascii_alphanumeric())
}

/// Go's `strconv.Atoi` on a digit run, whose error upstream ignores: the value saturates at
/// `i64::MAX` on overflow.
fn parse_count(digits: &[u8]) -> i64 {
    digits.iter().fold(0i64, |n, d| {
        n.checked_mul(10)
            .and_then(|n| n.checked_add(i64::from(d - b'0')))
            .unwrap_or(i64::MAX)
    })
}

/// Upstream's `rangeExp` (`[\\]?[a-zA-Z0-9]\-?[a-zA-Z0-9]?`, leftmost-first, greedy) over the
/// body, each match reduced to its first and last byte.
fn tokens(body: &[u8]) -> Vec<(u8, u8)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let first = byte_at(body, i);
        if first == b'\\' && byte_at(body, i + 1).is_ascii_alphanumeric() {
            i += 2;
        } else if first.is_ascii_alphanumeric() {
            i += 1;
        } else {
            i += 1;
            continue;
        }
        if byte_at(body, i) == b'-' {
            i += 1;
        }
        if byte_at(body, i).is_ascii_alphanumeric() {
            i += 1;
        }
        out.push((first, byte_at(body, i - 1)));
    }
    out
}

/// Upstream's `alphabetSlice`: `ASCII[index(first) .. last_index(last)]`, end-exclusive in Go
/// mode and inclusive otherwise.
fn range(first: u8, last: u8, mode: RangeMode) -> Result<&'static [u8], TemplateError> {
    let from = ASCII.iter().position(|&c| c == first);
    let to = ASCII.iter().rposition(|&c| c == last);
    let invalid = || TemplateError::InvalidRange {
        from: char::from(first),
        to: char::from(last),
    };
    match (from, to) {
        (Some(from), Some(to)) if from <= to => match mode {
            RangeMode::GoCompat => ASCII.get(from..to),
            RangeMode::Inclusive => ASCII.get(from..=to),
        }
        .ok_or_else(invalid),
        _ => Err(invalid()),
    }
}

/// Upstream's `removeDuplicateChars`: each later copy of a byte is overwritten by the last
/// byte, which reorders the alphabet (the order matters for seeded Go parity). Linear per
/// distinct byte, and an alphabet has at most 94 distinct bytes.
fn dedup_go(mut data: Vec<u8>) -> Vec<u8> {
    let mut i = 0;
    while i + 1 < data.len() {
        let current = byte_at(&data, i);
        let mut j = i + 1;
        while j < data.len() {
            if byte_at(&data, j) == current {
                // data[j] = data[last]; data = data[:last]; then look at j again.
                data.swap_remove(j);
            } else {
                j += 1;
            }
        }
        i += 1;
    }
    data
}

/// De-duplication keeping first occurrences.
fn dedup_stable(data: Vec<u8>) -> Vec<u8> {
    let mut seen = [false; 256];
    data.into_iter()
        .filter(|&b| {
            seen.get_mut(usize::from(b))
                .is_some_and(|seen| !std::mem::replace(seen, true))
        })
        .collect()
}

/// Go's `math/rand` (v1) source, `rngSource`: an additive lagged Fibonacci generator
/// (x[n] = x[n-607] + x[n-273] mod 2^64) whose seeding XORs a Lehmer sequence into
/// [`RNG_COOKED`].
struct GoSource {
    tap: usize,
    feed: usize,
    vec: [u64; RNG_LEN],
}

const RNG_LEN: usize = 607;
const RNG_TAP: usize = 273;
const INT32_MAX: i64 = (1 << 31) - 1;

impl GoSource {
    /// `rngSource.Seed`.
    fn new(seed: i64) -> Self {
        let mut seed = seed % INT32_MAX;
        if seed < 0 {
            seed += INT32_MAX;
        }
        if seed == 0 {
            seed = 89_482_311;
        }
        // In 1..2^31-1 after the reduction above.
        let mut x = i32::try_from(seed).unwrap_or(89_482_311);
        for _ in 0..20 {
            x = seedrand(x);
        }
        let mut vec = [0u64; RNG_LEN];
        for (slot, cooked) in vec.iter_mut().zip(RNG_COOKED) {
            x = seedrand(x);
            let mut u = i64::from(x) << 40;
            x = seedrand(x);
            u ^= i64::from(x) << 20;
            x = seedrand(x);
            u ^= i64::from(x);
            *slot = (u ^ cooked).cast_unsigned();
        }
        Self {
            tap: 0,
            feed: RNG_LEN - RNG_TAP,
            vec,
        }
    }

    /// `rngSource.Uint64`.
    fn uint64(&mut self) -> u64 {
        self.tap = self.tap.checked_sub(1).unwrap_or(RNG_LEN - 1);
        self.feed = self.feed.checked_sub(1).unwrap_or(RNG_LEN - 1);
        let tapped = self.vec.get(self.tap).copied().unwrap_or(0);
        match self.vec.get_mut(self.feed) {
            Some(slot) => {
                *slot = slot.wrapping_add(tapped);
                *slot
            }
            None => 0,
        }
    }

    /// `Rand.Int31`: the top 31 bits of `Int63`.
    fn int31(&mut self) -> i32 {
        // (x & (2^63-1)) >> 32 < 2^31.
        i32::try_from((self.uint64() & (u64::MAX >> 1)) >> 32).unwrap_or(0)
    }

    /// `Rand.Intn` for `0 < n < 2^31` (`Int31n`: a mask for powers of two, else rejection
    /// sampling).
    fn intn(&mut self, n: usize) -> usize {
        let Ok(n) = i32::try_from(n.max(1)) else {
            return 0;
        };
        let value = if n & (n - 1) == 0 {
            self.int31() & (n - 1)
        } else {
            let n_u = n.cast_unsigned();
            let max = ((1u32 << 31) - 1 - (1u32 << 31) % n_u).cast_signed();
            let mut v = self.int31();
            while v > max {
                v = self.int31();
            }
            v % n
        };
        usize::try_from(value).unwrap_or(0)
    }
}

/// `seedrand`: x[n+1] = 48271 * x[n] mod (2^31 - 1), Schrage's method.
const fn seedrand(x: i32) -> i32 {
    const A: i32 = 48271;
    const Q: i32 = 44488;
    const R: i32 = 3399;
    let hi = x / Q;
    let lo = x % Q;
    let mut x = A * lo - R * hi;
    if x < 0 {
        x += i32::MAX;
    }
    x
}

/// Go's `rngCooked` (`src/math/rand/rng.go`): the state of the same generator seeded with 1
/// after 7.8e12 steps (`gen_cooked.go`). Recomputed here by jumping ahead with matrix powers
/// over Z/2^64 and checked against Go's published table.
#[rustfmt::skip]
const RNG_COOKED: [i64; RNG_LEN] = [
    -4181792142133755926, -4576982950128230565, 1395769623340756751, 5333664234075297259,
    -6347679516498800754, 9033628115061424579, 7143218595135194537, 4812947590706362721,
    7937252194349799378, 5307299880338848416, 8209348851763925077, -7107630437535961764,
    4593015457530856296, 8140875735541888011, -5903942795589686782, -603556388664454774,
    -7496297993371156308, 113108499721038619, 4569519971459345583, -4160538177779461077,
    -6835753265595711384, -6507240692498089696, 6559392774825876886, 7650093201692370310,
    7684323884043752161, -8965504200858744418, -2629915517445760644, 271327514973697897,
    -6433985589514657524, 1065192797246149621, 3344507881999356393, -4763574095074709175,
    7465081662728599889, 1014950805555097187, -4773931307508785033, -5742262670416273165,
    2418672789110888383, 5796562887576294778, 4484266064449540171, 3738982361971787048,
    -4699774852342421385, 10530508058128498, -589538253572429690, -6598062107225984180,
    8660405965245884302, 10162832508971942, -2682657355892958417, 7031802312784620857,
    6240911277345944669, 831864355460801054, -1218937899312622917, 2116287251661052151,
    2202309800992166967, 9161020366945053561, 4069299552407763864, 4936383537992622449,
    457351505131524928, -8881176990926596454, -6375600354038175299, -7155351920868399290,
    4368649989588021065, 887231587095185257, -3659780529968199312, -2407146836602825512,
    5616972787034086048, -751562733459939242, 1686575021641186857, -5177887698780513806,
    -4979215821652996885, -1375154703071198421, 5632136521049761902, -8390088894796940536,
    -193645528485698615, -5979788902190688516, -4907000935050298721, -285522056888777828,
    -2776431630044341707, 1679342092332374735, 6050638460742422078, -2229851317345194226,
    -1582494184340482199, 5881353426285907985, 812786550756860885, 4541845584483343330,
    -6497901820577766722, 4980675660146853729, -4012602956251539747, -329088717864244987,
    -2896929232104691526, 1495812843684243920, -2153620458055647789, 7370257291860230865,
    -2466442761497833547, 4706794511633873654, -1398851569026877145, 8549875090542453214,
    -9189721207376179652, -7894453601103453165, 7297902601803624459, 1011190183918857495,
    -6985347000036920864, 5147159997473910359, -8326859945294252826, 2659470849286379941,
    6097729358393448602, -7491646050550022124, -5117116194870963097, -896216826133240300,
    -745860416168701406, 5803876044675762232, -787954255994554146, -3234519180203704564,
    -4507534739750823898, -1657200065590290694, 505808562678895611, -4153273856159712438,
    -8381261370078904295, 572156825025677802, 1791881013492340891, 3393267094866038768,
    -5444650186382539299, 2352769483186201278, -7930912453007408350, -325464993179687389,
    -3441562999710612272, -6489413242825283295, 5092019688680754699, -227247482082248967,
    4234737173186232084, 5027558287275472836, 4635198586344772304, -536033143587636457,
    5907508150730407386, -8438615781380831356, 972392927514829904, -3801314342046600696,
    -4064951393885491917, -174840358296132583, 2407211146698877100, -1640089820333676239,
    3940796514530962282, -5882197405809569433, 3095313889586102949, -1818050141166537098,
    5832080132947175283, 7890064875145919662, 8184139210799583195, -8073512175445549678,
    -7758774793014564506, -4581724029666783935, 3516491885471466898, -8267083515063118116,
    6657089965014657519, 5220884358887979358, 1796677326474620641, 5340761970648932916,
    1147977171614181568, 5066037465548252321, 2574765911837859848, 1085848279845204775,
    -5873264506986385449, 6116438694366558490, 2107701075971293812, -7420077970933506541,
    2469478054175558874, -1855128755834809824, -5431463669011098282, -9038325065738319171,
    -6966276280341336160, 7217693971077460129, -8314322083775271549, 7196649268545224266,
    -3585711691453906209, -5267827091426810625, 8057528650917418961, -5084103596553648165,
    -2601445448341207749, -7850010900052094367, 6527366231383600011, 3507654575162700890,
    9202058512774729859, 1954818376891585542, -2582991129724600103, 8299563319178235687,
    -5321504681635821435, 7046310742295574065, -2376176645520785576, -7650733936335907755,
    8850422670118399721, 3631909142291992901, 5158881091950831288, -6340413719511654215,
    4763258931815816403, 6280052734341785344, -4979582628649810958, 2043464728020827976,
    -2678071570832690343, 4562580375758598164, 5495451168795427352, -7485059175264624713,
    553004618757816492, 6895160632757959823, -989748114590090637, 7139506338801360852,
    -672480814466784139, 5535668688139305547, 2430933853350256242, -3821430778991574732,
    -1063731997747047009, -3065878205254005442, 7632066283658143750, 6308328381617103346,
    3681878764086140361, 3289686137190109749, 6587997200611086848, 244714774258135476,
    -5143583659437639708, 8090302575944624335, 2945117363431356361, -8359047641006034763,
    3009039260312620700, -793344576772241777, 401084700045993341, -1968749590416080887,
    4707864159563588614, -3583123505891281857, -3240864324164777915, -5908273794572565703,
    -3719524458082857382, -5281400669679581926, 8118566580304798074, 3839261274019871296,
    7062410411742090847, -8481991033874568140, 6027994129690250817, -6725542042704711878,
    -2971981702428546974, -7854441788951256975, 8809096399316380241, 6492004350391900708,
    2462145737463489636, -8818543617934476634, -5070345602623085213, -8961586321599299868,
    -3758656652254704451, -8630661632476012791, 6764129236657751224, -709716318315418359,
    -3403028373052861600, -8838073512170985897, -3999237033416576341, -2920240395515973663,
    -2073249475545404416, 368107899140673753, -6108185202296464250, -6307735683270494757,
    4782583894627718279, 6718292300699989587, 8387085186914375220, 3387513132024756289,
    4654329375432538231, -292704475491394206, -3848998599978456535, 7623042350483453954,
    7725442901813263321, 9186225467561587250, -5132344747257272453, -6865740430362196008,
    2530936820058611833, 1636551876240043639, -3658707362519810009, 1452244145334316253,
    -7161729655835084979, -7943791770359481772, 9108481583171221009, -3200093350120725999,
    5007630032676973346, 2153168792952589781, 6720334534964750538, -3181825545719981703,
    3433922409283786309, 2285479922797300912, 3110614940896576130, -2856812446131932915,
    -3804580617188639299, 7163298419643543757, 4891138053923696990, 580618510277907015,
    1684034065251686769, 4429514767357295841, -8893025458299325803, -8103734041042601133,
    7177515271653460134, 4589042248470800257, -1530083407795771245, 143607045258444228,
    246994305896273627, -8356954712051676521, 6473547110565816071, 3092379936208876896,
    2058427839513754051, -4089587328327907870, 8785882556301281247, -3074039370013608197,
    -637529855400303673, 6137678347805511274, -7152924852417805802, 5708223427705576541,
    -3223714144396531304, 4358391411789012426, 325123008708389849, 6837621693887290924,
    4843721905315627004, -3212720814705499393, -3825019837890901156, 4602025990114250980,
    1044646352569048800, 9106614159853161675, -8394115921626182539, -4304087667751778808,
    2681532557646850893, 3681559472488511871, -3915372517896561773, -2889241648411946534,
    -6564663803938238204, -8060058171802589521, 581945337509520675, 3648778920718647903,
    -4799698790548231394, -7602572252857820065, 220828013409515943, -1072987336855386047,
    4287360518296753003, -4633371852008891965, 5513660857261085186, -2258542936462001533,
    -8744380348503999773, 8746140185685648781, 228500091334420247, 1356187007457302238,
    3019253992034194581, 3152601605678500003, -8793219284148773595, 5559581553696971176,
    4916432985369275664, -8559797105120221417, -5802598197927043732, 2868348622579915573,
    -7224052902810357288, -5894682518218493085, 2587672709781371173, -7706116723325376475,
    3092343956317362483, -5561119517847711700, 972445599196498113, -1558506600978816441,
    1708913533482282562, -2305554874185907314, -6005743014309462908, -6653329009633068701,
    -483583197311151195, 2488075924621352812, -4529369641467339140, -4663743555056261452,
    2997203966153298104, 1282559373026354493, 240113143146674385, 8665713329246516443,
    628141331766346752, -4651421219668005332, -7750560848702540400, 7596648026010355826,
    -3132152619100351065, 7834161864828164065, 7103445518877254909, 4390861237357459201,
    -4780718172614204074, -319889632007444440, 622261699494173647, -3186110786557562560,
    -8718967088789066690, -1948156510637662747, -8212195255998774408, -7028621931231314745,
    2623071828615234808, -4066058308780939700, -5484966924888173764, -6683604512778046238,
    -6756087640505506466, 5256026990536851868, 7841086888628396109, 6640857538655893162,
    -8021284697816458310, -7109857044414059830, -1689021141511844405, -4298087301956291063,
    -4077748265377282003, -998231156719803476, 2719520354384050532, 9132346697815513771,
    4332154495710163773, -2085582442760428892, 6994721091344268833, -2556143461985726874,
    -8567931991128098309, 59934747298466858, -3098398008776739403, -265597256199410390,
    2332206071942466437, -7522315324568406181, 3154897383618636503, -7585605855467168281,
    -6762850759087199275, 197309393502684135, -8579694182469508493, 2543179307861934850,
    4350769010207485119, -4468719947444108136, -7207776534213261296, -1224312577878317200,
    4287946071480840813, 8362686366770308971, 6486469209321732151, -5605644191012979782,
    -1669018511020473564, 4450022655153542367, -7618176296641240059, -3896357471549267421,
    -4596796223304447488, -6531150016257070659, -8982326463137525940, -4125325062227681798,
    -1306489741394045544, -8338554946557245229, 5329160409530630596, 7790979528857726136,
    4955070238059373407, -4304834761432101506, -6215295852904371179, 3007769226071157901,
    -6753025801236972788, 8928702772696731736, 7856187920214445904, -4748497451462800923,
    7900176660600710914, -7082800908938549136, -6797926979589575837, -6737316883512927978,
    4186670094382025798, 1883939007446035042, -414705992779907823, 3734134241178479257,
    4065968871360089196, 6953124200385847784, -7917685222115876751, -7585632937840318161,
    -5567246375906782599, -5256612402221608788, 3106378204088556331, -2894472214076325998,
    4565385105440252958, 1979884289539493806, -6891578849933910383, 3783206694208922581,
    8464961209802336085, 2843963751609577687, 3030678195484896323, -4429654462759003204,
    4459239494808162889, 402587895800087237, 8057891408711167515, 4541888170938985079,
    1042662272908816815, -3666068979732206850, 2647678726283249984, 2144477441549833761,
    -3417019821499388721, -2105601033380872185, 5916597177708541638, -8760774321402454447,
    8833658097025758785, 5970273481425315300, 563813119381731307, -6455022486202078793,
    1598828206250873866, -4016978389451217698, -2988328551145513985, -6071154634840136312,
    8469693267274066490, 125672920241807416, -3912292412830714870, -2559617104544284221,
    -486523741806024092, -4735332261862713930, 5923302823487327109, -9082480245771672572,
    -1808429243461201518, 7990420780896957397, 4317817392807076702, 3625184369705367340,
    -6482649271566653105, -3480272027152017464, -3225473396345736649, -368878695502291645,
    -3981164001421868007, -8522033136963788610, 7609280429197514109, 3020985755112334161,
    -2572049329799262942, 2635195723621160615, 5144520864246028816, -8188285521126945980,
    1567242097116389047, 8172389260191636581, -2885551685425483535, -7060359469858316883,
    -6480181133964513127, -7317004403633452381, 6011544915663598137, 5932255307352610768,
    2241128460406315459, -8327867140638080220, 3094483003111372717, 4583857460292963101,
    9079887171656594975, -384082854924064405, -3460631649611717935, 4225072055348026230,
    -7385151438465742745, 3801620336801580414, -399845416774701952, -7446754431269675473,
    7899055018877642622, 5421679761463003041, 5521102963086275121, -4975092593295409910,
    8735487530905098534, -7462844945281082830, -2080886987197029914, -1000715163927557685,
    -4253840471931071485, -5828896094657903328, 6424174453260338141, 359248545074932887,
    -5949720754023045210, -2426265837057637212, 3030918217665093212, -9077771202237461772,
    -3186796180789149575, 740416251634527158, -2142944401404840226, 6951781370868335478,
    399922722363687927, -8928469722407522623, -1378421100515597285, -8343051178220066766,
    -3030716356046100229, -8811767350470065420, 9026808440365124461, 6440783557497587732,
    4615674634722404292, 539897290441580544, 2096238225866883852, 8751955639408182687,
    -7316147128802486205, 7381039757301768559, 6157238513393239656, -1473377804940618233,
    8629571604380892756, 5280433031239081479, 7101611890139813254, 2479018537985767835,
    7169176924412769570, -1281305539061572506, -7865612307799218120, 2278447439451174845,
    3625338785743880657, 6477479539006708521, 8976185375579272206, -3712000482142939688,
    1326024180520890843, 7537449876596048829, 5464680203499696154, 3189671183162196045,
    6346751753565857109, -8982212049534145501, -6127578587196093755, -245039190118465649,
    -6320577374581628592, 7208698530190629697, 7276901792339343736, -7490986807540332668,
    4133292154170828382, 2918308698224194548, -7703910638917631350, -3929437324238184044,
    -4300543082831323144, -6344160503358350167, 5896236396443472108, -758328221503023383,
    -1894351639983151068, -307900319840287220, -6278469401177312761, -2171292963361310674,
    8382142935188824023, 9103922860780351547, 4152330101494654406,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn class(text: &str, body: &str, count: usize, alphabet: &str) -> Piece {
        Piece::Class(CharClass {
            text: text.into(),
            body: body.into(),
            count,
            alphabet: alphabet.into(),
        })
    }

    fn literal(text: &str) -> Piece {
        Piece::Literal { text: text.into() }
    }

    #[test]
    fn parse_pieces() {
        let cases: &[(&str, RangeMode, Vec<Piece>)] = &[
            ("", RangeMode::Inclusive, vec![]),
            ("plain", RangeMode::Inclusive, vec![literal("plain")]),
            (
                "[a-z]+[a-z]{}[^a-z]{3}",
                RangeMode::Inclusive,
                vec![literal("[a-z]+[a-z]{}[^a-z]{3}")],
            ),
            (
                "user[A-C0-2]{3}!",
                RangeMode::GoCompat,
                vec![
                    literal("user"),
                    class("[A-C0-2]{3}", "A-C0-2", 3, "AB01"),
                    literal("!"),
                ],
            ),
            (
                "user[A-C0-2]{3}!",
                RangeMode::Inclusive,
                vec![
                    literal("user"),
                    class("[A-C0-2]{3}", "A-C0-2", 3, "ABC012"),
                    literal("!"),
                ],
            ),
            (
                "[abc-z]{007}",
                RangeMode::GoCompat,
                vec![class(
                    "[abc-z]{007}",
                    "abc-z",
                    7,
                    "acdefghijklmnopqrstuvwxy",
                )],
            ),
            (
                "[abc-z]{1}",
                RangeMode::Inclusive,
                vec![class(
                    "[abc-z]{1}",
                    "abc-z",
                    1,
                    "abcdefghijklmnopqrstuvwxyz",
                )],
            ),
            (
                "[\\da]{2}",
                RangeMode::GoCompat,
                vec![class("[\\da]{2}", "\\da", 2, LETTERS_DIGITS_STR)],
            ),
            (
                "[a-a]{3}",
                RangeMode::Inclusive,
                vec![class("[a-a]{3}", "a-a", 3, "a")],
            ),
            (
                "ключ-[0-1]{2}",
                RangeMode::Inclusive,
                vec![literal("ключ-"), class("[0-1]{2}", "0-1", 2, "01")],
            ),
            (
                "[x][a-b]{2}{y}",
                RangeMode::Inclusive,
                vec![
                    literal("[x]"),
                    class("[a-b]{2}", "a-b", 2, "ab"),
                    literal("{y}"),
                ],
            ),
        ];
        for (input, mode, want) in cases {
            let parsed = Expression::parse(input, *mode).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(parsed.pieces(), want.as_slice(), "{input}");
            assert_eq!(parsed.is_literal(), parsed.classes().count() == 0);
        }
    }

    const LETTERS_DIGITS_STR: &str =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    #[test]
    fn errors_in_both_modes() {
        let cases = [
            ("[ABC]{3}", "malformed expresion syntax: [ABC]"),
            ("[a-z\\d]{3}", "malformed expresion syntax: [a-z\\d]"),
            ("[\\\\w]{3}", "malformed expresion syntax: [\\\\w]"),
            ("[a-z]{2}[abc]{2}", "malformed expresion syntax: [abc]"),
            ("[abc]{0}", "malformed expresion syntax: [abc]"),
            ("[Z-A]{3}", "invalid range specified: Z-A"),
            ("[A-z]{3}", "invalid range specified: A-z"),
            ("[\\w-z]{3}", "invalid range specified: \\-z"),
            ("[\\dx]{8}", "invalid range specified: \\-x"),
            ("[z-a]{0}", "range must be within [1-255] characters (0)"),
            (
                "[A-Z]{256}",
                "range must be within [1-255] characters (256)",
            ),
            (
                "[\\d]{99999999999999999999}",
                "range must be within [1-255] characters (9223372036854775807)",
            ),
        ];
        for mode in [RangeMode::Inclusive, RangeMode::GoCompat] {
            for (input, message) in cases {
                let parsed = Expression::parse(input, mode)
                    .map(|_| ())
                    .map_err(|e| e.to_string());
                assert_eq!(parsed, Err(message.to_owned()), "{input} {mode:?}");
                let generated = ExpressionGenerator::seeded(1)
                    .with_mode(mode)
                    .generate(input);
                assert_eq!(
                    generated.map_err(|e| e.to_string()),
                    Err(message.to_owned()),
                    "{input}"
                );
            }
        }
    }

    #[test]
    fn empty_alphabet_is_an_error_in_go_mode() {
        for input in ["[a-a]{3}", "[0-0]{1}", "[\\w]{2}[b-b]{2}"] {
            let err = ExpressionGenerator::seeded(1)
                .with_mode(RangeMode::GoCompat)
                .generate(input);
            assert!(
                matches!(err, Err(TemplateError::EmptyCharacterSet { .. })),
                "{input}: {err:?}"
            );
            assert!(
                ExpressionGenerator::seeded(1).generate(input).is_ok(),
                "{input}"
            );
        }
    }

    #[test]
    fn go_math_rand_parity() {
        // Upstream's values with rand.New(rand.NewSource(1337)), three calls on one source.
        let cases: &[(&str, [&str; 3])] = &[
            (
                "test[A-Z0-9]{4}template",
                ["testQ3HVtemplate", "testWCQFtemplate", "test26CStemplate"],
            ),
            ("[\\d]{3}", ["889", "168", "413"]),
            (
                "[\\w]{20}",
                [
                    "hiG4uRbcUDd5PEJLyHZ7",
                    "VpdMGC78Z7JRBgp8IkjY",
                    "Ga0YbZLBx2W7OGWJ7ydX",
                ],
            ),
            ("[\\a]{10}", ["4U390O49B9", "WWnFWmvmju", "aZsofUrJfU"]),
            ("[a-z]{[1-2]{1}}", ["d", "b", "x"]),
        ];
        for (input, want) in cases {
            let mut generator = ExpressionGenerator::go_math_rand(1337);
            let got: Vec<String> = (0..3)
                .map(|_| generator.generate(input).unwrap_or_default())
                .collect();
            assert_eq!(got, want, "{input}");
        }
    }

    #[test]
    fn go_alphabet_order() {
        let cases = [
            ("[A-Z0-9]{1}", "ABCDEFGHIJKLMNOPQRSTUVWXY012345678"),
            // Upstream's de-duplication moves the tail into the holes.
            ("[a-mg-z]{1}", "abcdefghijklyxwvutmnopqrs"),
            (
                "[\\w\\A]{1}",
                "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_~!@#$%^&*()-`+={}[]\\|<,>.?/\"';:",
            ),
        ];
        for (input, want) in cases {
            let parsed =
                Expression::parse(input, RangeMode::GoCompat).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(
                parsed
                    .classes()
                    .map(|c| c.alphabet.as_str())
                    .collect::<Vec<_>>(),
                [want],
                "{input}"
            );
        }
    }

    #[test]
    fn generated_text_is_scanned_again() {
        let mut go = ExpressionGenerator::seeded(3).with_mode(RangeMode::GoCompat);
        for _ in 0..50 {
            let value = go.generate("[a[0-1]{1}-z]{2}").unwrap_or_default();
            assert!(
                value.len() == 2 && value.bytes().all(|b| b.is_ascii_alphabetic()),
                "{value}"
            );
            let value = go.generate("x[0-1]{4}y").unwrap_or_default();
            assert_eq!(value, "x0000y");
        }
    }

    #[test]
    fn inclusive_ranges_reach_their_end() {
        let mut generator = ExpressionGenerator::seeded(5);
        let value = generator.generate("[0-1]{255}").unwrap_or_default();
        assert!(value.contains('0') && value.contains('1'));
        assert_eq!(generator.generate("[a-a]{3}").ok().as_deref(), Some("aaa"));
        let mut a = ExpressionGenerator::seeded(9);
        let mut b = ExpressionGenerator::seeded(9);
        assert_eq!(a.generate("[\\w]{32}").ok(), b.generate("[\\w]{32}").ok());
    }

    #[test]
    fn bounds() {
        let long = "a".repeat(MAX_EXPRESSION_LEN + 1);
        assert!(matches!(
            ExpressionGenerator::seeded(1).generate(&long),
            Err(TemplateError::Limit { .. })
        ));
        assert!(matches!(
            Expression::parse(&long, RangeMode::Inclusive),
            Err(TemplateError::Limit { .. })
        ));
        let many = "[\\d]{1}".repeat(MAX_CONSTRUCTS);
        assert_eq!(
            ExpressionGenerator::seeded(1)
                .generate(&many)
                .map(|v| v.len())
                .ok(),
            Some(MAX_CONSTRUCTS)
        );
        let too_many = "[\\d]{1}".repeat(MAX_CONSTRUCTS + 1);
        assert!(matches!(
            ExpressionGenerator::seeded(1).generate(&too_many),
            Err(TemplateError::Limit { .. })
        ));
        assert!(matches!(
            Expression::parse(&too_many, RangeMode::GoCompat),
            Err(TemplateError::Limit { .. })
        ));
        // A long body run before many constructs stays fast and within the output bound.
        let nasty = format!("[{}{}", "a".repeat(12_000), "[\\d]{255}".repeat(480));
        assert!(nasty.len() <= MAX_EXPRESSION_LEN);
        let value = ExpressionGenerator::seeded(1)
            .generate(&nasty)
            .unwrap_or_default();
        assert!(value.len() <= MAX_OUTPUT_LEN);
    }

    /// Upstream's loop literally: rescan from 0 after each replacement.
    fn generate_naive(
        generator: &mut ExpressionGenerator,
        from: &str,
    ) -> Result<String, TemplateError> {
        let mut value = from.to_owned();
        while let Some(found) = find_construct(value.as_bytes(), 0) {
            let class = compile(value.as_bytes(), &found, generator.mode)?;
            let alphabet = class.alphabet.as_bytes();
            let run: String = (0..class.count)
                .map(|_| {
                    char::from(
                        alphabet
                            .get(generator.index(alphabet.len()))
                            .copied()
                            .unwrap_or(b'?'),
                    )
                })
                .collect();
            value.replace_range(found.start..found.end, &run);
        }
        Ok(value)
    }

    proptest::proptest! {
        #[test]
        fn rescan_shortcut_matches_upstream_loop(input in "[\\[\\]{}a-c0-2\\-\\\\A]{0,40}", seed: u64) {
            for mode in [RangeMode::Inclusive, RangeMode::GoCompat] {
                let fast = ExpressionGenerator::go_math_rand(seed.cast_signed()).with_mode(mode).generate(&input);
                let slow = generate_naive(&mut ExpressionGenerator::go_math_rand(seed.cast_signed()).with_mode(mode), &input);
                proptest::prop_assert_eq!(fast, slow);
            }
        }
    }
}
