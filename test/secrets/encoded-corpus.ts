import { randomBytes } from 'node:crypto';
import { make as m, pick } from './helpers.js';

/**
 * A labelled corpus of escaped, encoded and re-encoded tokens in the contexts
 * an agent writes (JSON, logs, YAML manifests, shell, URLs, notebooks, HTML),
 * with negatives of the kinds that look encoded but hold nothing. Every token
 * is generated at run time. One case per file: a positive names the 1-based
 * line its token is on; a negative must produce no finding at all.
 */
export interface CorpusCase {
  path: string;
  text: string;
  /** Line of the secret; undefined for a negative. */
  line?: number;
  label: string;
}

/** Providers: a name and a token generator (valid checksums and structure). */
export const PROVIDERS: Array<[string, () => string]> = [
  ['github', () => m.github()],
  ['github-ghs', () => m.github('ghs')],
  ['github-fine-grained', () => m.githubFineGrained()],
  ['github-app-stateless', () => `ghs_${pick('123456789', 1)}${pick('0123456789', 6)}_${m.jwt({ alg: 'RS256', typ: 'JWT' })}`],
  ['aws-key-id', () => m.awsKeyId()],
  ['anthropic', () => m.anthropic()],
  ['openai', () => m.openai()],
  ['openai-legacy', () => m.openaiLegacy()],
  ['slack-bot', () => m.slackBot()],
  ['slack-app', () => m.slackApp()],
  ['slack-webhook', () => m.slackWebhook()],
  ['jwt', () => m.jwt()],
  ['stripe', () => m.stripe()],
  ['gcp', () => m.gcpApiKey()],
  ['npm', () => m.npm()],
  ['gitlab', () => m.gitlab()],
  ['sendgrid', () => m.sendgrid()],
  ['huggingface', () => m.huggingface()],
  ['digitalocean', () => m.digitalocean()],
  ['pypi', () => m.pypi()],
  ['telegram', () => m.telegram()],
  ['shopify', () => m.shopify()],
];

const b64 = (s: string) => Buffer.from(s).toString('base64');
const b64url = (s: string) => Buffer.from(s).toString('base64url');
const hex = (s: string) => Buffer.from(s).toString('hex');
const pct = (s: string) => [...Buffer.from(s)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
const uEsc = (s: string) => [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
const xEsc = (s: string) => [...s].map((c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
const ent = (s: string) => [...s].map((c) => `&#${c.charCodeAt(0)};`).join('');
const entHex = (s: string) => [...s].map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join('');
const jsonEsc = (s: string) => JSON.stringify(s).slice(1, -1);

/** Ways a token ends up in text: escaped next to it, or encoded itself (once or twice). */
export const ENCODINGS: Array<[string, (t: string) => string]> = [
  ['json-newline-before', (t) => `creds:\\n${t}`],
  ['json-newline-after', (t) => `${t}\\nnext`],
  ['json-tab', (t) => `key\\t${t}\\tend`],
  ['json-crlf', (t) => `line\\r\\n${t}\\r\\n`],
  ['json-escaped-quotes', (t) => `{\\"token\\":\\"${t}\\"}`],
  ['u0022-quotes', (t) => `\\u0022${t}\\u0022`],
  ['u000a-before', (t) => `x\\u000a${t}`],
  ['x22-quotes', (t) => `\\x22${t}\\x22`],
  ['pct22-quotes', (t) => `%22${t}%22`],
  ['pct0a-before', (t) => `msg%0A${t}%0A`],
  ['form-json-body', (t) => `body=${encodeURIComponent(JSON.stringify({ t }))}`],
  ['html-quot', (t) => `&quot;${t}&quot;`],
  ['html-decimal-quote', (t) => `&#34;${t}&#34;`],
  ['html-hex-quote', (t) => `&#x22;${t}&#x22;`],
  ['whole-unicode-escaped', uEsc],
  ['whole-hex-escaped', xEsc],
  ['whole-percent-encoded', pct],
  ['whole-html-decimal', ent],
  ['whole-html-hex', entHex],
  ['base64', b64],
  ['base64url', b64url],
  ['base64-of-assignment', (t) => b64(`TOKEN=${t}\n`)],
  ['base64-of-json', (t) => b64(JSON.stringify({ auth: { token: t }, retries: 3 }))],
  ['hex', hex],
  ['percent-of-base64', (t) => encodeURIComponent(b64(`${t}`))],
  ['base64-of-base64', (t) => b64(b64(t))],
  ['base64-of-unicode-escaped', (t) => b64(`{"k":"${uEsc(t)}"}`)],
  ['basic-auth', (t) => `Basic ${b64(`deploy:${t}`)}`],
  ['data-url', (t) => `data:text/plain;base64,${b64(t)}`],
];

/** Contexts a line with the encoded token is written in. Returns the lines and the line (0-based) holding it. */
export const CONTEXTS: Array<[string, string, (x: string) => { lines: string[]; at: number }]> = [
  ['json', 'json', (x) => ({ lines: ['{', `  "message": "${x}",`, '  "level": "info"', '}'], at: 1 })],
  ['log', 'log', (x) => ({ lines: ['2026-12-06T01:00:00Z INFO start', `2026-12-06T01:00:01Z DEBUG request body=${x} status=200`, '2026-12-06T01:00:02Z INFO done'], at: 1 })],
  ['yaml-k8s', 'yaml', (x) => ({ lines: ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: app', 'data:', `  blob: ${x}`], at: 5 })],
  ['shell', 'sh', (x) => ({ lines: ['#!/bin/sh', `printf '%s' '${x.replace(/'/g, '')}' > out.txt`], at: 1 })],
  ['curl', 'sh', (x) => ({ lines: ['set -e', `curl -s -X POST https://api.acme.io/v1/hook -d '${x.replace(/'/g, '')}'`], at: 1 })],
  ['url', 'txt', (x) => ({ lines: ['see', `https://app.acme.io/callback?state=${x}&lang=en`], at: 1 })],
  ['notebook', 'ipynb', (x) => ({ lines: ['{"cells": [{"cell_type": "code", "source": [', `    "print(\\"${x.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}\\")\\n"`, ']}]}'], at: 1 })],
  ['html', 'html', (x) => ({ lines: ['<html><body>', `<input type="hidden" value="${x.replace(/"/g, '&quot;')}">`, '</body></html>'], at: 1 })],
];

/** Negatives: things that look encoded or escaped and hold no secret. */
export function negatives(): Array<[string, string, string[]]> {
  const text = 'The quick brown fox jumps over the lazy dog. Configuration loaded from defaults; retries=3.';
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(600)]);
  const out: Array<[string, string, string[]]> = [
    ['aws-example-newline', 'json', ['{"k": "\\nAKIAIOSFODNN7EXAMPLE\\n"}']],
    ['aws-example-pct', 'txt', ['q=%22AKIAIOSFODNN7EXAMPLE%22']],
    ['aws-example-u', 'json', ['{"k": "\\u0022AKIAIOSFODNN7EXAMPLE\\u0022"}']],
    ['aws-example-b64', 'yaml', ['data:', `  id: ${b64('AKIAIOSFODNN7EXAMPLE')}`]],
    ['aws-secret-example-b64', 'yaml', ['data:', `  aws_secret_access_key: ${b64('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')}`]],
    ['b64-text', 'txt', [`payload: ${b64(text)}`]],
    ['b64-json', 'json', [`{"state": "${b64(JSON.stringify({ page: 3, sort: 'name', filters: ['a', 'b'] }))}"}`]],
    ['b64url-text', 'txt', [`cursor=${b64url(text)}`]],
    ['b64-image', 'html', [`<img src="data:image/png;base64,${png.toString('base64')}">`]],
    ['b64-binary', 'txt', [randomBytes(300).toString('base64')]],
    ['url-query', 'txt', ['https://search.acme.io/?q=hello%20world%21&lang=en%2Dus&redirect=https%3A%2F%2Fexample.com%2Fa%2Fb%3Fc%3Dd']],
    ['form-body', 'sh', [`curl -d 'name=Jane%20Doe&email=jane%40acme.io&comment=%22great%20product%22' https://acme.io/form`]],
    ['minified-js', 'js', [`!function(){var e="line one\\nline two\\t\\u00e9\\u00e8\\x41\\x42",t={a:"\\n\\n",b:"x\\u0041y"};console.log(e,t,"caf\\u00e9 cr\\u00e8me")}();`]],
    ['source-map', 'map', [`{"version":3,"file":"app.js","sources":["app.ts"],"names":["x","y"],"mappings":"AAAA,SAASA,IAAIC,CAAC;AACd,OAAO,MAAMC;AACb;IAAAC,GAAG,KAAK","sourcesContent":["const x = 1;\\nexport function y() {\\n  return \\"caf\\u00e9\\";\\n}\\n"]}`]],
    ['lockfile', 'json', [`"node_modules/left-pad": {`, `  "version": "1.3.0",`, `  "integrity": "${m.sri()}"`, `}`]],
    ['uuid', 'txt', [`request ${m.uuid()} ok`, `id=${m.uuid()}`]],
    ['git-oid', 'txt', [`commit ${m.sha256().slice(0, 40)}`, `tree ${m.sha256().slice(0, 40)}`]],
    ['sha256', 'txt', [`sha256: ${m.sha256()}`]],
    ['hex-text', 'txt', [`blob: ${hex('hello world, this is plain text')}`]],
    ['html-entities', 'html', ['<p>&lt;div class=&quot;a&quot;&gt;Tom &amp; Jerry&#39;s &#x201C;show&#x201D;&lt;/div&gt;</p>']],
    ['unicode-text', 'json', ['{"title": "\\u00c9t\\u00e9 \\u00e0 Paris", "path": "C:\\\\Users\\\\new\\\\docs"}']],
    ['escaped-slashes', 'json', ['{"url": "https:\\/\\/cdn.acme.io\\/assets\\/app.js"}']],
    ['jwt-io-example-b64', 'txt', [b64('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c')]],
    ['placeholder-b64', 'yaml', ['data:', `  token: ${b64('YOUR_TOKEN_HERE')}`, `  password: ${b64('changeme')}`]],
    ['dsn-placeholder', 'txt', ['mysql://admin:REPLACE_WITH_PASSWORD@db.internal/app', 'postgres://app:${DB_PASSWORD}@db/app', 'postgres://app:{password}@db/app']],
    ['percent-text', 'log', ['GET /search?q=caf%C3%A9%20cr%C3%A8me&page=2 200']],
    ['k8s-configmap-b64', 'yaml', ['binaryData:', `  logo.png: ${png.toString('base64')}`]],
    ['identifiers', 'ts', ['export const createSecretScannerFromRuleFiles = async () => loadAllRuleFilesFromDirectory2();']],
  ];
  return out;
}

export function buildCorpus(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  let n = 0;
  for (const [provider, token] of PROVIDERS) {
    for (const [enc, encode] of ENCODINGS) {
      // every encoding of every provider, each in one context (rotating), plus a second context
      for (const k of [n % CONTEXTS.length, (n + 3) % CONTEXTS.length]) {
        const [ctx, ext, wrap] = CONTEXTS[k]!;
        const { lines, at } = wrap(encode(token()));
        cases.push({ path: `pos/${provider}/${enc}-${ctx}.${ext}`, text: lines.join('\n') + '\n', line: at + 1, label: `${provider} ${enc} ${ctx}` });
      }
      n++;
    }
  }
  for (const [name, ext, lines] of negatives()) cases.push({ path: `neg/${name}.${ext}`, text: lines.join('\n') + '\n', label: name });
  return cases;
}

export { jsonEsc };
