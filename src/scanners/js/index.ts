import type { RuleFile } from '../../config/rule-files.js';
import type { ScannerConfig } from '../registry.js';
import type { Scanner } from '../scanner.js';
import { ruleSetFor } from '../taint/compile.js';
import { JsScanner } from './scanner.js';

export async function createJsScanner(files: RuleFile[], cfg?: ScannerConfig): Promise<Scanner> {
  return new JsScanner(ruleSetFor(files, 'js'), { skipGenerated: cfg?.skipGenerated });
}
