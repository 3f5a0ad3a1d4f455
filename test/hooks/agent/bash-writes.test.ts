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
});
