//! The file system the path transports consult (`pull.md` §2.5, §7.3), and path resolution
//! over it exactly as containers/image performs it on Linux.
//!
//! The library never touches the real file system. A caller describes what exists through the
//! [`FileSystem`] trait (one primitive: what is at an absolute path, without following a final
//! symbolic link) or uses the provided [`FileSystemView`]. Everything upstream asks of the
//! kernel and of Go's `os` and `path/filepath` packages is rebuilt on that primitive here, with
//! their limits and error texts:
//!
//! * the kernel's path walk (`faccessat`, `open`): symbolic links in the middle followed
//!   physically (`link/..` is the parent of the link's *target*), at most 40 links
//!   (`too many levels of symbolic links`), paths of at most 4095 bytes and names of at most 255
//!   (`file name too long`), `not a directory` for a file in the middle;
//! * Go's `filepath.EvalSymlinks` (lexical `..`, at most 255 links, `EvalSymlinks: too many
//!   links`), `filepath.Abs`, `filepath.Clean`, `filepath.Split`;
//! * containers/image's `explicitfilepath.ResolvePathToFullyExplicit`.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use crate::pull::PullError;

/// Linux `PATH_MAX`: a path (with its terminating NUL) must fit in 4096 bytes.
const PATH_MAX: usize = 4096;
/// Linux `NAME_MAX`, the longest file name the file systems accept.
const NAME_MAX: usize = 255;
/// Linux `MAXSYMLINKS`: symbolic links one path walk follows at most.
const KERNEL_MAX_LINKS: u32 = 40;
/// The number of links Go's `filepath.EvalSymlinks` follows before giving up.
const GO_EVAL_SYMLINKS_MAX_LINKS: u32 = 255;

/// What is at a path of a [`FileSystem`], without following a final symbolic link (`lstat`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileEntry<'a> {
    /// A directory.
    Directory,
    /// A regular file (or anything else that is neither a directory nor a symbolic link).
    File,
    /// A symbolic link with its target text (`readlink`), relative or absolute.
    Symlink(Cow<'a, str>),
}

/// The file system as the path transports see it: a working directory and an `lstat`-like
/// lookup. The walks of the kernel and of Go (symbolic links, `.` and `..`, length limits,
/// errors) are computed from it by the library, so an implementation only answers lookups.
pub trait FileSystem {
    /// The working directory relative paths start from: an absolute, clean path of a
    /// directory, without symbolic links (what `getcwd` reports).
    fn working_directory(&self) -> &str;

    /// What is at `path`, or `None` when nothing is. `path` is absolute and clean, and every
    /// proper ancestor of it is a directory of this file system (never a symbolic link).
    fn entry(&self, path: &str) -> Option<FileEntry<'_>>;
}

/// An error number of the kernel or of Go's `os` package, with its `strerror` text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Errno {
    /// `ENOENT`.
    NoEntry,
    /// `ENOTDIR`.
    NotDirectory,
    /// `ELOOP`.
    TooManyLinks,
    /// `ENAMETOOLONG`.
    NameTooLong,
    /// `EINVAL` (Go refuses a path with a NUL byte before any system call).
    Invalid,
}

impl Errno {
    /// The text Go's `syscall.Errno` prints.
    pub(crate) const fn text(self) -> &'static str {
        match self {
            Self::NoEntry => "no such file or directory",
            Self::NotDirectory => "not a directory",
            Self::TooManyLinks => "too many levels of symbolic links",
            Self::NameTooLong => "file name too long",
            Self::Invalid => "invalid argument",
        }
    }
}

/// A path-level failure: Go's `*PathError` (`<op> <path>: <errno>`) or one of the bare errors
/// `filepath.EvalSymlinks` returns.
fn fs_error(path: &str, message: String) -> PullError {
    PullError::Filesystem {
        path: path.to_owned(),
        message,
    }
}

fn path_error(op: &str, path: &str, errno: Errno) -> PullError {
    fs_error(path, format!("{op} {path}: {}", errno.text()))
}

/// `current` joined with one file name.
fn push_name(current: &mut String, name: &str) {
    if !current.ends_with('/') {
        current.push('/');
    }
    current.push_str(name);
}

/// `current` without its last component (`/` stays `/`).
fn pop_name(current: &mut String) {
    match current.rfind('/') {
        Some(0) | None => {
            current.clear();
            current.push('/');
        }
        Some(i) => current.truncate(i),
    }
}

/// The next component of `path` at or after `from`: its range, skipping leading slashes.
fn next_component(path: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = path.as_bytes();
    let start = from
        + bytes
            .get(from..)?
            .iter()
            .take_while(|&&b| b == b'/')
            .count();
    if start >= bytes.len() {
        return None;
    }
    let len = bytes
        .get(start..)?
        .iter()
        .take_while(|&&b| b != b'/')
        .count();
    Some((start, start + len))
}

/// The kernel's path walk of `path` from the working directory: symbolic links before a `/`
/// are always followed, the final one only with `follow_final` (`open`, not `faccessat` with
/// `AT_SYMLINK_NOFOLLOW`). `Ok` when something exists there.
fn kernel_walk<F: FileSystem + ?Sized>(
    fs: &F,
    path: &str,
    follow_final: bool,
) -> Result<(), Errno> {
    if path.len() >= PATH_MAX {
        return Err(Errno::NameTooLong);
    }
    if path.is_empty() {
        return Err(Errno::NoEntry);
    }
    let mut current = if path.starts_with('/') {
        String::from("/")
    } else {
        fs.working_directory().to_owned()
    };
    let mut current_is_dir = true;
    let mut remaining = Cow::Borrowed(path);
    let mut position = 0;
    let mut links = 0;
    let mut needs_directory = false;
    while let Some((start, end)) = next_component(&remaining, position) {
        // Every component but the last is looked up in the previous one.
        if !current_is_dir {
            return Err(Errno::NotDirectory);
        }
        let component = remaining.get(start..end).unwrap_or_default();
        let followed_by_slash = end < remaining.len();
        needs_directory = followed_by_slash;
        position = end;
        match component {
            "." => {}
            ".." => pop_name(&mut current),
            name => {
                if name.len() > NAME_MAX {
                    return Err(Errno::NameTooLong);
                }
                push_name(&mut current, name);
                match fs.entry(&current) {
                    None => return Err(Errno::NoEntry),
                    Some(FileEntry::Directory) => {}
                    Some(FileEntry::File) => current_is_dir = false,
                    Some(FileEntry::Symlink(target)) if followed_by_slash || follow_final => {
                        links += 1;
                        if links > KERNEL_MAX_LINKS {
                            return Err(Errno::TooManyLinks);
                        }
                        if target.is_empty() {
                            return Err(Errno::NoEntry);
                        }
                        if target.len() >= PATH_MAX {
                            return Err(Errno::NameTooLong);
                        }
                        if target.starts_with('/') {
                            current = String::from("/");
                        } else {
                            // A relative target starts in the link's own directory.
                            pop_name(&mut current);
                        }
                        let rest = remaining.get(end..).unwrap_or_default();
                        let mut expanded = String::with_capacity(target.len() + rest.len());
                        expanded.push_str(&target);
                        expanded.push_str(rest);
                        remaining = Cow::Owned(expanded);
                        position = 0;
                    }
                    // A final link that is not followed exists as itself.
                    Some(FileEntry::Symlink(_)) => current_is_dir = false,
                }
            }
        }
    }
    if needs_directory && !current_is_dir {
        return Err(Errno::NotDirectory);
    }
    Ok(())
}

/// containers/storage's `fileutils.Lexists`: `faccessat(path, F_OK, AT_SYMLINK_NOFOLLOW)`,
/// falling back to `os.Lstat` on `EINVAL`. `Ok(false)` when the path does not exist.
fn lexists<F: FileSystem + ?Sized>(fs: &F, path: &str) -> Result<bool, PullError> {
    if path.contains('\0') {
        // Go refuses the NUL byte with EINVAL, and the fallback `os.Lstat` refuses it again.
        return Err(path_error("lstat", path, Errno::Invalid));
    }
    match kernel_walk(fs, path, false) {
        Ok(()) => Ok(true),
        Err(Errno::NoEntry) => Ok(false),
        Err(errno) => Err(path_error("faccessat", path, errno)),
    }
}

/// Go's `os.Open(name)` as far as it can fail on a path: `open <name>: <errno>`. Directories
/// open; the final symbolic link is followed.
pub(crate) fn open_check<F: FileSystem + ?Sized>(fs: &F, name: &str) -> Result<(), String> {
    let errno = if name.contains('\0') {
        Some(Errno::Invalid)
    } else {
        kernel_walk(fs, name, true).err()
    };
    match errno {
        None => Ok(()),
        Some(errno) => Err(format!("open {name}: {}", errno.text())),
    }
}

/// Go's `filepath.Clean` (Unix): `.` and empty components removed, `..` removing the
/// component before it (and dropped at the root), no trailing slash; `""` becomes `.`.
pub(crate) fn clean_path(path: &str) -> String {
    if path.is_empty() {
        return String::from(".");
    }
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for component in path.split('/') {
        match component {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|last| *last != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            name => parts.push(name),
        }
    }
    let mut out = String::with_capacity(path.len());
    if rooted {
        out.push('/');
    }
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.push_str(part);
    }
    if out.is_empty() {
        out.push('.');
    }
    out
}

/// Go's `filepath.Split`: everything up to and including the last `/`, and the rest.
pub(crate) fn split_path(path: &str) -> (&str, &str) {
    match path.rfind('/') {
        Some(i) => path.split_at_checked(i + 1).unwrap_or((path, "")),
        None => ("", path),
    }
}

/// Go's `filepath.Abs`: a relative path joined to the working directory; both cleaned.
fn absolute_path<F: FileSystem + ?Sized>(fs: &F, path: &str) -> String {
    if path.starts_with('/') {
        clean_path(path)
    } else {
        let cwd = fs.working_directory();
        let mut joined = String::with_capacity(cwd.len() + 1 + path.len());
        joined.push_str(cwd);
        joined.push('/');
        joined.push_str(path);
        clean_path(&joined)
    }
}

/// Go's `os.Lstat(dest)` inside `EvalSymlinks`. Every component of `dest` before the last is
/// a directory already looked up (or `..`), so `physical`, the cleaned `dest`, is where the
/// kernel arrives; the limits apply to the text `dest` itself.
fn go_lstat<'a, F: FileSystem + ?Sized>(
    fs: &'a F,
    dest: &str,
    name: &str,
    physical: &str,
) -> Result<FileEntry<'a>, PullError> {
    let errno = if name.contains('\0') {
        Errno::Invalid
    } else if dest.len() >= PATH_MAX || name.len() > NAME_MAX {
        Errno::NameTooLong
    } else {
        match fs.entry(physical) {
            Some(entry) => return Ok(entry),
            None => Errno::NoEntry,
        }
    };
    Err(path_error("lstat", dest, errno))
}

/// Go's `filepath.EvalSymlinks` (`walkSymlinks` on Unix) of an absolute, clean path: `..` is
/// applied to the text built so far (lexically), symbolic links are replaced by their targets,
/// at most 255 of them.
fn eval_symlinks<F: FileSystem + ?Sized>(fs: &F, input: &str) -> Result<String, PullError> {
    let mut path = input.to_owned();
    let mut vol_len = usize::from(path.starts_with('/'));
    let mut vol = path.get(..vol_len).unwrap_or_default().to_owned();
    let mut dest = vol.clone();
    let mut physical = if vol_len == 1 {
        String::from("/")
    } else {
        fs.working_directory().to_owned()
    };
    let mut links = 0;
    let mut end = vol_len;
    while let Some((start, component_end)) = next_component(&path, end) {
        end = component_end;
        let component = path.get(start..end).unwrap_or_default();
        if component == "." {
            continue;
        }
        if component == ".." {
            // The last `/` of `dest` after the volume; keep `..` when there is none, or when
            // `dest` already ends in a `..` it had to keep.
            let last_slash = dest
                .as_bytes()
                .get(vol_len..)
                .and_then(|tail| tail.iter().rposition(|&b| b == b'/'))
                .map(|i| i + vol_len);
            match last_slash {
                Some(r) if dest.get(r + 1..) != Some("..") => dest.truncate(r),
                _ => {
                    if dest.len() > vol_len {
                        dest.push('/');
                    }
                    dest.push_str("..");
                }
            }
            pop_name(&mut physical);
            continue;
        }
        if !dest.is_empty() && !dest.ends_with('/') {
            dest.push('/');
        }
        dest.push_str(component);
        push_name(&mut physical, component);
        match go_lstat(fs, &dest, component, &physical)? {
            FileEntry::Directory => {}
            FileEntry::File => {
                if end < path.len() {
                    return Err(fs_error(input, Errno::NotDirectory.text().to_owned()));
                }
            }
            FileEntry::Symlink(link) => {
                links += 1;
                if links > GO_EVAL_SYMLINKS_MAX_LINKS {
                    return Err(fs_error(input, "EvalSymlinks: too many links".to_owned()));
                }
                if link.len() >= PATH_MAX {
                    // No file system stores such a link; refusing it bounds the work.
                    return Err(path_error("readlink", &dest, Errno::NameTooLong));
                }
                let mut expanded = String::with_capacity(link.len() + path.len() - end);
                expanded.push_str(&link);
                expanded.push_str(path.get(end..).unwrap_or_default());
                if link.starts_with('/') {
                    dest = String::from("/");
                    physical = String::from("/");
                    vol = String::from("/");
                    vol_len = 1;
                    end = 1;
                } else {
                    // Replace the link's own name in `dest` by the target's components.
                    let last_slash = dest
                        .as_bytes()
                        .get(vol_len..)
                        .and_then(|tail| tail.iter().rposition(|&b| b == b'/'))
                        .map(|i| i + vol_len);
                    match last_slash {
                        Some(r) => dest.truncate(r),
                        None => dest.clone_from(&vol),
                    }
                    pop_name(&mut physical);
                    end = 0;
                }
                path = expanded;
            }
        }
    }
    Ok(clean_path(&dest))
}

/// `resolveExistingPathToFullyExplicit`: `filepath.Abs`, `filepath.EvalSymlinks`, `Clean`.
fn resolve_existing<F: FileSystem + ?Sized>(fs: &F, path: &str) -> Result<String, PullError> {
    let absolute = absolute_path(fs, path);
    let resolved = eval_symlinks(fs, &absolute)?;
    Ok(clean_path(&resolved))
}

/// containers/image's `explicitfilepath.ResolvePathToFullyExplicit` (`pull.md` §7.3): the
/// absolute path without symbolic links, `.` or `..` that `path` names, relative paths taken
/// from the working directory. A path that does not exist is resolved through its parent
/// directory, which must exist.
///
/// ```
/// use openshift_image::pull::transports::{resolve_path_to_fully_explicit, FileSystemView};
///
/// let mut fs = FileSystemView::new("/srv/images")?;
/// fs.add_symlink("/srv/images/link", "/var/lib/images")?;
/// fs.add_directory("/var/lib/images")?;
/// assert_eq!(resolve_path_to_fully_explicit("link/new", &fs)?, "/var/lib/images/new");
/// assert_eq!(
///     resolve_path_to_fully_explicit("missing/x", &fs).unwrap_err().to_string(),
///     "lstat /srv/images/missing: no such file or directory"
/// );
/// # Ok::<(), openshift_image::pull::PullError>(())
/// ```
///
/// # Errors
/// [`PullError::Filesystem`] with Go's texts: `faccessat <path>: <error>` when the existence
/// test fails other than by absence, `lstat <path>: no such file or directory` (and the other
/// `lstat` errors) while resolving, `not a directory`, `EvalSymlinks: too many links`,
/// `Unexpectedly missing special filename component in <path>`.
pub fn resolve_path_to_fully_explicit<F: FileSystem + ?Sized>(
    path: &str,
    fs: &F,
) -> Result<String, PullError> {
    if lexists(fs, path)? {
        return resolve_existing(fs, path);
    }
    let (parent, file) = split_path(path);
    let resolved_parent = resolve_existing(fs, parent)?;
    if file == "." || file == ".." {
        return Err(fs_error(
            path,
            format!("Unexpectedly missing special filename component in {path}"),
        ));
    }
    if file.is_empty() {
        return Ok(resolved_parent);
    }
    let mut joined = resolved_parent;
    push_name(&mut joined, file);
    Ok(clean_path(&joined))
}

/// One node of a [`FileSystemView`].
#[derive(Debug, Clone, PartialEq, Eq)]
enum Node {
    Directory,
    File,
    Symlink(String),
}

impl Node {
    const fn describe(&self) -> &'static str {
        match self {
            Self::Directory => "a directory",
            Self::File => "a file",
            Self::Symlink(_) => "a symbolic link",
        }
    }
}

/// A file system given as data (`pull.md` §2.5): a working directory, directories, regular
/// files and symbolic links. Nothing else exists; `/`, the working directory and the parents
/// of every listed path are directories.
///
/// Deserializes from `{"cwd": "/srv/images", "directories": [...], "files": [...],
/// "symlinks": {"/srv/images/link": "/var/lib/images"}}` (every member optional; paths
/// absolute). [`FileSystemView::default`] is a file system where only `/` exists, with `/` as
/// the working directory.
///
/// ```
/// use openshift_image::pull::transports::{parse_image_name, FileSystemView};
///
/// let fs: FileSystemView = serde_json::from_str(
///     r#"{"cwd": "/srv/images", "directories": ["/srv/images/layouts/app"]}"#,
/// )?;
/// let name = parse_image_name("oci:layouts/app:v1", &fs)?;
/// assert_eq!(name.policy_identity, "/srv/images/layouts/app");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "FileSystemViewSpec")]
pub struct FileSystemView {
    working_directory: String,
    nodes: HashMap<String, Node>,
}

impl Default for FileSystemView {
    fn default() -> Self {
        Self {
            working_directory: String::from("/"),
            nodes: HashMap::from([(String::from("/"), Node::Directory)]),
        }
    }
}

/// The serialized shape of a [`FileSystemView`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSystemViewSpec {
    #[serde(default)]
    cwd: Option<String>,
    #[serde(default)]
    directories: Vec<String>,
    #[serde(default)]
    files: Vec<String>,
    #[serde(default)]
    symlinks: BTreeMap<String, String>,
}

impl TryFrom<FileSystemViewSpec> for FileSystemView {
    type Error = PullError;

    fn try_from(spec: FileSystemViewSpec) -> Result<Self, PullError> {
        let mut view = Self::new(spec.cwd.as_deref().unwrap_or("/"))?;
        for directory in &spec.directories {
            view.add_directory(directory)?;
        }
        for file in &spec.files {
            view.add_file(file)?;
        }
        for (link, target) in &spec.symlinks {
            view.add_symlink(link, target)?;
        }
        Ok(view)
    }
}

impl FileSystemView {
    /// A file system where only `/`, `working_directory` and its parents exist (as
    /// directories).
    ///
    /// # Errors
    /// [`PullError::Filesystem`] when `working_directory` is not absolute.
    pub fn new(working_directory: &str) -> Result<Self, PullError> {
        let mut view = Self::default();
        let cwd = Self::checked_path(working_directory)?;
        view.insert(&cwd, Node::Directory)?;
        view.working_directory = cwd;
        Ok(view)
    }

    /// Adds a directory (and its parents).
    ///
    /// # Errors
    /// [`PullError::Filesystem`] when `path` is not absolute, or it or a parent is already
    /// something other than a directory.
    pub fn add_directory(&mut self, path: &str) -> Result<(), PullError> {
        let path = Self::checked_path(path)?;
        self.insert(&path, Node::Directory)
    }

    /// Adds a regular file (and its parent directories).
    ///
    /// # Errors
    /// As [`FileSystemView::add_directory`].
    pub fn add_file(&mut self, path: &str) -> Result<(), PullError> {
        let path = Self::checked_path(path)?;
        self.insert(&path, Node::File)
    }

    /// Adds a symbolic link to `target` (relative to the link's directory unless absolute;
    /// it need not exist), and the link's parent directories.
    ///
    /// # Errors
    /// As [`FileSystemView::add_directory`]; also when `target` is empty or 4096 bytes or
    /// longer (no Linux file system stores such a link).
    pub fn add_symlink(&mut self, path: &str, target: &str) -> Result<(), PullError> {
        let path = Self::checked_path(path)?;
        if target.is_empty() || target.len() >= PATH_MAX {
            return Err(fs_error(
                &path,
                format!(
                    "symbolic link {path}: a target must have 1 to {} bytes",
                    PATH_MAX - 1
                ),
            ));
        }
        self.insert(&path, Node::Symlink(target.to_owned()))
    }

    /// The working directory.
    #[must_use]
    pub fn working_directory(&self) -> &str {
        &self.working_directory
    }

    fn checked_path(path: &str) -> Result<String, PullError> {
        if path.starts_with('/') {
            Ok(clean_path(path))
        } else {
            Err(fs_error(
                path,
                format!("file-system view path {path:?} is not absolute"),
            ))
        }
    }

    /// Inserts `node` at the clean absolute `path`, its parents as directories.
    fn insert(&mut self, path: &str, node: Node) -> Result<(), PullError> {
        let conflict = |path: &str, existing: &Node, wanted: &Node| {
            fs_error(
                path,
                format!(
                    "file-system view: {path} is {} and cannot also be {}",
                    existing.describe(),
                    wanted.describe()
                ),
            )
        };
        let mut parent = String::with_capacity(path.len());
        let mut components = path.split('/').filter(|c| !c.is_empty()).peekable();
        while let Some(component) = components.next() {
            if components.peek().is_none() {
                break;
            }
            push_name(&mut parent, component);
            match self.nodes.get(&parent) {
                None => {
                    self.nodes.insert(parent.clone(), Node::Directory);
                }
                Some(Node::Directory) => {}
                Some(existing) => return Err(conflict(&parent, existing, &Node::Directory)),
            }
        }
        match self.nodes.get(path) {
            None => {
                self.nodes.insert(path.to_owned(), node);
                Ok(())
            }
            Some(existing) if *existing == node => Ok(()),
            Some(existing) => Err(conflict(path, existing, &node)),
        }
    }
}

impl FileSystem for FileSystemView {
    fn working_directory(&self) -> &str {
        &self.working_directory
    }

    fn entry(&self, path: &str) -> Option<FileEntry<'_>> {
        self.nodes.get(path).map(|node| match node {
            Node::Directory => FileEntry::Directory,
            Node::File => FileEntry::File,
            Node::Symlink(target) => FileEntry::Symlink(Cow::Borrowed(target)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> FileSystemView {
        let mut fs = FileSystemView::new("/srv/images").unwrap_or_default();
        for dir in ["/srv/images/layouts/app", "/var/lib/images", "/home/user"] {
            assert!(fs.add_directory(dir).is_ok());
        }
        for file in ["/srv/images/app.tar", "/var/lib/images/base.tar"] {
            assert!(fs.add_file(file).is_ok());
        }
        assert!(
            fs.add_symlink("/srv/images/link", "/var/lib/images")
                .is_ok()
        );
        assert!(
            fs.add_symlink("/srv/images/dangling", "missing-target")
                .is_ok()
        );
        assert!(fs.add_symlink("/srv/images/loop-a", "loop-b").is_ok());
        assert!(fs.add_symlink("/srv/images/loop-b", "loop-a").is_ok());
        assert!(fs.add_symlink("/srv/images/up", "../..").is_ok());
        fs
    }

    #[test]
    fn clean_matches_go() {
        let cases = [
            ("", "."),
            ("/", "/"),
            ("//", "/"),
            ("a/b/../c/.", "a/c"),
            ("/../x", "/x"),
            ("../../x", "../../x"),
            ("a/../..", ".."),
            ("/srv/images/", "/srv/images"),
            ("./", "."),
        ];
        for (input, want) in cases {
            assert_eq!(clean_path(input), want, "{input:?}");
        }
        assert_eq!(split_path("a/b/c"), ("a/b/", "c"));
        assert_eq!(split_path("abc"), ("", "abc"));
        assert_eq!(split_path("a/"), ("a/", ""));
    }

    #[test]
    fn kernel_walk_follows_links_physically() {
        let fs = tree();
        let cases: [(&str, bool, Result<(), Errno>); 14] = [
            ("link/../images", false, Ok(())),
            ("link/..", false, Ok(())),
            ("dangling", false, Ok(())),
            ("dangling", true, Err(Errno::NoEntry)),
            ("dangling/", false, Err(Errno::NoEntry)),
            ("app.tar/x", false, Err(Errno::NotDirectory)),
            ("app.tar/", false, Err(Errno::NotDirectory)),
            ("app.tar/.", false, Err(Errno::NotDirectory)),
            ("loop-a", false, Ok(())),
            ("loop-a/x", false, Err(Errno::TooManyLinks)),
            ("up/var/lib/images/base.tar", true, Ok(())),
            ("", false, Err(Errno::NoEntry)),
            ("/..", false, Ok(())),
            ("layouts/app/../../app.tar", true, Ok(())),
        ];
        for (path, follow, want) in cases {
            assert_eq!(kernel_walk(&fs, path, follow), want, "{path:?}");
        }
        let long_name = "x".repeat(256);
        assert_eq!(kernel_walk(&fs, &long_name, false), Err(Errno::NameTooLong));
        assert_eq!(
            kernel_walk(&fs, &format!("missing/{long_name}"), false),
            Err(Errno::NoEntry)
        );
        assert_eq!(
            kernel_walk(&fs, &"a/".repeat(2048), false),
            Err(Errno::NameTooLong)
        );
    }

    #[test]
    fn resolution_mixes_physical_existence_and_lexical_resolution() {
        let fs = tree();
        let cases = [
            ("link/../app.tar", Ok("/srv/images/app.tar")),
            (
                "link/../images",
                Err("lstat /srv/images/images: no such file or directory"),
            ),
            (
                "dangling/x",
                Err("lstat /srv/images/missing-target: no such file or directory"),
            ),
            ("app.tar/..", Err("faccessat app.tar/..: not a directory")),
            ("link/", Ok("/var/lib/images")),
            ("//", Ok("/")),
            ("", Ok("/srv/images")),
            ("up/srv", Ok("/srv")),
            ("up/new", Ok("/new")),
            (
                "/nonexistent/x",
                Err("lstat /nonexistent: no such file or directory"),
            ),
            (
                "link/../layouts/..",
                Err("Unexpectedly missing special filename component in link/../layouts/.."),
            ),
            ("loop-a", Err("EvalSymlinks: too many links")),
            (
                "loop-a/x",
                Err("faccessat loop-a/x: too many levels of symbolic links"),
            ),
            ("a\0b", Err("lstat a\0b: invalid argument")),
            ("link/../app.tar/y/z", Err("not a directory")),
        ];
        for (path, want) in cases {
            let got = resolve_path_to_fully_explicit(path, &fs).map_err(|e| e.to_string());
            assert_eq!(
                got,
                want.map(str::to_owned).map_err(str::to_owned),
                "{path:?}"
            );
        }
    }

    #[test]
    fn open_follows_the_final_link() {
        let fs = tree();
        assert_eq!(open_check(&fs, "link/base.tar"), Ok(()));
        assert_eq!(open_check(&fs, "layouts"), Ok(()));
        assert_eq!(
            open_check(&fs, ""),
            Err("open : no such file or directory".to_owned())
        );
        assert_eq!(
            open_check(&fs, "dangling"),
            Err("open dangling: no such file or directory".to_owned())
        );
    }

    #[test]
    fn views_refuse_contradictions() {
        let mut fs = FileSystemView::default();
        assert!(fs.add_file("/a/b").is_ok());
        assert!(fs.add_file("/a").is_err());
        assert!(fs.add_directory("/a/b/c").is_err());
        assert!(fs.add_directory("relative").is_err());
        assert!(fs.add_symlink("/l", "").is_err());
        assert!(fs.add_symlink("/l", &"a".repeat(4096)).is_err());
        assert!(fs.add_directory("/a/").is_ok());
        assert!(FileSystemView::new("srv").is_err());
        let parsed: Result<FileSystemView, _> =
            serde_json::from_str(r#"{"cwd": "/x", "files": ["/x"]}"#);
        assert!(parsed.is_err());
        let unknown: Result<FileSystemView, _> = serde_json::from_str(r#"{"dirs": []}"#);
        assert!(unknown.is_err());
    }
}
