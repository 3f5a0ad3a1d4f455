import type { RuleFile } from '../../config/rule-files.js';
import type { ScannerConfig } from '../registry.js';
import type { Scanner } from '../scanner.js';
import { ruleSetFor } from '../taint/compile.js';
import { PythonScanner } from './scanner.js';

export async function createPythonScanner(files: RuleFile[], cfg?: ScannerConfig): Promise<Scanner> {
  return new PythonScanner(ruleSetFor(files, 'python'), { skipGenerated: cfg?.skipGenerated });
}
