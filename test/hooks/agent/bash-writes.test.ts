import { bashWrites } from '../../../src/hooks/agent/bash-writes.js';

/** The Bash command reader: which files a command visibly writes, and with what. */
describe('bashWrites', () => {
  test('redirections, appends and &> name their targets; /dev/null and fd duplication do not', () => {
    const w = bashWrites('npm test > out.log 2>&1; make >> build.log 2> err.log && ls &> all.log; cmd >/dev/null 2>&1');
    expect(w.map((x) => x.target)).toEqual(['out.log', 'build.log', 'err.log', 'all.log']);
  });

  test('echo and printf carry their text into the target', () => {
    expect(bashWrites('echo -n "KEY=abc def" >> .env')).toEqual([{ target: '.env', content: 'KEY=abc def', how: 'echo' }]);
    expect(bashWrites("printf '%s\\n' 'A=1' > 'my file.txt'")).toEqual([{ target: 'my file.txt', content: '%s\\n A=1', how: 'printf' }]);
  });

  test('heredocs: body and target, quoted and <<- delimiters, several in one command', () => {
    const cmd = "cat > a.env <<'EOF'\nX=1\nY=2\nEOF\ncat <<-END >> b.txt\n\tindented\n\tEND\necho after > c.txt";
    expect(bashWrites(cmd)).toEqual([
      { target: 'a.env', content: 'X=1\nY=2', how: 'heredoc' },
      { target: 'b.txt', content: 'indented', how: 'heredoc' },
      { target: 'c.txt', content: 'after', how: 'echo' },
    ]);
  });

  test('tee gets the text piped from echo or a heredoc', () => {
    expect(bashWrites('echo "T=9" | sudo tee -a /etc/app.conf')).toEqual([{ target: '/etc/app.conf', content: 'T=9', how: 'tee' }]);
    expect(bashWrites('echo "T=9" | tee -a app.conf out2')).toEqual([
      { target: 'app.conf', content: 'T=9', how: 'tee' },
      { target: 'out2', content: 'T=9', how: 'tee' },
    ]);
    expect(bashWrites('tee x.yaml <<EOF\nk: v\nEOF')).toEqual([{ target: 'x.yaml', content: 'k: v', how: 'tee' }]);
  });

  test('quotes, comments, $(...) and here-strings do not confuse it', () => {
    expect(bashWrites('echo "a > b; c" # > not-a-file')).toEqual([]);
    expect(bashWrites('echo "$(date +%s) > x" > stamp.txt')).toEqual([{ target: 'stamp.txt', content: '$(date +%s) > x', how: 'echo' }]);
    expect(bashWrites('grep x <<< "$v" > hits.txt')).toEqual([{ target: 'hits.txt', content: undefined, how: 'redirect' }]);
    expect(bashWrites('wc -l < input.txt')).toEqual([]);
    // A heredoc fed to another program is not what lands in the file.
    expect(bashWrites('python3 - <<EOF > out.txt\nprint(1)\nEOF')).toEqual([{ target: 'out.txt', content: undefined, how: 'redirect' }]);
  });

  // Where the old tokenizer of this module and shell-parse.ts (the control-plane guard's) disagreed:
  // both guards now read the same words.
  test.each([
    ['ANSI-C quoting decodes its escapes', "echo $'K=\\x41\\x42\\tC\\n' > f", [{ target: 'f', content: 'K=AB\tC\n', how: 'echo' }]],
    ['ANSI-C octal, \\u and an escaped quote', "printf $'\\101\\u0042\\'' > f", [{ target: 'f', content: "AB'", how: 'printf' }]],
    ['ANSI-C quoting in the target', "echo x > $'out\\x2etxt'", [{ target: 'out.txt', content: 'x', how: 'echo' }]],
    ['$"…" is a double-quoted string', 'echo $"K=v w" > f', [{ target: 'f', content: 'K=v w', how: 'echo' }]],
    ['"…" with escaped quote, dollar, backslash; other escapes kept', 'echo "a \\"q\\" \\$HOME \\\\ \\z" > f', [{ target: 'f', content: 'a "q" $HOME \\ \\z', how: 'echo' }]],
    ['single quotes keep backslashes', "echo 'a\\nb' > f", [{ target: 'f', content: 'a\\nb', how: 'echo' }]],
    ['a backslash outside quotes escapes the next character', 'echo a\\ b\\>c > f', [{ target: 'f', content: 'a b>c', how: 'echo' }]],
    ['line continuation between words', 'echo one \\\ntwo > f', [{ target: 'f', content: 'one two', how: 'echo' }]],
    ['line continuation inside a word and inside "…"', 'ec\\\nho "ab\\\ncd" > o\\\nut', [{ target: 'out', content: 'abcd', how: 'echo' }]],
    ['unquoted heredoc delimiter: body as written, not expanded', 'cat <<EOF > f\nK=$V \\$W\nEOF', [{ target: 'f', content: 'K=$V \\$W', how: 'heredoc' }]],
    ['double-quoted and partly quoted delimiters', 'cat <<"EOF" > a\nA=1\nEOF\ncat <<E\'N\'D > b\nB=2\nEND', [
      { target: 'a', content: 'A=1', how: 'heredoc' },
      { target: 'b', content: 'B=2', how: 'heredoc' },
    ]],
    ['<<- strips leading tabs of body and delimiter, not spaces', 'cat <<-EOF > f\n\t\tK=1\n  L=2\n\tEOF', [{ target: 'f', content: 'K=1\n  L=2', how: 'heredoc' }]],
    ['two heredocs opened on one line', "cat <<A > a; cat <<'B' > b\na1\nA\nb1\nB", [
      { target: 'a', content: 'a1', how: 'heredoc' },
      { target: 'b', content: 'b1', how: 'heredoc' },
    ]],
    ['a delimiter line with trailing text does not end the body', 'cat <<EOF > f\nEOF x\nK=1\nEOF', [{ target: 'f', content: 'EOF x\nK=1', how: 'heredoc' }]],
    ['a here-string fed to cat is what it writes', "cat <<< 'K=v' > f", [{ target: 'f', content: 'K=v', how: 'heredoc' }]],
    ['a numbered descriptor above 2 creates the file; the printed text goes elsewhere', 'echo hi 3> f', [{ target: 'f', content: undefined, how: 'redirect' }]],
    ['>| (noclobber override) writes', 'echo hi >| f', [{ target: 'f', content: 'hi', how: 'echo' }]],
  ])('%s', (_name, command, expected) => {
    expect(bashWrites(command)).toEqual(expected);
  });
});
