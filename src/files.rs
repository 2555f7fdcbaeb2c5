//! Files list25 writes: its owner's only (files 0600, folders 0700,
//! whatever the umask), written whole (beside the target first, then
//! renamed over it), through temporary names made new each time, so that a
//! path planted where one will be (a symlink at `FILE.partial`) is never
//! followed.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Files: read and written by their owner only.
pub const FILE_MODE: u32 = 0o600;
/// Folders list25 makes: entered by their owner only.
pub const DIR_MODE: u32 = 0o700;

/// Make `path` and the folders above it that are missing, each its
/// owner's only (folders already there are left as they are).
pub fn private_dir(path: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(DIR_MODE);
    }
    builder.create(path)
}

/// Options for a file that must not exist yet (a symlink there is not
/// followed: it exists), made its owner's only.
fn new_file_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(FILE_MODE);
    }
    options
}

/// The file at `path`, opened to write (made, its owner's only, if it is
/// not there).
pub fn open_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(FILE_MODE);
    }
    options.open(path)
}

/// A new, empty file at `path`, its owner's only; refused if anything is
/// there already.
pub fn new_private(path: &Path) -> io::Result<File> {
    new_file_options().open(path)
}

/// A name no file has yet, beside `path`: `.NAME.WORD.partial`.
fn temp_name(path: &Path, n: u64) -> PathBuf {
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let seq = SEQ.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let word = format!("{:x}{:x}{:x}{n}", std::process::id(), nanos, seq);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{word}.partial"))
}

/// A new temporary file beside `path`, its owner's only, made under a
/// name nothing had (a name taken is passed over, never opened).
pub fn temp_beside(path: &Path) -> io::Result<(File, PathBuf)> {
    let mut last = None;
    for n in 0..16 {
        let candidate = temp_name(path, n);
        match new_private(&candidate) {
            Ok(f) => return Ok((f, candidate)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free name")))
}

/// Write `bytes` to `path` whole: into a new file beside it, synced, then
/// renamed over it, so a reader never finds half a file. A file replaced
/// keeps its mode; a new one is its owner's only.
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let say = |e: io::Error| format!("cannot write {}: {e}", path.display());
    let kept_mode = std::fs::symlink_metadata(path)
        .ok()
        .filter(std::fs::Metadata::is_file)
        .map(|m| m.permissions());
    let (mut file, temp) = temp_beside(path).map_err(say)?;
    let written = file
        .write_all(bytes)
        .and_then(|()| match kept_mode {
            Some(p) => file.set_permissions(p),
            None => Ok(()),
        })
        .and_then(|()| file.sync_all())
        .and_then(|()| std::fs::rename(&temp, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(say(e));
    }
    sync_folder(path);
    Ok(())
}

/// Make a rename into `path`'s folder last through a crash.
pub fn sync_folder(path: &Path) {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = File::open(dir).and_then(|d| d.sync_all());
    }
}

/// Whether two paths name one file (the same device and inode): a hard
/// link or a symlink to a file is that file.
#[cfg(unix)]
pub fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn mode(p: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(p).expect("meta").permissions().mode() & 0o777
    }

    #[test]
    #[cfg(unix)]
    fn a_planted_symlink_beside_the_target_is_never_followed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let secret = dir.path().join("secret");
        std::fs::write(&secret, "keep me").expect("secret");
        let target = dir.path().join("out.vcf");
        // Every name the old writer used, planted.
        std::os::unix::fs::symlink(&secret, dir.path().join("out.vcf.partial")).expect("plant");
        write_whole(&target, b"BEGIN:VCARD").expect("written");
        assert_eq!(std::fs::read(&secret).expect("read"), b"keep me");
        assert_eq!(std::fs::read(&target).expect("read"), b"BEGIN:VCARD");
        assert_eq!(mode(&target), 0o600, "its owner's only");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".partial"))
            .filter(|e| e.file_name() != "out.vcf.partial")
            .collect();
        assert!(left.is_empty(), "no temporary file left: {left:?}");
    }

    #[test]
    #[cfg(unix)]
    fn a_file_replaced_keeps_its_mode_and_folders_made_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("shared.csv");
        std::fs::write(&target, "old").expect("old");
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        write_whole(&target, b"new").expect("written");
        assert_eq!(mode(&target), 0o640);
        let deep = dir.path().join("a/b");
        private_dir(&deep).expect("made");
        assert_eq!((mode(&deep), mode(&dir.path().join("a"))), (0o700, 0o700));
    }
}
