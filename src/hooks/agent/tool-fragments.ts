import { readFileSync, statSync } from 'node:fs';
import { decodeText } from '../../sources/content.js';
import { resolve } from 'node:path';
import { MsoError } from '../../core/errors.js';
import { displayPath } from '../../sources/files.js';
import { ALLOW_MARKER } from '../../suppress/inline.js';
import { bashWrites } from './bash-writes.js';
import { shellReading } from './shell-reading.js';
import { FragmentSet } from './fragment-set.js';
import { MAX_INPUT_DEPTH } from './limits.js';
import { isKnownTool, parseToolInput } from './payload.js';
import { stringLeaves } from './string-leaves.js';

/**
 * Turns a tool call into the texts it would send or write, each under a path
 * the secret rules understand: file writes under the file's own path
 * (relative to the workspace root, so `.env`-only rules apply), everything
 * else under a synthetic name such as `<bash-command>.sh`.
 */
export interface CallContext {
  root: string;
  cwd: string;
  /** Files larger than this are not read for Edit context. */
  maxReadBytes: number;
}

export function toolCallFragments(toolName: string, input: Record<string, unknown>, ctx: CallContext): FragmentSet {
  const set = new FragmentSet();
  const filePathOf = (p: string) => displayPath(ctx.root, resolve(ctx.cwd, p));
  if (!isKnownTool(toolName)) {
    addAllStrings(set, toolName, input);
    return set;
  }
  switch (toolName) {
    case 'Bash': {
      const { command } = parseToolInput('Bash', input);
      // Named as a shell script so rules for *.sh (export TOKEN=...) apply.
      set.add('<bash-command>.sh', { label: 'Bash command', text: disarm(command) });
      // A token split by quotes, escapes or variables is whole in what the shell hands its programs.
      const reading = shellReading(command);
      if (reading.trim() !== command.trim()) set.add('<bash-command>.sh', { label: 'Bash command (as the shell reads it)', text: disarm(reading) });
      for (const w of bashWrites(command)) {
        if (w.content) set.add(filePathOf(w.target), { label: `Bash ${w.how} into ${w.target}`, text: disarm(w.content) });
      }
      break;
    }
    case 'Write': {
      const { file_path, content } = parseToolInput('Write', input);
      const existing = readSmallFile(resolve(ctx.cwd, file_path), ctx.maxReadBytes);
      set.add(filePathOf(file_path), { label: 'Write content', text: disarmNewLines(content, existing) });
      break;
    }
    case 'Edit': {
      const e = parseToolInput('Edit', input);
      addEdits(set, filePathOf(e.file_path), resolve(ctx.cwd, e.file_path), [e], 'Edit new_string', ctx);
      break;
    }
    case 'MultiEdit': {
      const e = parseToolInput('MultiEdit', input);
      addEdits(set, filePathOf(e.file_path), resolve(ctx.cwd, e.file_path), e.edits, 'MultiEdit new_string', ctx);
      break;
    }
    case 'NotebookEdit': {
      const e = parseToolInput('NotebookEdit', input);
      if (e.new_source) set.add(filePathOf(e.notebook_path), { label: 'NotebookEdit new_source', text: disarm(e.new_source) });
      break;
    }
    case 'WebFetch': {
      const { url, prompt } = parseToolInput('WebFetch', input);
      set.add('<webfetch-url>', { label: 'WebFetch url', text: disarm(url) });
      const decoded = safeDecode(url);
      if (decoded !== url) set.add('<webfetch-url>', { label: 'WebFetch url (decoded)', text: disarm(decoded) });
      if (prompt) set.add('<webfetch-prompt>', { label: 'WebFetch prompt', text: disarm(prompt) });
      break;
    }
    case 'WebSearch': {
      const { query } = parseToolInput('WebSearch', input);
      set.add('<websearch-query>', { label: 'WebSearch query', text: disarm(query) });
      break;
    }
  }
  return set;
}

/** A user prompt (UserPromptSubmit): blocked before it leaves the machine. */
export function promptFragments(prompt: string): FragmentSet {
  const set = new FragmentSet();
  set.add('<user-prompt>', { label: 'prompt', text: disarm(prompt) });
  return set;
}

/**
 * MCP tools and tools mso has no schema for: every string leaf, however deep,
 * plus a JSON rendering so that `"api_key": "..."` pairs meet the
 * assignment rules.
 */
function addAllStrings(set: FragmentSet, toolName: string, input: Record<string, unknown>): void {
  const base = `<${toolName.replace(/[^A-Za-z0-9_.-]/g, '_')}-input>`;
  const { leaves, depth } = stringLeaves(input);
  // No real tool input nests this deep; past it the JSON rendering itself would overflow the stack.
  if (depth > MAX_INPUT_DEPTH) throw new MsoError(`${toolName} input is nested ${depth} levels deep (limit ${MAX_INPUT_DEPTH}); it was not scanned`);
  for (const leaf of leaves) set.add(base, { label: `${toolName} input ${leaf.at}`, text: disarm(leaf.value) });
  set.add(`${base}.json`, { label: `${toolName} input (as JSON)`, text: disarm(JSON.stringify(input, null, 1)) });
}

/**
 * Edit/MultiEdit: each new_string with the rest of its line(s) from the file
 * as it will be after the earlier edits, so `KEY=` already in the file plus a
 * value added by the edit is seen whole. Only secrets touching the new text
 * count; a file that cannot be read falls back to the new text alone.
 */
function addEdits(
  set: FragmentSet,
  path: string,
  abs: string,
  edits: Array<{ old_string: string; new_string: string; replace_all?: boolean }>,
  label: string,
  ctx: CallContext,
): void {
  let content = readSmallFile(abs, ctx.maxReadBytes);
  for (const e of edits) {
    if (e.new_string === '') {
      if (content !== undefined) content = replaceIn(content, e.old_string, '', e.replace_all);
      continue;
    }
    const at = content !== undefined && e.old_string !== '' ? content.indexOf(e.old_string) : -1;
    if (content === undefined || at === -1) {
      set.add(path, { label, text: disarm(e.new_string) });
      continue;
    }
    const added = disarm(e.new_string);
    // Context: the line(s) around each replaced occurrence (the first few for replace_all).
    let from = 0;
    for (let k = 0, idx = at; idx !== -1 && k < (e.replace_all ? 20 : 1); k++, idx = content.indexOf(e.old_string, from)) {
      const lineStart = content.lastIndexOf('\n', idx - 1) + 1;
      let lineEnd = content.indexOf('\n', idx + e.old_string.length);
      if (lineEnd === -1) lineEnd = content.length;
      const before = content.slice(lineStart, idx);
      const after = content.slice(idx + e.old_string.length, lineEnd);
      set.add(path, { label, text: before + added + after, spans: [[before.length, before.length + added.length]] });
      from = idx + e.old_string.length;
    }
    content = replaceIn(content, e.old_string, e.new_string, e.replace_all);
  }
}

function replaceIn(content: string, oldS: string, newS: string, all?: boolean): string {
  if (oldS === '') return content;
  return all ? content.split(oldS).join(newS) : content.replace(oldS, () => newS);
}

function readSmallFile(abs: string, max: number): string | undefined {
  try {
    if (statSync(abs).size > max) return undefined;
    // The one text decoder of the sources: a UTF-16/32 file is read as the text the agent edits.
    return decodeText(readFileSync(abs));
  } catch {
    return undefined;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/**
 * Inline `mso:allow` markers silence findings for people; in what an agent is
 * about to send or write they do not count (an agent told "blocked" must not
 * be able to add a marker and retry). Markers already in the file on disk,
 * written before this call, keep working.
 */
const DISARMED = 'mso-allow(not honoured in agent input)';

function disarm(text: string): string {
  return text.includes(ALLOW_MARKER) ? text.split(ALLOW_MARKER).join(DISARMED) : text;
}

/** Write: a marked line identical to a line of the existing file keeps its marker; new marked lines do not. */
function disarmNewLines(content: string, existing: string | undefined): string {
  if (!content.includes(ALLOW_MARKER)) return content;
  const old = new Set((existing ?? '').split('\n').filter((l) => l.includes(ALLOW_MARKER)));
  return content
    .split('\n')
    .map((l) => (l.includes(ALLOW_MARKER) && !old.has(l) ? disarm(l) : l))
    .join('\n');
}
