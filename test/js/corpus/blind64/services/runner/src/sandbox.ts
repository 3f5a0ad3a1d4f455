import vm from 'node:vm';
import { isDeepStrictEqual } from 'node:util';

export interface TestCase {
  name: string;
  fn: string;
  args: unknown[];
  expectedJson?: string;
  /** Optional boolean expression over `actual` and `expected`, e.g. "actual.length === 3" */
  assertion?: string;
  /** Checks console output instead of the return value */
  stdoutPattern?: string;
}

export interface JsJob {
  submissionId: string;
  source: string;
  tests: TestCase[];
  timeoutMs?: number;
}

export interface TestResult {
  name: string;
  passed: boolean;
  message?: string;
  durationMs: number;
}

export interface JsRunOutput {
  results: TestResult[];
  logs: string[];
}

function createLearnerContext(logs: string[]) {
  const push = (...args: unknown[]) => logs.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  return vm.createContext({
    console: { log: push, info: push, warn: push, error: push },
    module: { exports: {} },
    exports: {},
  });
}

export function runJavaScript(job: JsJob): JsRunOutput {
  const logs: string[] = [];
  const context = createLearnerContext(logs);
  vm.runInContext(job.source, context, { timeout: job.timeoutMs ?? 2000, filename: `submission-${job.submissionId}.js` });  //@vuln CWE-94
  const exported = vm.runInContext('module.exports', context) as Record<string, unknown>;  //@safe
  const results = job.tests.map((test) => runTest(exported, test, logs));
  return { results, logs: logs.slice(0, 200) };
}

function runTest(exported: Record<string, unknown>, test: TestCase, logs: string[]): TestResult {
  const started = Date.now();
  const done = (passed: boolean, message?: string): TestResult => ({
    name: test.name,
    passed,
    message,
    durationMs: Date.now() - started,
  });

  const fn = exported[test.fn];
  if (typeof fn !== 'function') return done(false, `${test.fn} is not exported`);

  try {
    const actual = (fn as (...a: unknown[]) => unknown)(...(test.args ?? []));
    const expected = test.expectedJson !== undefined ? JSON.parse(test.expectedJson) : undefined;  //@safe
    if (test.assertion) {
      const check = new Function('actual', 'expected', `"use strict"; return (${test.assertion});`);  //@vuln CWE-95
      return done(Boolean(check(actual, expected)), `assertion: ${test.assertion}`);
    }
    if (test.stdoutPattern) {
      const pattern = new RegExp(test.stdoutPattern, 'm');  //@vuln CWE-1333
      return done(pattern.test(logs.join('\n')), 'stdout did not match');
    }
    return done(isDeepStrictEqual(actual, expected), `expected ${test.expectedJson}, got ${JSON.stringify(actual)}`);
  } catch (err) {
    return done(false, err instanceof Error ? err.message : String(err));
  }
}

export function summarize(results: TestResult[]) {
  const passed = results.filter((r) => r.passed).length;
  return { passed, failed: results.length - passed, score: results.length ? Math.round((passed / results.length) * 100) : 0 };
}
