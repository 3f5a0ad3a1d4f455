import { accessSync, closeSync, constants, fchownSync, lstatSync, mkdirSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { crypto } from './builtins.js';
import { MsoError } from './errors.js';

/**
 * Writes a file at a path the user named (`-o`, `--write-baseline`) without
 * ever destroying what the path is:
 * - a new path or a regular file: a temporary sibling and a rename, so readers
 *   never see half a file (mode, and owner when run as root, are kept);
 * - `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`: written to
 *   that descriptor of this process;
 * - a character device (`/dev/null`, a terminal) or a FIFO: opened without
 *   O_CREAT/O_TRUNC and written through; a FIFO that no process reads within
 *   FIFO_READER_WAIT_MS is refused rather than waited on forever;
 * - a symlink: followed only to a FIFO, /dev/null, a terminal or this
 *   process's own descriptor (the link stays); a symlink to a regular file,
 *   another device, a folder or nothing is refused (see writeViaSymlink);
 * - a folder, a block device, a socket: refused (MsoError, exit 2) with the reason;
 * - a path whose folder (or any folder above it) is a symlink that this user
 *   could have planted: refused (see refuseSymlinkedFolders).
 */
export const FIFO_READER_WAIT_MS = 5000;

export function writeUserFile(path: string, data: string | Buffer): void {
  const abs = resolve(path);
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const fd = ownDescriptor(abs);
  if (fd !== undefined) return writeToOwnFd(fd, buf);
  refuseSymlinkedFolders(path, dirname(abs));

  let st: Stats | undefined;
  try {
    st = lstatSync(abs);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (!st) return replaceAtomically(abs, buf, undefined);

  if (st.isSymbolicLink()) return writeViaSymlink(path, abs, buf);
  if (st.isFile()) return replaceAtomically(abs, buf, st);
  if (st.isCharacterDevice()) return writeThrough(abs, buf, constants.O_WRONLY);
  if (st.isFIFO()) return writeToFifo(path, abs, buf);
  throw new MsoError(`${path} is ${describe(st)}; refusing to write a file there`);
}

/**
 * A symlink is followed only to where writing cannot destroy anything: this
 * process's own descriptors, a FIFO, /dev/null or a terminal. A link to a
 * regular file (or to any other device) is refused: in a repository an agent
 * can write, `report.json -> ~/.ssh/authorized_keys` must not turn
 * `mso scan -o report.json` into an overwrite of that file.
 */
function writeViaSymlink(named: string, abs: string, buf: Buffer): void {
  let target: string;
  let st: Stats;
  try {
    target = realpathSync(abs);
    st = statSync(target);
  } catch {
    throw new MsoError(`${named} is a symbolic link to a missing file; refusing to write through it`);
  }
  const fd = ownDescriptor(target);
  if (fd !== undefined) return writeToOwnFd(fd, buf);
  if (st.isFIFO()) return writeToFifo(named, target, buf);
  if (st.isCharacterDevice() && /^\/dev\/(?:null|tty\d*|pts\/\d+)$/.test(target)) return writeThrough(target, buf, constants.O_WRONLY);
  throw new MsoError(`${named} is a symbolic link to ${describe(st)} (${target}); refusing to write through it: name the file itself`);
}

/**
 * `-o out/authorized_keys` with `out -> ~/.ssh` planted in a repository would replace a file the
 * last-component checks never see. A symlinked folder on the way is refused when it sits in a
 * folder this user can write (where an agent running as the user could have put it); links the
 * user cannot have made, like macOS's `/tmp -> private/tmp` in a root-owned `/`, are followed.
 * As root every folder is writable, so every symlinked folder is refused: name the real path.
 */
function refuseSymlinkedFolders(named: string, folder: string): void {
  const parts = folder.split(sep).filter(Boolean);
  let prefix: string = sep;
  for (const part of parts) {
    const parent = prefix;
    prefix = join(prefix, part);
    let st: Stats;
    try {
      st = lstatSync(prefix);
    } catch {
      return; // missing from here down: created as real folders by mkdir
    }
    if (!st.isSymbolicLink()) continue;
    let writable = true;
    try {
      accessSync(parent, constants.W_OK);
    } catch {
      writable = false;
    }
    if (writable) {
      throw new MsoError(`${named}: ${prefix} is a symbolic link to a folder; refusing to write through it: name the real folder`);
    }
  }
}

function describe(st: Stats): string {
  if (st.isFile()) return 'a regular file';
  if (st.isDirectory()) return 'a folder';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** `/dev/stdout` and friends name a descriptor this process already holds. */
function ownDescriptor(abs: string): number | undefined {
  const named: Record<string, number> = { '/dev/stdin': 0, '/dev/stdout': 1, '/dev/stderr': 2 };
  if (abs in named) return named[abs];
  const m = /^\/(?:dev\/fd|proc\/(?:self|thread-self|(\d+))\/fd)\/(\d+)$/.exec(abs);
  if (!m) return undefined;
  if (m[1] !== undefined && Number(m[1]) !== process.pid) return undefined;
  return Number(m[2]);
}

/** A reader that left (`-o /dev/stdout | head`) is not an error: the output was not wanted any more. */
function writeToOwnFd(fd: number, buf: Buffer): void {
  try {
    writeAllToFd(fd, buf);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPIPE') throw err;
  }
}

function replaceAtomically(path: string, buf: Buffer, existing: Stats | undefined): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${crypto().randomBytes(4).toString('hex')}.tmp`);
  // O_EXCL: never follow something planted at the temporary name.
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, existing ? existing.mode & 0o7777 : 0o666);
  try {
    writeAllToFd(fd, buf);
    if (existing && process.getuid?.() === 0 && (existing.uid !== 0 || existing.gid !== 0)) fchownSync(fd, existing.uid, existing.gid);
    closeSync(fd);
  } catch (err) {
    try {
      closeSync(fd);
    } catch {
      /* already closed */
    }
    rmSync(tmp, { force: true });
    throw err;
  }
  try {
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

function writeThrough(path: string, buf: Buffer, flags: number): void {
  const fd = openSync(path, flags);
  try {
    writeAllToFd(fd, buf);
  } finally {
    closeSync(fd);
  }
}

/**
 * A FIFO: a blocking open would wait forever when nothing reads it, so open
 * non-blocking (ENXIO while there is no reader) and poll a little; once a
 * reader holds it, a blocking open returns at once and writes need no
 * EAGAIN handling.
 */
function writeToFifo(named: string, path: string, buf: Buffer): void {
  const deadline = Date.now() + FIFO_READER_WAIT_MS;
  let probe: number | undefined;
  for (;;) {
    try {
      probe = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENXIO') throw err;
      if (Date.now() >= deadline) throw new MsoError(`${named} is a FIFO that no process is reading; nothing was written`);
      pause(20);
    }
  }
  try {
    writeThrough(path, buf, constants.O_WRONLY);
  } finally {
    closeSync(probe);
  }
}

function writeAllToFd(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off, buf.length - off);
    } catch (err) {
      // A descriptor inherited in non-blocking mode (a pipe on stdout) may be full for a moment.
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      pause(2);
    }
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
