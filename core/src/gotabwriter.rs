//! A port of Go's `text/tabwriter` (flags 0): `oc describe` and `oc process --parameters` lay
//! their tables out with it, and conformance compares their text byte for byte (padding,
//! trailing spaces, and the way tabs or newlines inside values break the layout included).

/// The `tabwriter.NewWriter` parameters (flags are always 0: left-aligned, no empty-column
/// discarding, no escapes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Config {
    /// The minimal cell width, padding included.
    pub(crate) min_width: usize,
    /// The width of a tab when padding with tabs.
    pub(crate) tab_width: usize,
    /// Added to the widest cell of a column.
    pub(crate) padding: usize,
    /// The padding character; `\t` pads with tabs to multiples of `tab_width`.
    pub(crate) pad_char: char,
}

/// `oc describe`: `minwidth 0, tabwidth 8, padding 1, padchar '\t'`.
pub(crate) const DESCRIBE: Config = Config {
    min_width: 0,
    tab_width: 8,
    padding: 1,
    pad_char: '\t',
};

/// `oc process --parameters`: `minwidth 20, tabwidth 5, padding 3, padchar ' '`.
pub(crate) const PARAMETERS: Config = Config {
    min_width: 20,
    tab_width: 5,
    padding: 3,
    pad_char: ' ',
};

/// Formats `text` the way writing it to a `tabwriter.Writer` and flushing does.
///
/// A cell is text terminated by a tab (or `\v`); the text after a line's last tab is not a
/// cell. Consecutive lines having a cell in column k form a block whose width is the widest
/// cell (in runes) plus the padding, at least the minimal width (rounded up to a multiple of
/// the tab width when padding with tabs). A `\f` ends the line and every block. Computed in
/// one pass with a stack of open blocks (no recursion), so any input formats in linear time.
pub(crate) fn format(text: &str, config: Config) -> String {
    struct Line<'a> {
        cells: Vec<&'a str>,
        /// The width of each column cell's block, filled when the block closes.
        widths: Vec<usize>,
    }
    // Split into lines (ended by `\n` or `\f`) and cells.
    let mut lines: Vec<Line<'_>> = Vec::new();
    let mut section_ends: Vec<bool> = Vec::new();
    let mut rest = text;
    loop {
        let end = rest.find(['\n', '\x0c']);
        let line = end.map_or(rest, |e| rest.get(..e).unwrap_or_default());
        let cells: Vec<&str> = line.split(['\t', '\x0b']).collect();
        lines.push(Line {
            widths: vec![0; cells.len().saturating_sub(1)],
            cells,
        });
        let Some(e) = end else { break };
        section_ends.push(rest.as_bytes().get(e) == Some(&b'\x0c'));
        rest = rest.get(e + 1..).unwrap_or_default();
    }
    // Open blocks, one per column from 0: (first line, widest cell + padding).
    let mut open: Vec<(usize, usize)> = Vec::new();
    let close =
        |lines: &mut Vec<Line<'_>>, column: usize, (start, width): (usize, usize), end: usize| {
            for line in lines.iter_mut().take(end).skip(start) {
                if let Some(w) = line.widths.get_mut(column) {
                    *w = width;
                }
            }
        };
    for i in 0..=lines.len() {
        let columns = lines.get(i).map_or(0, |l| l.widths.len());
        // A `\f` before this line closes every block.
        let flushed = i > 0 && section_ends.get(i - 1) == Some(&true);
        let keep = if flushed { 0 } else { columns.min(open.len()) };
        while open.len() > keep {
            let column = open.len() - 1;
            if let Some(block) = open.pop() {
                close(&mut lines, column, block, i);
            }
        }
        let Some(line) = lines.get(i) else { break };
        let cell_widths: Vec<usize> = line
            .cells
            .iter()
            .take(columns)
            .map(|c| c.chars().count() + config.padding)
            .collect();
        for (column, width) in cell_widths.into_iter().enumerate() {
            match open.get_mut(column) {
                Some(block) => block.1 = block.1.max(width),
                None => open.push((i, width.max(config.min_width))),
            }
        }
    }
    let mut out = String::with_capacity(text.len() * 2);
    let count = lines.len();
    for (i, line) in lines.iter().enumerate() {
        for (j, cell) in line.cells.iter().enumerate() {
            out.push_str(cell);
            if let Some(&width) = line.widths.get(j) {
                let text_width = cell.chars().count();
                if config.pad_char == '\t' {
                    // Tabs can only pad to multiples of the tab width.
                    let tab = config.tab_width.max(1);
                    let cell_width = width.div_ceil(tab) * tab;
                    let padding = cell_width.saturating_sub(text_width);
                    out.extend(std::iter::repeat_n('\t', padding.div_ceil(tab)));
                } else {
                    out.extend(std::iter::repeat_n(
                        config.pad_char,
                        width.saturating_sub(text_width),
                    ));
                }
            }
        }
        if i + 1 < count {
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_table() {
        for (input, expected) in [
            ("", ""),
            ("a\n", "a\n"),
            ("Name:\tx\n", "Name:\tx\n"),
            (
                "Name:\tx\nImage Repository:\ty\n",
                "Name:\t\t\tx\nImage Repository:\ty\n",
            ),
            // A line without a cell ends the block.
            ("a:\tx\n\nlonger label:\ty\n", "a:\tx\n\nlonger label:\ty\n"),
            // Nested columns: the second column's block spans only the lines having it.
            ("a\tb\tc\naaaaaaaaa\tb\n", "a\t\tb\tc\naaaaaaaaa\tb\n"),
            // Empty cells still pad; `\v` terminates a cell like a tab.
            ("\tx\n\x0bx\n", "\tx\n\tx\n"),
            // `\f` ends the block (and prints as a newline).
            ("a:\tx\x0clonger label:\ty\n", "a:\tx\nlonger label:\ty\n"),
            // Widths count runes, not bytes.
            ("ééééééé:\tx\nb:\ty\n", "ééééééé:\tx\nb:\t\ty\n"),
            ("no newline\tat end", "no newline\tat end"),
        ] {
            assert_eq!(format(input, DESCRIBE), expected, "{input:?}");
        }
    }

    #[test]
    fn parameters_table() {
        let pad = |n: usize| " ".repeat(n);
        for (input, expected) in [
            (
                "NAME\tDESCRIPTION\tGENERATOR\tVALUE\n".to_owned(),
                format!(
                    "NAME{}DESCRIPTION{}GENERATOR{}VALUE\n",
                    pad(16),
                    pad(9),
                    pad(11)
                ),
            ),
            // A 20-rune cell needs 23 columns (padding 3 beats the minimum of 20).
            (
                format!("{}\tx\n", "N".repeat(20)),
                format!("{}{}x\n", "N".repeat(20), pad(3)),
            ),
            // Empty cells pad to the minimum width.
            (
                "A\t\t\t\n".to_owned(),
                format!("A{}{}{}\n", pad(19), pad(20), pad(20)),
            ),
        ] {
            assert_eq!(format(&input, PARAMETERS), expected, "{input:?}");
        }
    }

    #[test]
    fn many_columns_is_linear() {
        let line = "x\t".repeat(20_000);
        let text = format!("{line}\n{line}\n");
        let out = format(&text, DESCRIBE);
        assert_eq!(out.matches('\t').count(), 40_000);
    }
}
