// Build step: compiles the built-in rules (rules/**/*.yaml) into dist/builtin-rules.json, each
// file parsed and validated by its scanner's schema, so that mso loads them without a YAML
// parser or zod (src/config/builtin-rules.ts). A rule file that does not validate fails the
// build with the same message `mso scan` would give. Run by scripts/postbuild.mjs, after tsc.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = (p) => join(root, 'dist', p);
const { COMPILED_RULES_FILE, compiledGateFile, sha256, yamlFilesUnder, forgetCompiledRules } = await import(dist('config/builtin-rules.js'));
const { readRuleFiles } = await import(dist('config/rule-files.js'));
const { RULE_FILE_SCHEMAS, scannerNames, loadScanners } = await import(dist('scanners/registry.js'));
const { ruleFileError } = await import(dist('config/schema-errors.js'));
const { KeywordMatcher } = await import(dist('scanners/secrets/keyword-matcher.js'));
const { AUTOMATA_DIR, automatonFile, automatonKey, automatonList, encodeAutomaton } = await import(dist('scanners/secrets/automaton-file.js'));

const { validateControlPlaneList } = await import(dist('hooks/agent/control-plane-list.js'));
const { parseRuleYaml } = await import(dist('config/yaml-parse.js'));
// Files no scanner reads but a hook loads on every call: validated here, stored with their doc.
const validators = { 'guard/control-plane.yaml': validateControlPlaneList };

// The taint scanners' files (python, js): the schema their core validates them with at load
// (src/scanners/taint/compile.ts), which skips the parse for files the build validated.
const { ruleFileSchema } = await import(dist('scanners/taint/schema.js'));
const taintSchemas = { python: ruleFileSchema('python'), js: ruleFileSchema('js') };

const rulesDir = join(root, 'rules');
// Every scanner built from the YAML first, with every run-time check (regexes compile, no
// catastrophic backtracking, ids unique): the compiled form's rules skip the backtracking check
// at run time (src/config/regex-safety.ts), so this is where it runs for them.
rmSync(join(root, COMPILED_RULES_FILE), { force: true });
for (const name of scannerNames()) rmSync(join(root, compiledGateFile(name)), { force: true });
rmSync(join(root, AUTOMATA_DIR), { recursive: true, force: true });
await loadScanners({ scanners: scannerNames(), ruleDirs: [] });

const known = scannerNames();
const byPath = new Map(readRuleFiles(rulesDir, known, known, false).map((f) => [f.path, f]));
const entries = [];
for (const name of yamlFilesUnder(rulesDir)) {
  const path = join(rulesDir, ...name.split('/'));
  const file = byPath.get(path);
  const entry = { path: name, scanner: file?.scanner ?? null, sha256: sha256(readFileSync(path)), doc: null, validated: false };
  if (!file && validators[name]) {
    entry.doc = validators[name](parseRuleYaml(readFileSync(path, 'utf8')), path);
    entry.validated = true;
  } else if (file) {
    const schema = RULE_FILE_SCHEMAS[file.scanner] ? await RULE_FILE_SCHEMAS[file.scanner]() : taintSchemas[file.scanner];
    if (schema) {
      const parsed = schema.safeParse(file.doc);
      if (!parsed.success) throw ruleFileError(path, file.doc, parsed.error);
      entry.doc = parsed.data;
      entry.validated = true;
    } else {
      entry.doc = file.doc; // validated when its scanner loads it
    }
  }
  entries.push(entry);
}
writeFileSync(join(root, COMPILED_RULES_FILE), JSON.stringify({ version: 1, entries }));

// And from the compiled form, as mso will load it; the code scanners' gates are built there, with
// the literals of each regex they analyse recorded (src/scanners/taint/gate.ts) and stored.
forgetCompiledRules();
const { recordGateLiterals } = await import(dist('scanners/taint/gate.js'));
const literals = recordGateLiterals();
// Each code scanner's gate for exactly its built-in files (used only for a rule set of those files).
const build = `${Date.now().toString(36)}-${process.pid}-${Math.random().toString(36).slice(2)}`;
// The keyword lists of the built-in rules' matchers (gate words, secret keywords and window literals).
const keywordLists = [];
for (const scanner of await loadScanners({ scanners: known, ruleDirs: [] })) {
  if (typeof scanner.keywordLists === 'function') keywordLists.push(...scanner.keywordLists());
  if (typeof scanner.computedGate !== 'function') continue;
  const files = entries.filter((e) => e.scanner === scanner.name && e.doc).map((e) => e.path);
  const gate = scanner.computedGate();
  keywordLists.push(gate.matcherKeywords());
  writeFileSync(join(root, compiledGateFile(scanner.name)), JSON.stringify({ build, files, tables: gate.tables() }));
}
// Their automata, one file per list, tagged with this build (src/scanners/secrets/automaton-file.ts).
mkdirSync(join(root, AUTOMATA_DIR), { recursive: true });
for (const keywords of keywordLists) {
  const key = automatonKey(keywords);
  writeFileSync(automatonFile(root, key), encodeAutomaton(new KeywordMatcher(keywords, 'automaton').tables(), key, build, automatonList(keywords)));
}
writeFileSync(join(root, COMPILED_RULES_FILE), JSON.stringify({ version: 1, build, entries, regexLiterals: Object.fromEntries(literals) }));
forgetCompiledRules();
