import { linesHolding } from '../../src/engine/scan-file.js';

/** The lines an Edit wrote into a file, found from its new_string(s) (posttool; Fragment.changedLines). */
describe('linesHolding', () => {
  const text = 'a\nrun(x)\nb\nrun(x)\nc\nline one\nline two\n';
  test('every line an occurrence covers, each occurrence', () => {
    expect([...linesHolding(text, ['run(x)'])].sort()).toEqual([2, 4]);
    expect([...linesHolding(text, ['line one\nline two\n'])].sort()).toEqual([6, 7]);
    expect([...linesHolding(text, ['b\nrun'])].sort()).toEqual([3, 4]);
  });
  test('several texts; an empty or blank one, or one not there, adds nothing', () => {
    expect([...linesHolding(text, ['a\n', 'c', '', '  \n', 'zzz'])].sort()).toEqual([1, 5]);
    expect(linesHolding('', ['x']).size).toBe(0);
  });
  test('the first and the last line, without a final newline', () => {
    expect([...linesHolding('x = 1\ny = 2', ['x', 'y = 2'])].sort()).toEqual([1, 2]);
  });
});
