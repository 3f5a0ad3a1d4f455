/**
 * Second paths to an old helper's sink: a commit adds only a call that reaches a helper the file already
 * had, not by its name but through a value (an alias, a table of handlers, partial / bind, a wrapper, a
 * callback handed to a builtin, a lookup by name, a method read off an instance). A diff scan must report
 * the old sink's finding at the added call, as it does for a call by name (taint/scanner.ts, Hit.via).
 *
 * Each language has an old file (helpers with sinks on unchanged lines, aliases of them, and a route that
 * reads request data into `d` and does nothing with it) and variants that add lines before the route's
 * last line. `call` is the index (in `added`) of the line that hands the data over; `sink` the old line
 * the data lands on.
 */
export interface HelperPath {
  name: string;
  added: string[];
  call?: number;
  sink: number;
}

export interface HelperPathLanguage {
  lang: 'python' | 'js';
  file: string;
  rule: string;
  /** the old file; `marker` is appended to every sink line (a suppression written for the old callers) */
  old: (opts?: { marker?: string; data?: 'request' | 'constant' }) => string;
  /** the route's last line, before which the variants add theirs */
  anchor: string;
  /** sink lines of the old file (what `--all` reports, once each) */
  sinks: number[];
  variants: HelperPath[];
  /** a line comment with this text */
  comment: (text: string) => string;
}

export const PY_PATHS: HelperPathLanguage = {
  lang: 'python',
  file: 'app.py',
  rule: 'python-command-injection',
  old: ({ marker = '', data = 'request' } = {}) => `import functools
import os
import threading
from flask import Flask, request
app = Flask(__name__)


def run(cmd):
    os.system("ls " + cmd)${marker}


class Shell:
    def enter(self, d):
        os.system("cd " + d)${marker}

    def do_ls(self, d):
        os.system("ls -l " + d)${marker}


class Tools:
    handler = run


R = run
HANDLERS = {"ls": run}
WRAP = lambda c: run(c)


def pick(name):
    return HANDLERS.get(name)


@app.route("/x")
def x():
    d = ${data === 'request' ? 'request.args["d"]' : '"/srv"'}
    k = ${data === 'request' ? 'request.args["k"]' : '"ls"'}
    return "ok"
`,
  anchor: '    return "ok"\n',
  sinks: [9, 14, 17],
  comment: (text) => `  # ${text}`,
  variants: [
    { name: 'a local alias', added: ['r = run', 'r(d)'], sink: 9 },
    { name: 'a module-level alias', added: ['R(d)'], sink: 9 },
    { name: 'a dict of helpers', added: ['handlers = {"ls": run}', 'handlers[k](d)'], sink: 9 },
    { name: 'dict(ls=run)', added: ['handlers = dict(ls=run)', 'handlers[k](d)'], sink: 9 },
    { name: 'a list filled by append', added: ['cmds = []', 'cmds.append(run)', 'cmds[0](d)'], sink: 9 },
    { name: 'an attribute set on an instance', added: ['s = Shell()', 's.runner = run', 's.runner(d)'], sink: 9 },
    { name: 'a conditional choice', added: ['fn = run if d else print', 'fn(d)'], sink: 9 },
    { name: '__call__', added: ['run.__call__(d)'], sink: 9 },
    { name: 'a lambda called in place', added: ['(lambda c: run(c))(d)'], sink: 9 },
    { name: 'a helper returned by an old function', added: ['pick(k)(d)'], sink: 9 },
    { name: 'a module-level table read with .get', added: ['HANDLERS.get(k, run)(d)'], sink: 9 },
    { name: 'a tuple of helpers', added: ['for h in (run,):', '    h(d)'], sink: 9 },
    { name: 'functools.partial with the data bound', added: ['p = functools.partial(run, d)', 'p()'], sink: 9 },
    { name: 'an old lambda wrapper', added: ['WRAP(d)'], sink: 9 },
    // both lines are added: reported at the innermost added call, the wrapper's own call of run
    { name: 'a new lambda wrapper', added: ['w = lambda c: run(c)', 'w(d)'], call: 0, sink: 9 },
    { name: 'a builtin calling it back', added: ['list(map(run, [d]))'], sink: 9 },
    { name: 'a sort key calling it back', added: ['sorted([d], key=run)'], sink: 9 },
    { name: 'a thread target', added: ['threading.Thread(target=run, args=(d,)).start()'], sink: 9 },
    { name: 'a class attribute alias', added: ['Tools.handler(d)'], sink: 9 },
    { name: 'getattr with a constant name', added: ['getattr(Shell(), "enter")(d)'], sink: 14 },
    { name: 'getattr with a computed name', added: ['getattr(Shell(), "do_" + k)(d)'], sink: 17 },
    { name: 'a method through an instance alias', added: ['h = Shell()', 'f = h.enter', 'f(d)'], sink: 14 },
  ],
};

export const JS_PATHS: HelperPathLanguage = {
  lang: 'js',
  file: 'app.js',
  rule: 'js-command-injection',
  old: ({ marker = '', data = 'request' } = {}) => `const { exec } = require('child_process');
const express = require('express');
const app = express();

function run(c) {
  exec('ls ' + c);${marker}
}

class Tool {
  enter(d) {
    exec('cd ' + d);${marker}
  }
  doLs(d) {
    exec('ls -l ' + d);${marker}
  }
}

const R = run;
const HANDLERS = { ls: run };
const WRAPPERS = [(c) => run(c)];
const pick = (name) => HANDLERS[name];

app.get('/x', (req, res) => {
  const d = ${data === 'request' ? 'req.query.d' : "'/srv'"};
  const k = ${data === 'request' ? 'req.query.k' : "'Ls'"};
  res.send('ok');
});
`,
  anchor: "  res.send('ok');\n",
  sinks: [6, 11, 14],
  comment: (text) => ` // ${text}`,
  variants: [
    { name: 'a local alias', added: ['const r = run;', 'r(d);'], sink: 6 },
    { name: 'a module-level alias', added: ['R(d);'], sink: 6 },
    { name: 'an object of helpers', added: ['const handlers = { ls: run };', 'handlers[k](d);'], sink: 6 },
    { name: 'a module-level table', added: ['HANDLERS[k](d);'], sink: 6 },
    { name: 'an array of helpers', added: ['[run][0](d);'], sink: 6 },
    { name: 'bind with the data bound', added: ['const p = run.bind(null, d);', 'p();'], sink: 6 },
    { name: 'call', added: ['run.call(null, d);'], sink: 6 },
    { name: 'apply', added: ['run.apply(null, [d]);'], sink: 6 },
    { name: 'an old arrow wrapper in a table', added: ['WRAPPERS[0](d);'], sink: 6 },
    // both lines are added: reported at the innermost added call, the wrapper's own call of run
    { name: 'a new arrow wrapper in a table', added: ['const ws = [(c) => run(c)];', 'ws[0](d);'], call: 0, sink: 6 },
    { name: 'forEach calling it back', added: ['[d].forEach(run);'], sink: 6 },
    { name: 'setTimeout calling it back', added: ['setTimeout(run, 0, d);'], sink: 6 },
    { name: 'Reflect.apply', added: ['Reflect.apply(run, null, [d]);'], sink: 6 },
    { name: 'a Map of helpers', added: ['const m = new Map();', "m.set('ls', run);", 'm.get(k)(d);'], sink: 6 },
    { name: 'destructured from a table', added: ['const { ls } = HANDLERS;', 'ls(d);'], sink: 6 },
    { name: 'an optional call', added: ['const r = run;', 'r?.(d);'], sink: 6 },
    { name: 'a comma expression', added: ['(0, run)(d);'], sink: 6 },
    { name: 'a property set on an object', added: ['const o = {};', 'o.h = run;', 'o.h(d);'], sink: 6 },
    { name: 'an array filled by push', added: ['const fns = [];', 'fns.push(run);', 'fns[0](d);'], sink: 6 },
    { name: 'a conditional choice', added: ['const fn = d ? run : console.log;', 'fn(d);'], sink: 6 },
    { name: 'the items of an array of helpers', added: ['[run].map((f) => f(d));'], sink: 6 },
    { name: 'a helper returned by an old function', added: ['pick(k)(d);'], sink: 6 },
    { name: "this['name'] through an instance", added: ["new Tool()['enter'](d);"], sink: 11 },
    { name: 'a computed method name', added: ["new Tool()['do' + k](d);"], sink: 14 },
    { name: 'a method through an instance alias', added: ['const t = new Tool();', 'const f = t.enter;', 'f.call(t, d);'], sink: 11 },
  ],
};

/** The old file with a variant's lines added (indented like the route's body); the call line's number. */
export function withVariant(lang: HelperPathLanguage, v: HelperPath, opts: { marker?: string; data?: 'request' | 'constant'; callComment?: string } = {}): { text: string; callLine: number } {
  const old = lang.old(opts);
  const indent = lang.anchor.match(/^ */)![0];
  const call = v.call ?? v.added.length - 1;
  const lines = v.added.map((l, i) => indent + l + (i === call && opts.callComment ? lang.comment(opts.callComment) : ''));
  const at = old.indexOf(lang.anchor);
  if (at < 0) throw new Error('anchor not in the old file');
  const text = old.slice(0, at) + lines.map((l) => `${l}\n`).join('') + old.slice(at);
  const callLine = old.slice(0, at).split('\n').length + call;
  return { text, callLine };
}
