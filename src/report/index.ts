import type { ScanResult } from '../core/types.js';
import { renderJson } from './json.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export type ReportFormat = 'text' | 'json' | 'sarif';

export function renderReport(result: ScanResult, format: ReportFormat, color: boolean): string {
  switch (format) {
    case 'json':
      return renderJson(result);
    case 'sarif':
      return renderSarif(result);
    default:
      return renderText(result, color);
  }
}
