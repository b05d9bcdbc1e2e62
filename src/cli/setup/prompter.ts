// Questions on a terminal: lines as the terminal edits them (echo on), passwords in raw mode
// with echo off. One reader over standard input serves both, so no typed byte is lost.

export interface Prompter {
  /** One line, without its end; null when input has ended. */
  ask(prompt: string): Promise<string | null>;
  /** One line typed without echo; null when input has ended. */
  askSecret(prompt: string): Promise<string | null>;
  /** Says why an answer was refused, before the question comes again. */
  say(line: string): void;
  close(): void;
}

export function terminalPrompter(
  stdin: NodeJS.ReadStream,
  write: (s: string) => void,
  onInterrupt: () => void,
): Prompter {
  let buffer = '';
  let ended = false;
  let waiter: { secret: boolean; resolve: (s: string | null) => void } | null = null;

  const pump = () => {
    if (!waiter) return;
    if (waiter.secret) {
      for (let i = 0; i < buffer.length; i++) {
        const ch = buffer[i]!;
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          write('\n');
          onInterrupt();
          return;
        }
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          const typed = buffer.slice(0, i);
          // A CR LF pair from a pasted line is one end of line.
          buffer = buffer.slice(i + (ch === '\r' && buffer[i + 1] === '\n' ? 2 : 1));
          return finish(eraseBackspaces(typed), true);
        }
      }
    } else {
      const nl = buffer.indexOf('\n');
      if (nl >= 0) {
        const line = buffer.slice(0, nl).replace(/\r$/, '');
        buffer = buffer.slice(nl + 1);
        return finish(line, false);
      }
    }
    if (ended) finish(null, waiter.secret);
  };

  const finish = (value: string | null, secret: boolean) => {
    const w = waiter!;
    waiter = null;
    if (secret) {
      stdin.setRawMode(false);
      write('\n');
    }
    stdin.pause();
    w.resolve(value);
  };

  stdin.setEncoding('utf8');
  stdin.on('data', (chunk: string) => {
    buffer += chunk;
    pump();
  });
  stdin.on('end', () => {
    ended = true;
    pump();
  });

  const wait = (prompt: string, secret: boolean) =>
    new Promise<string | null>((resolve) => {
      // Echo off before the prompt shows: nothing typed after it can be echoed.
      if (secret) stdin.setRawMode(true);
      write(prompt);
      waiter = { secret, resolve };
      stdin.resume();
      pump();
    });

  return {
    ask: (prompt) => wait(prompt, false),
    askSecret: (prompt) => wait(prompt, true),
    say: (line) => write(`${line}\n`),
    close: () => stdin.pause(),
  };
}

function eraseBackspaces(typed: string): string {
  let out = '';
  for (const ch of typed) {
    if (ch === '\u007f' || ch === '\b') out = out.slice(0, -1);
    else out += ch;
  }
  return out;
}
