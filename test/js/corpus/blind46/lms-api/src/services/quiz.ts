import { create, all } from 'mathjs';
import { query, withTransaction } from '../db';

const math = create(all, { number: 'number', precision: 14 });
const evaluate = math.evaluate;

// Lock the expression parser down (see the mathjs "security" docs).
math.import(
  {
    import: () => { throw new Error('Function import is disabled'); },
    createUnit: () => { throw new Error('Function createUnit is disabled'); },
    evaluate: () => { throw new Error('Function evaluate is disabled'); },
    parse: () => { throw new Error('Function parse is disabled'); },
    simplify: () => { throw new Error('Function simplify is disabled'); },
    derivative: () => { throw new Error('Function derivative is disabled'); },
  },
  { override: true },
);

export class QuizInputError extends Error {}

export interface FormulaQuestion {
  id: number;
  solution: string; // mathjs expression authored by the teacher, e.g. "m * g * h"
  variables: Record<string, number>;
  tolerance?: number; // relative
  answerStyle: 'value' | 'function' | 'linear';
}

const SAMPLE_POINTS = [-2.5, -1.1, 0.5, 1.3, 2.7, 4];

function close(a: number, b: number, tol = 1e-6): boolean {
  return Number.isFinite(a) && Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
}

/** "value" answers: the student types an expression such as 9.81*2*3/2. */
export function checkValue(q: FormulaQuestion, answer: string): boolean {
  const scope = { ...q.variables };
  const expected = evaluate(q.solution, scope) as number;
  const given = evaluate(answer, { ...q.variables }); //@safe
  return typeof given === 'number' && close(given, expected, q.tolerance);
}

/**
 * "function" answers: the student enters f(x), e.g. `3*sin(x)^2 + 1`, and we compare it
 * with the solution at a few sample points. Translated to JS so we can use Math.*.
 */
export function checkFunction(q: FormulaQuestion, answer: string): boolean {
  const js = answer.replace(/\^/g, '**').replace(/\b(sin|cos|tan|sqrt|log|exp|abs)\(/g, 'Math.$1(');
  const f = new Function('x', `"use strict"; return (${js});`) as (x: number) => number; //@vuln CWE-95|CWE-94
  return SAMPLE_POINTS.every((x) => close(f(x), evaluate(q.solution, { ...q.variables, x }) as number, q.tolerance));
}

const LINEAR_ONLY = /^[0-9x+\-*/().\s]+$/;

/** "linear" answers (grade 6-8 algebra): digits, x and + - * / ( ) only. */
export function compileLinear(expr: string): (x: number) => number {
  if (!LINEAR_ONLY.test(expr)) throw new QuizInputError('Only numbers, x and + - * / ( ) are allowed');
  return new Function('x', `return (${expr});`) as (x: number) => number; //@safe
}

export function checkLinear(q: FormulaQuestion, answer: string): boolean {
  const f = compileLinear(answer);
  return SAMPLE_POINTS.every((x) => close(f(x), evaluate(q.solution, { ...q.variables, x }) as number, q.tolerance));
}

export async function gradeResponse(questionId: number, userId: number, answer: string): Promise<boolean> {
  const [q] = await query<FormulaQuestion & { answer_style: FormulaQuestion['answerStyle'] }>('SELECT id, solution, variables, tolerance, answer_style FROM quiz_questions WHERE id = $1', [questionId]);
  if (!q) throw new QuizInputError('unknown question');
  q.answerStyle = q.answer_style;
  let correct = false;
  try {
    correct = q.answerStyle === 'function' ? checkFunction(q, answer) : q.answerStyle === 'linear' ? checkLinear(q, answer) : checkValue(q, answer);
  } catch (err) {
    if (err instanceof QuizInputError) throw err;
    correct = false; // syntax errors simply count as wrong
  }
  await query('INSERT INTO quiz_responses (question_id, user_id, answer, correct, answered_at) VALUES ($1, $2, $3, $4, now())', [questionId, userId, answer, correct]);
  return correct;
}

interface LegacyQuestion {
  prompt: string;
  solution: string;
  vars?: Record<string, number>;
  tol?: number;
  style?: FormulaQuestion['answerStyle'];
}

/**
 * Question banks exported from the old platform are JS object literals (unquoted keys,
 * trailing commas, comments), not strict JSON.
 */
export async function importQuestionBank(courseId: number, source: string): Promise<number> {
  const bank = eval(`(${source})`) as { questions: LegacyQuestion[] }; //@vuln CWE-95|CWE-94
  if (!Array.isArray(bank?.questions)) throw new QuizInputError('not a question bank');
  return withTransaction(async (q) => {
    for (const item of bank.questions) {
      await q('INSERT INTO quiz_questions (course_id, prompt, solution, variables, tolerance, answer_style) VALUES ($1, $2, $3, $4, $5, $6)', [courseId, item.prompt, item.solution, item.vars ?? {}, item.tol ?? 1e-6, item.style ?? 'value']);
    }
    return bank.questions.length;
  });
}
