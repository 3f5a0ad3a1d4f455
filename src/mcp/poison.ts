/**
 * Flags tool descriptions that talk to the model rather than describe the
 * tool: hidden directives, "ignore previous instructions", requests to read
 * secrets or keep things from the user, invisible characters. Heuristic by
 * nature: it catches the known shapes of tool poisoning, not every one.
 */
export interface PoisonFlag {
  code: string;
  message: string;
}

interface Pattern {
  code: string;
  re: RegExp;
  message: string;
}

const PATTERNS: Pattern[] = [
  {
    code: 'hidden-directive-tag',
    re: /<\s*\/?\s*(important|system|instructions?|secret|hidden|admin|sudo|critical|note-to-(?:ai|assistant|model))\b[^>]*>/i,
    message: 'a directive tag aimed at the model',
  },
  { code: 'prompt-format-marker', re: /\[\/?INST\]|<\|im_start\|>|<\|system\|>|\bBEGIN SYSTEM PROMPT\b/i, message: 'a prompt-format marker' },
  {
    code: 'ignore-instructions',
    re: /\b(ignore|disregard|forget|override)\b[^.\n]{0,40}\b(previous|prior|above|earlier|all|other|system|user'?s?)\b[^.\n]{0,20}\b(instructions?|prompts?|rules|directives|guidelines)\b/i,
    message: 'asks the model to ignore its instructions',
  },
  {
    code: 'conceal-from-user',
    re: /\b(do not|don't|never|without)\b[^.\n]{0,30}\b(tell|telling|inform|informing|mention|mentioning|reveal|revealing|notify|notifying|show|showing|alert|alerting)\b[^.\n]{0,30}\b(the )?user\b/i,
    message: 'asks the model to keep something from the user',
  },
  {
    code: 'sensitive-path',
    re: /(~|\$HOME|%USERPROFILE%)?[\\/]?\.(ssh|aws|gnupg|netrc|docker[\\/]config\.json|kube[\\/]config|npmrc|pypirc|git-credentials)\b|\bid_(rsa|ed25519|ecdsa|dsa)\b|\/etc\/(passwd|shadow)\b|\bmcp\.json\b|\.claude\.json\b|\.cursor[\\/]/i,
    message: 'mentions a credential file or another tool configuration',
  },
  {
    code: 'secret-request',
    re: /\b(read|send|include|pass|provide|attach|upload|append|copy|share|extract|collect|exfiltrate|leak)\b[^.\n]{0,50}(\bprivate keys?|\bapi[ _-]?keys?|\bsecrets?\b|\bcredentials?\b|\bpasswords?\b|\b(access|auth|bearer|session) tokens?\b|\.env\b|\benvironment variables\b)/i,
    message: 'asks for secrets or credentials',
  },
  {
    code: 'model-directive',
    re: /\b(before|prior to) (using|calling|invoking) (this|any|the) tool\b[^.\n]{0,80}\b(must|always|first|need to)\b|\byou (must|have to|need to) (first |always )?(read|call|invoke|run|execute|send|pass|include)\b/i,
    message: 'tells the model what to do before or instead of the task',
  },
  {
    code: 'other-tool-hijack',
    re: /\b(when|whenever|if) (the )?(user|assistant|model)?\s*(calls?|uses?|invokes?)\b[^.\n]{0,40}\b(other|another|any) tools?\b|\binstead of (the )?(user'?s|requested)\b/i,
    message: 'tries to change how other tools are used',
  },
];

/** Characters that render as nothing (or reorder text) and so hide content from a human reviewer. */
const INVISIBLE = /[\u00AD\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0\u{E0000}-\u{E007F}]/u;

function codePoints(text: string): string {
  const found = new Set<string>();
  const re = new RegExp(INVISIBLE.source, 'gu');
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && found.size < 5) found.add(`U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  return [...found].join(', ');
}

/** A short excerpt around a match, one line, so a report shows why without dumping the description. */
function excerpt(text: string, index: number, length: number): string {
  const start = Math.max(0, index - 20);
  const end = Math.min(text.length, index + length + 20);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ')}${end < text.length ? '…' : ''}`;
}

export function analyseText(text: string): PoisonFlag[] {
  const flags: PoisonFlag[] = [];
  if (INVISIBLE.test(text)) flags.push({ code: 'invisible-characters', message: `invisible or bidirectional characters (${codePoints(text)})` });
  const visible = text.replace(new RegExp(INVISIBLE.source, 'gu'), '');
  for (const p of PATTERNS) {
    const m = p.re.exec(visible);
    if (m) flags.push({ code: p.code, message: `${p.message}: "${excerpt(visible, m.index, m[0].length)}"` });
  }
  return flags;
}

/** Every description string inside a JSON schema (parameter descriptions carry poison too). */
function schemaTexts(schema: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 20 || schema === null || typeof schema !== 'object') return out;
  for (const [k, v] of Object.entries(schema as Record<string, unknown>)) {
    if ((k === 'description' || k === 'title') && typeof v === 'string') out.push(v);
    else if (typeof v === 'object') schemaTexts(v, out, depth + 1);
  }
  return out;
}

export interface ToolDefinition {
  name: string;
  title?: string;
  description?: string;
  inputSchema?: unknown;
}

/** Flags for a tool: its description, title and every description in its input schema. */
export function analyseTool(tool: ToolDefinition): PoisonFlag[] {
  const texts = [tool.description ?? '', tool.title ?? '', ...schemaTexts(tool.inputSchema)];
  const seen = new Set<string>();
  const flags: PoisonFlag[] = [];
  for (const t of texts) {
    for (const f of analyseText(t)) {
      if (seen.has(f.code)) continue;
      seen.add(f.code);
      flags.push(f);
    }
  }
  return flags;
}
