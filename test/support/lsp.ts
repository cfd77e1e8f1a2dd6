/**
 * A minimal Language Server Protocol client for tests: JSON-RPC 2.0 over a child's
 * stdio with Content-Length framing, as an editor speaks it. Requests from the server
 * (workspace/configuration, ...) are answered by `answer`.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

interface Message {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

export interface Notification {
  method: string;
  params: unknown;
}

export class LspClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  private readonly notifications: Notification[] = [];
  private readonly listeners = new Set<() => void>();
  private stderr = '';
  private exited: string | undefined;

  constructor(
    command: string,
    args: string[],
    private readonly answer: (method: string, params: unknown) => unknown,
  ) {
    this.child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.child.on('exit', (code, signal) => {
      this.exited = `the language server exited (code ${String(code)}, signal ${String(signal)}); stderr: ${this.stderr.slice(-2000)}`;
      for (const { reject } of this.pending.values()) reject(new Error(this.exited));
      this.pending.clear();
      this.wake();
    });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    if (this.exited) return Promise.reject(new Error(this.exited));
    const id = this.nextId++;
    const reply = new Promise<T>((resolve, reject) => this.pending.set(id, { resolve: resolve as (result: unknown) => void, reject }));
    this.send({ jsonrpc: '2.0', id, method, params });
    return reply;
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the first notification (already received or still to come) that `matches`; rejects after `timeoutMs`, saying what it awaited. */
  waitForNotification(what: string, matches: (notification: Notification) => boolean, timeoutMs: number): Promise<Notification> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.notifications.find(matches);
        if (found) finish(() => resolve(found));
        else if (this.exited) finish(() => reject(new Error(`while waiting for ${what}: ${this.exited}`)));
      };
      const timer = setTimeout(
        () =>
          finish(() => reject(new Error(`no ${what} within ${timeoutMs} ms; got ${this.notifications.map((n) => n.method).join(', ') || 'no notifications'}`))),
        timeoutMs,
      );
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        settle();
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Asks the server to shut down and exit; kills it if it is still running after `timeoutMs`. */
  async stop(timeoutMs: number): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      await Promise.race([this.request('shutdown', null), gone]);
      this.notify('exit', null);
    } catch {
      this.child.kill('SIGKILL');
    }
    await gone;
    clearTimeout(timer);
  }

  private send(message: Message): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = /Content-Length: *(\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1];
      if (length === undefined) throw new Error(`LSP message without Content-Length: ${this.buffer.subarray(0, headerEnd).toString('ascii')}`);
      const start = headerEnd + 4;
      if (this.buffer.length < start + Number(length)) return;
      const message = JSON.parse(this.buffer.subarray(start, start + Number(length)).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(start + Number(length));
      this.dispatch(message);
    }
  }

  private dispatch(message: Message): void {
    if (message.method !== undefined && message.id !== undefined) {
      this.send({ jsonrpc: '2.0', id: message.id, result: this.answer(message.method, message.params) ?? null });
    } else if (message.method !== undefined) {
      this.notifications.push({ method: message.method, params: message.params });
      this.wake();
    } else if (typeof message.id === 'number') {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiting?.reject(new Error(`LSP error ${message.error.code}: ${message.error.message}`));
      else waiting?.resolve(message.result);
    }
  }

  private wake(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
