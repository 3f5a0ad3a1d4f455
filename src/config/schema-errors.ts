import type { z } from 'zod';
import { MsoError } from '../core/errors.js';

/** Turns a zod failure on a rule file into one line per problem, naming the file and the rule id. */
export function ruleFileError(path: string, doc: unknown, error: z.ZodError): MsoError {
  const lines = error.issues.map((issue) => {
    const at = issue.path;
    let where = at.join('.');
    if (at[0] === 'rules' && typeof at[1] === 'number') {
      const rules = (doc as { rules?: Array<{ id?: unknown }> }).rules;
      const id = rules?.[at[1]]?.id;
      where = `rule ${typeof id === 'string' ? id : `#${at[1] + 1}`}` + (at.length > 2 ? ` field '${at.slice(2).join('.')}'` : '');
    }
    return `  ${where || '(top level)'}: ${issue.message}`;
  });
  return new MsoError(`rules: ${path}: invalid rule file\n${lines.join('\n')}`);
}
