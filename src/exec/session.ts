/**
 * One long-lived PowerShell process per CLI run, which runs steps one at a time.
 *
 * Why not node-powershell (5.0.1, in package.json since the design named it): we ran
 * it against the three things this module exists for, and it fails all three
 * (`npx tsx bench/session/node-powershell-probe.ts`; output in node-powershell-probe.md):
 *   - a process killed from outside with SIGTERM (what `process.kill(pid)` and most
 *     supervisors send) makes the running `invoke()` RESOLVE as a success with empty
 *     output: child-shell treats exit code 0/143 and SIGTERM as a clean exit;
 *   - its timeout is one value per shell (not per command) and, when it fires, the
 *     process keeps running the timed-out command; the next `invoke()` fails with an
 *     empty InvocationError, so the caller can tell neither what hung nor that the
 *     process must be replaced;
 *   - its output is the raw stdout text of the command (Write-Host lines and terminal
 *     escape sequences mixed with data), and any stderr text turns the call into an
 *     error: we would be scraping.
 * So the session speaks its own small protocol over `child_process.spawn`; nothing in the
 * product imports node-powershell: it is a devDependency, kept only for the probe above.
 *
 * The protocol (requests in, tagged frames out) is session-protocol.ts; the script
 * PowerShell runs to speak it is session-bootstrap.ts. This file owns the process: it
 * starts it, queues one step at a time, and notices when a step hangs or the process dies.
 *
 * Failure handling: each invoke has its own timeout; when it fires the process is
 * killed and the call rejects with STEP_TIMEOUT. If the process exits while a step runs
 * (killed from outside, `exit` in a step, crash) the call rejects with SESSION_DIED as
 * soon as Node sees the exit. After either, the session is dead: the next invoke fails
 * at once with SESSION_DEAD until `restart()`. On POSIX pwsh runs in its own process
 * group, so a Ctrl+C in the terminal reaches only the CLI, which can then stop after the
 * current step (see runner.ts); every live process is killed when Node exits, and on
 * SIGINT/SIGTERM/SIGHUP when nothing else in the CLI handles the signal.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { ExitCode, SvcforgeError } from '../errors.js';
import { psString } from '../quote/powershell.js';
import { failedRecord, isStepRecord, normalizeRecord, type StepRecord } from './record.js';
import { bootstrapScript } from './session-bootstrap.js';
import { newTag, parseJsonDocument, parseLine, requestLine, startId, type ReadyInfo, type ScriptError } from './session-protocol.js';
import { findShell, type ShellChoice } from './shell.js';

export type SessionErrorCode = 'SESSION_START_FAILED' | 'STEP_TIMEOUT' | 'SESSION_DIED' | 'SESSION_DEAD' | 'SESSION_CLOSED';

export class SessionError extends SvcforgeError {
  constructor(
    message: string,
    code: SessionErrorCode,
    /** the step that was running or was asked for, when there was one */
    readonly stepId?: string,
    /** how long that step had run */
    readonly elapsedMs?: number,
    suggestions: string[] = [],
  ) {
    super(message, code, code === 'SESSION_START_FAILED' ? ExitCode.environment : ExitCode.failed, suggestions);
    this.name = 'SessionError';
  }
}

export interface SessionOptions {
  /** an executable path, or a choice from findShell(); findShell() by default */
  shell?: string | ShellChoice;
  /** the product module (ps-scripts/SvcForge/SvcForge.psd1), imported after preloadModules */
  modulePath?: string;
  /** modules imported before modulePath, e.g. the test shim that defines Windows cmdlets */
  preloadModules?: string[];
  /** added to (and overriding) this process's environment */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** how long pwsh may take to start and import the modules; 60 s by default */
  startTimeoutMs?: number;
}

export type MessageStream = 'host' | 'warning' | 'verbose' | 'debug' | 'error' | 'stdout' | 'stderr';

export interface SessionMessage {
  stream: MessageStream;
  text: string;
}

export interface InvokeOptions {
  timeoutMs: number;
  /** names the work in errors and progress; `invoke-<n>` by default */
  stepId?: string;
  /** called for each record as PowerShell emits it, before the script ends */
  onRecord?: (record: unknown) => void;
  onMessage?: (message: SessionMessage) => void;
  /**
   * a value for the script as `$SvcForgeInput`, sent beside the script text, never inside
   * it, so no parse error or position message quotes it (a runtime error may still quote a
   * value the script failed to convert: the caller masks it)
   */
  input?: string;
}

export interface InvokeResult {
  stepId: string;
  /** parsed JSON: objects the script output, and strings it output that were JSON objects/arrays */
  records: unknown[];
  /** strings the script output that were not JSON objects/arrays */
  text: string[];
  messages: SessionMessage[];
  /** set when the script threw; the session is still usable */
  error?: ScriptError;
  durationMs: number;
}

export interface CallOptions extends Omit<InvokeOptions, 'onRecord' | 'stepId'> {
  stepId: string;
  /** each record as it arrives, already checked: a non-record arrives as a failed record */
  onRecord?: (record: StepRecord) => void;
}

export interface CallResult extends Omit<InvokeResult, 'records' | 'error'> {
  /** step records; a throw, a parse error or output that is not a step record becomes a failed record */
  records: StepRecord[];
}

export interface SessionInfo {
  shell: ShellChoice;
  pid: number;
  /** $PSVersionTable.PSVersion */
  version: string;
  /** Core (pwsh) or Desktop (Windows PowerShell) */
  edition: string;
  startMs: number;
}

const windows = process.platform === 'win32';

interface Running {
  id: string;
  stepId: string;
  started: number;
  timeoutMs: number;
  result: InvokeResult;
  options: InvokeOptions;
  resolve: (result: InvokeResult) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

interface Starting {
  resolve: (info: ReadyInfo) => void;
  reject: (error: Error) => void;
  messages: SessionMessage[];
}

export class PowerShellSession {
  private child!: ChildProcessWithoutNullStreams;
  private tag = '';
  private stdoutBuffer = '';
  private stderrTail: string[] = [];
  private starting?: Starting;
  private running?: Running;
  /** why the process is gone; undefined while it is alive */
  private deadReason?: string;
  private exited = false;
  private exitWaiters: (() => void)[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private counter = 0;
  private readyPid?: number;
  private sessionInfo?: SessionInfo;
  private readonly shell: ShellChoice;

  private constructor(private readonly options: SessionOptions) {
    const shell = options.shell;
    this.shell = shell === undefined ? findShell() : typeof shell === 'string' ? findShell({ shell }) : shell;
  }

  /** Starts PowerShell, imports the modules and resolves when it is ready for the first step. */
  static async open(options: SessionOptions = {}): Promise<PowerShellSession> {
    const session = new PowerShellSession(options);
    await session.start();
    return session;
  }

  /**
   * PowerShell's own process id ($PID). It can differ from the process we spawned: the
   * `dotnet tool` install in .tools/pwsh is a launcher that runs `dotnet pwsh.dll` as
   * its child. Both are killed together; killing either from outside ends the session.
   */
  get pid(): number | undefined {
    return this.exited ? undefined : (this.sessionInfo?.pid ?? this.child.pid);
  }

  /** every process this session started and will kill: the launcher and PowerShell, or one of them */
  get processIds(): number[] {
    return [...new Set([this.child.pid, this.sessionInfo?.pid ?? this.readyPid].filter((pid): pid is number => pid !== undefined))];
  }

  get alive(): boolean {
    return this.deadReason === undefined;
  }

  get info(): SessionInfo {
    if (!this.sessionInfo) throw new Error('PowerShellSession.info: the session has not started');
    return this.sessionInfo;
  }

  /**
   * Runs a script in the session. Resolves with what it emitted, also when it threw
   * (`error` is then set); rejects only with a SessionError: the step timed out, the
   * process died, or the session was already dead or closed.
   */
  invoke(script: string, options: InvokeOptions): Promise<InvokeResult> {
    const stepId = options.stepId ?? `invoke-${this.counter + 1}`;
    const run = this.queue.then(() => this.run(script, { ...options, stepId }));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Runs one step command (e.g. `Set-SvcForgeService -Name 'web' ...`) that returns step
   * records. A throw becomes `{ step, status: 'failed', detail: <exception message> }`
   * built inside PowerShell; so does a parse error, no record, or a non-record object.
   * Session failures (timeout, death) still reject, as with invoke().
   */
  async call(command: string, options: CallOptions): Promise<CallResult> {
    const step = psString(options.stepId);
    const asStepRecord = (record: unknown): StepRecord =>
      isStepRecord(record)
        ? normalizeRecord(record)
        : failedRecord(options.stepId, `the step output an object that is not a step record: ${JSON.stringify(record).slice(0, 300)}`);
    const script = [
      'try {',
      command,
      '}',
      'catch {',
      `    [pscustomobject]@{ step = ${step}; status = 'failed'; detail = [string]$_.Exception.Message; changes = @(); errorId = [string]$_.FullyQualifiedErrorId }`,
      '}',
    ].join('\n');
    const onRecord = options.onRecord;
    const result = await this.invoke(script, { ...options, onRecord: onRecord && ((record) => onRecord(asStepRecord(record))) });
    const records = result.records.map(asStepRecord);
    if (result.error) records.push(failedRecord(options.stepId, result.error.message));
    else if (records.length === 0) {
      const text = result.text.length ? `; it wrote: ${result.text.join(' ').slice(0, 300)}` : '';
      records.push(failedRecord(options.stepId, `the step finished without a step record${text}`));
    }
    const { error: _error, records: _records, ...rest } = result;
    return { ...rest, records };
  }

  /** Kills the current process (if any) and starts a fresh one with the same options. */
  async restart(): Promise<void> {
    await this.close();
    this.deadReason = undefined;
    this.exited = false;
    this.sessionInfo = undefined;
    this.readyPid = undefined;
    this.stdoutBuffer = '';
    this.stderrTail = [];
    await this.start();
  }

  /**
   * Ends the session: stdin is closed so PowerShell leaves its read loop and exits; if
   * it has not exited after `graceMs` (a step is still running) it is killed. A step
   * still running rejects with SESSION_CLOSED. Resolves when the process is gone.
   */
  async close(graceMs = 3000): Promise<void> {
    if (this.exited) return;
    this.markDead('the session was closed');
    if (this.running) {
      const running = this.running;
      this.finishRunning();
      running.reject(
        new SessionError(
          `step ${running.stepId} was stopped after ${Date.now() - running.started} ms because the session was closed`,
          'SESSION_CLOSED',
          running.stepId,
          Date.now() - running.started,
        ),
      );
      this.kill();
    } else {
      this.child.stdin.end();
    }
    this.ref();
    const gone = new Promise<void>((resolve) => this.exitWaiters.push(resolve));
    const timer = setTimeout(() => this.kill(), graceMs);
    await gone;
    clearTimeout(timer);
  }

  private async start(): Promise<void> {
    this.tag = newTag();
    const modules = [...(this.options.preloadModules ?? []), ...(this.options.modulePath ? [this.options.modulePath] : [])];
    const bootstrap = bootstrapScript(this.tag, modules);
    const encoded = Buffer.from(bootstrap, 'utf16le').toString('base64');
    const started = Date.now();
    const child = spawn(this.shell.path, ['-NoLogo', '-NoProfile', '-NonInteractive', '-EncodedCommand', encoded], {
      cwd: this.options.cwd,
      env: { ...process.env, ...this.options.env },
      stdio: 'pipe',
      // its own process group: a terminal Ctrl+C reaches the CLI, which decides (runner.ts)
      detached: !windows,
      windowsHide: true,
    });
    this.child = child;
    this.exited = false;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    // after restart() a late event of the previous process must not touch the new one
    const current = (): boolean => this.child === child;
    child.stdout.on('data', (chunk: string) => current() && this.onStdout(chunk));
    child.stderr.on('data', (chunk: string) => current() && this.onStderr(chunk));
    child.stdin.on('error', () => undefined); // EPIPE after a death; the exit handler reports it
    child.on('error', (error) => current() && this.onExit(undefined, undefined, error));
    child.on('exit', (code, signal) => current() && this.onExit(code, signal));
    if (child.pid !== undefined) liveSessions.add(this);
    installExitHooks();

    const timeoutMs = this.options.startTimeoutMs ?? 60_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      const ready = await new Promise<ReadyInfo>((resolve, reject) => {
        this.starting = { resolve, reject, messages: [] };
        timer = setTimeout(() => {
          this.kill();
          reject(this.startError(`${this.shell.path} was not ready within ${timeoutMs} ms`));
        }, timeoutMs);
      });
      this.sessionInfo = { shell: this.shell, pid: ready.pid, version: ready.version, edition: ready.edition, startMs: Date.now() - started };
      this.starting = undefined;
      this.unref();
    } catch (error) {
      this.markDead(error instanceof Error ? error.message : String(error));
      this.kill();
      throw error;
    } finally {
      clearTimeout(timer);
      this.starting = undefined;
    }
  }

  private startError(what: string, detail?: string): SessionError {
    const stderr = this.stderrTail.length ? `; stderr: ${this.stderrTail.join(' | ')}` : '';
    return new SessionError(`PowerShell did not start: ${what}${detail ? `: ${detail}` : ''}${stderr}`, 'SESSION_START_FAILED', undefined, undefined, [
      `check that \`${this.shell.path} -NoProfile\` starts and that the modules import: ${[...(this.options.preloadModules ?? []), this.options.modulePath ?? ''].filter(Boolean).join(', ') || '(none)'}`,
      'run `svcforge doctor` to check the PowerShell installation and execution policy',
    ]);
  }

  private run(script: string, options: InvokeOptions & { stepId: string }): Promise<InvokeResult> {
    if (this.deadReason !== undefined) {
      return Promise.reject(
        new SessionError(`step ${options.stepId} was not run: the PowerShell session is not running (${this.deadReason})`, 'SESSION_DEAD', options.stepId, 0, [
          'start a fresh session (PowerShellSession.restart or open) and run the remaining steps again',
        ]),
      );
    }
    this.counter += 1;
    const id = String(this.counter);
    return new Promise<InvokeResult>((resolve, reject) => {
      const started = Date.now();
      const timer = setTimeout(() => this.onTimeout(), options.timeoutMs);
      this.running = {
        id,
        stepId: options.stepId,
        started,
        timeoutMs: options.timeoutMs,
        options,
        resolve,
        reject,
        timer,
        result: { stepId: options.stepId, records: [], text: [], messages: [], durationMs: 0 },
      };
      this.ref();
      this.child.stdin.write(requestLine(id, script, options.input));
    });
  }

  private onTimeout(): void {
    const running = this.running;
    if (!running) return;
    const elapsed = Date.now() - running.started;
    this.markDead(`step ${running.stepId} timed out after ${elapsed} ms`);
    this.finishRunning();
    this.kill();
    running.reject(
      new SessionError(
        `step ${running.stepId} did not finish within ${running.timeoutMs} ms (ran ${elapsed} ms); the PowerShell process was stopped`,
        'STEP_TIMEOUT',
        running.stepId,
        elapsed,
        ['find out why the step hangs (run it by hand), or give it a longer timeout; the next run starts a fresh session'],
      ),
    );
  }

  private onExit(code: number | null | undefined, signal: NodeJS.Signals | null | undefined, error?: Error): void {
    if (!error || this.child.pid === undefined) {
      this.exited = true;
      // the launcher is gone: make sure the PowerShell it ran (if another process) goes too
      const shellPid = this.sessionInfo?.pid ?? this.readyPid;
      if (shellPid !== undefined && shellPid !== this.child.pid) killPid(shellPid);
      this.child.stdin.destroy();
      liveSessions.delete(this);
      for (const waiter of this.exitWaiters.splice(0)) waiter();
    }
    const how = error ? `could not be run: ${error.message}` : signal ? `was killed by ${signal}` : `exited with code ${code}`;
    if (this.starting) {
      this.starting.reject(this.startError(`${this.shell.path} ${how}`));
      this.starting = undefined;
    }
    const pid = this.sessionInfo?.pid ?? this.readyPid ?? this.child.pid;
    this.markDead(`PowerShell (pid ${pid ?? '?'}) ${how}`);
    const running = this.running;
    if (running) {
      this.finishRunning();
      const elapsed = Date.now() - running.started;
      const stderr = this.stderrTail.length ? `; last stderr: ${this.stderrTail.slice(-5).join(' | ')}` : '';
      running.reject(
        new SessionError(
          `step ${running.stepId} was running when PowerShell (pid ${pid ?? '?'}) ${how} after ${elapsed} ms${stderr}`,
          'SESSION_DIED',
          running.stepId,
          elapsed,
          ['see whether the step ends PowerShell (an `exit` in it) or something killed the process; the next run starts a fresh session'],
        ),
      );
    }
    this.unref();
  }

  private finishRunning(): void {
    if (this.running) clearTimeout(this.running.timer);
    this.running = undefined;
    this.unref();
  }

  private markDead(reason: string): void {
    if (this.deadReason === undefined) this.deadReason = reason;
  }

  private onStdout(chunk: string): void {
    this.stdoutBuffer += chunk;
    let newline: number;
    while ((newline = this.stdoutBuffer.indexOf('\n')) >= 0) {
      const line = this.stdoutBuffer.slice(0, newline).replace(/\r$/, '');
      this.stdoutBuffer = this.stdoutBuffer.slice(newline + 1);
      this.onLine(line);
    }
  }

  private onStderr(chunk: string): void {
    for (const line of chunk.split(/\r?\n/)) {
      if (!line) continue;
      this.stderrTail.push(line);
      if (this.stderrTail.length > 20) this.stderrTail.shift();
      this.message({ stream: 'stderr', text: line });
    }
  }

  private onLine(line: string): void {
    const { outside, frame } = parseLine(line, this.tag);
    if (outside !== undefined) this.message({ stream: 'stdout', text: outside });
    if (!frame) return;
    const { kind, id, text } = frame;
    if (this.starting && id === startId) {
      if (kind === 'ready') {
        const ready = JSON.parse(text) as ReadyInfo;
        this.readyPid = ready.pid;
        this.starting.resolve(ready);
      } else if (kind === 'fatal') {
        const error = JSON.parse(text) as ScriptError;
        this.starting.reject(this.startError('a module did not import', error.message));
      }
      return;
    }
    const running = this.running;
    if (!running || running.id !== id) return;
    const result = running.result;
    switch (kind) {
      case 'record':
        this.addRecord(running, JSON.parse(text) as unknown);
        break;
      case 'text': {
        const json = parseJsonDocument(text);
        if (json === undefined) result.text.push(text);
        else this.addRecord(running, json);
        break;
      }
      case 'host':
      case 'warning':
      case 'verbose':
      case 'debug':
      case 'error':
        this.message({ stream: kind, text });
        break;
      case 'done':
      case 'fail':
        if (kind === 'fail') result.error = JSON.parse(text) as ScriptError;
        result.durationMs = Date.now() - running.started;
        this.finishRunning();
        running.resolve(result);
        break;
      default:
        this.message({ stream: 'stdout', text: line });
    }
  }

  private addRecord(running: Running, record: unknown): void {
    running.result.records.push(record);
    running.options.onRecord?.(record);
  }

  private message(message: SessionMessage): void {
    if (this.running) {
      this.running.result.messages.push(message);
      this.running.options.onMessage?.(message);
    } else if (this.starting) {
      this.starting.messages.push(message);
    }
  }

  /** Idle sessions must not keep the CLI alive; an 'exit' hook kills them. */
  private unref(): void {
    if (this.running || this.starting) return;
    this.child.unref();
    for (const stream of [this.child.stdout, this.child.stderr, this.child.stdin]) (stream as unknown as { unref?: () => void }).unref?.();
  }

  private ref(): void {
    this.child.ref();
    for (const stream of [this.child.stdout, this.child.stderr, this.child.stdin]) (stream as unknown as { ref?: () => void }).ref?.();
  }

  /** Kills the PowerShell process itself (not its process group: a step may have started a service host that must outlive it). */
  kill(): void {
    if (this.exited || this.child.pid === undefined) return;
    const shellPid = this.sessionInfo?.pid ?? this.readyPid;
    if (shellPid !== undefined && shellPid !== this.child.pid) killPid(shellPid);
    killPid(this.child.pid);
  }
}

function killPid(pid: number): void {
  try {
    if (windows) spawnSync('taskkill', ['/PID', String(pid), '/F'], { stdio: 'ignore', windowsHide: true });
    else process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

const liveSessions = new Set<PowerShellSession>();
let hooksInstalled = false;

/** Kills every open session's process at once; for a CLI that is about to exit. */
export function killAllSessions(): void {
  for (const session of liveSessions) session.kill();
}

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killAllSessions);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const handler = (): void => {
      // Another handler (the CLI's Ctrl+C = stop after the current step) owns the signal.
      if (process.listenerCount(signal) > 1) return;
      killAllSessions();
      process.removeListener(signal, handler);
      process.kill(process.pid, signal);
    };
    process.on(signal, handler);
  }
}
