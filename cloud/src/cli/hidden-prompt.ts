/**
 * Reads one line from the terminal without echoing it, for passwords. Backspace
 * deletes the last character; Ctrl-C and Ctrl-D abort with an error.
 */
export function readHiddenLine(prompt: string): Promise<string> {
  const input = process.stdin;
  const output = process.stderr;
  return new Promise((resolve, reject) => {
    let line = '';
    output.write(prompt);
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');

    const finish = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.removeListener('data', onData);
      output.write('\n');
      if (error) reject(error);
      else resolve(line);
    };

    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === '\r' || character === '\n') return finish();
        if (character === '\u0003' || character === '\u0004') return finish(new Error('aborted'));
        if (character === '\u007f' || character === '\b')
          line = Array.from(line).slice(0, -1).join('');
        else line += character;
      }
    };
    input.on('data', onData);
  });
}
