import { unquoteGitPath } from './git.js';

/**
 * Parses `git diff -U0` / `git log -p -U0` output into per-file sections with
 * the added lines and their line numbers in the new file. Hunk line counts are
 * tracked so an added line that itself starts with "+++" or "diff --git" is
 * never mistaken for a header.
 */
export interface DiffSection {
  commit?: string;
  /** New path (b/...), undefined for deletions. */
  path?: string;
  submodule: boolean;
  added: Array<{ line: number; text: string }>;
}

const HUNK = /^@@@* -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

export class DiffParser {
  private section?: DiffSection;
  private commit?: string;
  private oldLeft = 0;
  private newLeft = 0;
  private nextLine = 0;

  constructor(private readonly emit: (s: DiffSection) => void) {}

  /** A commit marker line from `--format=%x00%H`. */
  startCommit(oid: string): void {
    this.flush();
    this.commit = oid;
  }

  push(line: string): void {
    if (this.oldLeft > 0 || this.newLeft > 0) {
      const c = line[0];
      if (c === '+') {
        this.section?.added.push({ line: this.nextLine++, text: line.slice(1) });
        this.newLeft--;
        return;
      }
      if (c === '-') {
        this.oldLeft--;
        return;
      }
      if (c === '\\') return; // "\ No newline at end of file"
      if (c === ' ') {
        // context line (only when -U>0)
        this.oldLeft--;
        this.newLeft--;
        this.nextLine++;
        return;
      }
      // Anything else means the counts were off: fall through to header parsing.
      this.oldLeft = this.newLeft = 0;
    }
    if (line.startsWith('\\')) return;
    if (line.startsWith('diff --git ') || line.startsWith('diff --cc ') || line.startsWith('diff --combined ')) {
      this.flush();
      this.section = { commit: this.commit, submodule: false, added: [] };
      return;
    }
    if (!this.section) return;
    if (line.startsWith('+++ ')) {
      // git appends a TAB after names that contain spaces (for GNU patch)
      const p = line.slice(4).replace(/\t$/, '');
      if (p === '/dev/null') this.section.path = undefined;
      else {
        const unq = unquoteGitPath(p);
        this.section.path = unq.startsWith('b/') ? unq.slice(2) : unq;
      }
      return;
    }
    if (/^(new file mode|old mode|new mode|deleted file mode) 160000/.test(line) || /^index \S+ 160000$/.test(line)) {
      this.section.submodule = true;
      return;
    }
    const m = HUNK.exec(line);
    if (m) {
      this.oldLeft = m[1] === undefined ? 1 : Number(m[1]);
      this.newLeft = m[3] === undefined ? 1 : Number(m[3]);
      this.nextLine = Number(m[2]);
    }
  }

  flush(): void {
    if (this.section) this.emit(this.section);
    this.section = undefined;
    this.oldLeft = this.newLeft = 0;
  }
}
