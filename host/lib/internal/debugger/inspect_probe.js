'use strict';
// `anode inspect --probe <file>:<line>[:<col>] --expr <expr> ... <script>`: node's
// non-interactive probe mode. The script runs in a child under --inspect-brk; each probe
// becomes a breakpoint set by URL suffix (Debugger.setBreakpointByUrl with a urlRegex, so
// scripts loaded later bind too); on every pause at one, the expressions of the probes
// sharing that location are evaluated on the top frame in command-line order, then the
// target resumes. One report (text, or JSON schema v2) is printed when the session ends:
// the target completes (or misses probes), exits with an error, a probe reaches its
// --max-hit, the --timeout passes, or the inspector connection fails.
//
// Exit status: 0 when the recorded hits can be trusted (completion, a miss, the target's
// own error exit), 1 when they are best effort (timeout, inspector failure) or probe mode
// itself failed to start.

const { debuglog } = require('util');
const { InspectClient } = require('internal/debugger/inspect_client');
const {
  ensureTrailingNewline,
  launchChildProcess,
  startupError,
} = require('internal/debugger/inspect_helpers');

const debug = debuglog('inspect_probe');

const kNoFailure = 0;
const kGenericUserError = 1;
const kReportVersion = 2;
const kDefaultTimeout = 30000;
// What the debuggee prints once its program is done while a session is attached.
const kDisconnectSentinel = 'Waiting for the debugger to disconnect...';
// The inspector's own lines, left out of the child stderr a report carries.
const kInspectorNoiseLines = ['Debugger attached.', 'For help, see: https://nodejs.org/learn/getting-started/debugging'];
const kInspectorNoisePrefixes = ['Debugger listening on ws://', 'Debugger ending on ws://'];
// Thrown once a failure has been recorded, so callers up the stack stop without recording
// another terminal event.
const kFailureRecorded = Symbol('probe failure recorded');
const kStartupTeardownAdvice = 'The target startup may have torn down the inspector. If startup does ' +
  'not touch the inspector, this is likely a Node.js bug. Please file an issue.';
const kReviewExpressionAdvice = 'If the failure repeats, review the probe expression.';

// ---- command line ----

function parseCount(text, what, allowZero = false) {
  const value = typeof text === 'string' && /^\d+$/.test(text) ? Number.parseInt(text, 10) : NaN;
  if (Number.isNaN(value) || (!allowZero && value < 1)) throw startupError(`Invalid ${what}: ${text}`);
  return value;
}

// `<file>:<line>[:<col>]`, 1-based; the file part is the shortest prefix that leaves a
// line (and column) behind, so a Windows drive letter stays in it.
function parseProbeTarget(text) {
  const match = /^(.+?):(\d+)(?::(\d+))?$/.exec(`${text}`);
  if (match === null) throw startupError(`Invalid probe location: ${text}`);
  return {
    suffix: match[1],
    line: parseCount(match[2], 'probe location'),
    column: match[3] === undefined ? undefined : parseCount(match[3], 'probe location'),
  };
}

const targetText = ({ suffix, line, column }) => (column === undefined ? `${suffix}:${line}` : `${suffix}:${line}:${column}`);

function optionValue(token) {
  if (token.value === undefined) throw startupError(`Missing value for ${token.rawName}`);
  return token.value;
}

// The probe options from util.parseArgs tokens of `args`, up to the child's first argument
// (the first positional, or what follows `--`).
function parseProbeTokens(tokens, args) {
  const options = {
    host: '127.0.0.1',
    port: 0,
    preview: false,
    timeout: kDefaultTimeout,
    json: false,
    probes: [],
    childArgv: [],
    skipPortPreflight: false,
  };
  const { probes } = options;
  const mustPairError = () => startupError('Each --probe must be followed immediately by --expr <expr>');
  let childStart = args.length;
  let separated = false;
  // The target of a --probe still waiting for its --expr, and where that --expr must be.
  let unpaired = null;
  let exprIndex = -1;

  for (const token of tokens) {
    if (token.kind === 'option-terminator') {
      separated = true;
      childStart = token.index + 1;
      break;
    }
    if (unpaired !== null) {
      if (token.kind !== 'option' || token.name !== 'expr' || token.index !== exprIndex || token.value === undefined) {
        throw mustPairError();
      }
      probes.push({ expr: token.value, target: unpaired });
      unpaired = null;
      continue;
    }
    if (token.kind === 'positional') {
      childStart = token.index;
      break;
    }
    switch (token.name) {
      case 'json':
        options.json = true;
        break;
      case 'preview':
        options.preview = true;
        break;
      case 'timeout':
        options.timeout = parseCount(optionValue(token), 'timeout', true);
        break;
      case 'port':
        options.port = parseCount(optionValue(token), 'inspector port', true);
        break;
      case 'probe':
        unpaired = parseProbeTarget(token.value);
        exprIndex = token.index + (token.inlineValue ? 1 : 2);
        break;
      case 'expr':
        throw startupError('Unexpected --expr before --probe');
      case 'max-hit': {
        const probe = probes.at(-1);
        if (probe === undefined) throw startupError('Unexpected --max-hit before --probe');
        const text = optionValue(token);
        if (probe.maxHit !== undefined) throw startupError('Duplicate --max-hit for a single --probe');
        probe.maxHit = parseCount(text, 'max-hit');
        break;
      }
      default:
        if (probes.length > 0) throw startupError('Use -- before child Node.js flags in probe mode');
        throw startupError(`Unknown probe option: ${token.rawName}`);
    }
  }
  if (unpaired !== null) throw mustPairError();
  if (probes.length === 0) throw startupError('Probe mode requires at least one --probe <loc> --expr <expr> group');

  options.childArgv = args.slice(childStart);
  if (options.childArgv.length === 0) throw startupError('Probe mode requires a child script');
  if (!separated && options.childArgv[0].startsWith('-')) {
    throw startupError('Use -- before child Node.js flags in probe mode');
  }
  // The child's inspector listens where --inspect-brk says; only a child --inspect-port=0
  // (a random port, as the default) agrees with that.
  options.skipPortPreflight = options.port === 0;
  for (const arg of options.childArgv) {
    const inspectPort = /^--inspect-port=(\d+)$/.exec(arg);
    if (inspectPort === null) continue;
    if (inspectPort[1] !== '0') throw startupError('Only child --inspect-port=0 is supported in probe mode');
    options.skipPortPreflight = true;
  }
  return options;
}

// ---- the report ----

// The child's stderr without the inspector's own lines and the trailing newline.
function targetStderr(text) {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines.filter((line) => line !== kDisconnectSentinel &&
    !kInspectorNoiseLines.includes(line) &&
    !kInspectorNoisePrefixes.some((prefix) => line.startsWith(prefix))).join('\n');
}

// The distinct targets of the `pending` probes, in order.
function pendingTargets(probes, pending) {
  return [...new Set(pending.map((index) => targetText(probes[index].target)))].join(', ');
}

// `value` (a protocol object) without the properties named in `keys`, at any depth.
function withoutKeys(value, keys) {
  if (Array.isArray(value)) return value.map((entry) => withoutKeys(entry, keys));
  if (value === null || typeof value !== 'object') return value;
  const kept = { __proto__: null };
  for (const [key, entry] of Object.entries(value)) {
    if (!keys.includes(key)) kept[key] = withoutKeys(entry, keys);
  }
  return kept;
}

// A RemoteObject (or exception details) as reported: without the object ids and class
// names that mean nothing once the session is gone.
const reportedObject = (value) => withoutKeys(value, ['objectId', 'className']);

const previewValueText = (property) => (property.type === 'string' ? JSON.stringify(property.value ?? '') : property.value ?? property.type);

// A RemoteObject in the text report: primitives as literals, objects and arrays from
// their preview, anything else by its description.
function remoteObjectText(object) {
  if (object === undefined) return 'undefined';
  switch (object.type) {
    case 'undefined':
      return 'undefined';
    case 'string':
      return JSON.stringify(object.value);
    case 'number':
      return object.unserializableValue ?? `${object.value}`;
    case 'boolean':
      return `${object.value}`;
    case 'symbol':
      return object.description || 'Symbol()';
    case 'bigint':
      return object.unserializableValue ?? object.description ?? '0n';
    case 'function':
      return object.description || 'function()';
    case 'object': {
      if (object.subtype === 'null') return 'null';
      if (object.subtype === 'error') return object.description || 'Error';
      const { preview } = object;
      if (preview === undefined) return object.description || object.className || 'Object';
      const isArray = preview.subtype === 'array';
      const entries = preview.properties.map((property) =>
        (isArray ? previewValueText(property) : `${property.name}: ${previewValueText(property)}`));
      const inner = `${entries.join(', ')}${preview.overflow ? ', ...' : ''}`;
      return isArray ? `[${inner}]` : `{${inner}}`;
    }
    default:
      return `${object.value ?? object.description ?? ''}`;
  }
}

function textReport({ probes, results }) {
  const lines = [];
  for (const result of results) {
    switch (result.event) {
      case 'hit': {
        const probe = probes[result.probe];
        const { url, line, column } = result.location;
        lines.push(`Hit ${result.hit} at ${url !== undefined ? `${url}:${line}:${column}` : targetText(probe.target)}`);
        lines.push(result.error !== undefined ?
          `  [error] ${probe.expr} = ${result.error.message}` :
          `  ${probe.expr} = ${remoteObjectText(result.result)}`);
        break;
      }
      case 'completed':
        lines.push('Completed');
        break;
      case 'miss':
        lines.push(`Missed probes: ${pendingTargets(probes, result.pending)}`);
        break;
      case 'timeout':
        lines.push(result.error.message);
        break;
      case 'error': {
        lines.push(result.error.message);
        const { stderr } = result.error;
        if (stderr === undefined) break;
        lines.push('  [stderr]');
        const stderrLines = stderr.split(/\r\n|\r|\n/);
        if (stderrLines.at(-1) === '') stderrLines.pop();
        for (const line of stderrLines) lines.push(`  ${line}`);
        break;
      }
    }
  }
  return ensureTrailingNewline(lines.join('\n'));
}

// ---- the session ----

class ProbeInspectorSession {
  constructor(options) {
    this.options = options;
    this.client = new InspectClient();
    this.child = null;
    this.probes = options.probes.map(({ expr, target, maxHit }) => ({ expr, target, maxHit: maxHit ?? Infinity, hits: 0 }));
    this.results = [];
    // The connection is up (events before it are launch failures, reported by run()).
    this.connected = false;
    // Breakpoints are bound and the target was let run: an exit now is the program's.
    this.started = false;
    this.finished = false;
    // The target printed kDisconnectSentinel: its program is over and the client let go.
    this.disconnectRequested = false;
    this.childStderr = '';
    this.stderrTail = '';
    // V8 breakpointId -> indices of the probes bound to it.
    this.breakpointProbes = new Map();
    this.scriptUrls = new Map();
    // The protocol call awaited now: { method, probe: { index, location } | null }.
    this.inFlight = null;
    this.lastProbeIndex = null;
    this.timer = null;
    this.completion = Promise.withResolvers();
    this.onChildOutput = this.onChildOutput.bind(this);
    this.onChildExit = this.onChildExit.bind(this);
    this.onClientClose = this.onClientClose.bind(this);
    this.onPaused = this.onPaused.bind(this);
    this.onScriptParsed = this.onScriptParsed.bind(this);
  }

  // Ends the session with its terminal event (the first one wins): status 0 when the hits
  // recorded are trustworthy, 1 when they are best effort.
  finish(exitCode, terminal) {
    if (this.finished) return;
    debug('finish: exitCode=%d, terminal=%s', exitCode, terminal?.event);
    this.finished = true;
    clearTimeout(this.timer);
    this.timer = null;
    this.completion.resolve({ exitCode, terminal });
  }

  pendingProbes() {
    const pending = [];
    this.probes.forEach((probe, index) => {
      if (probe.hits === 0) pending.push(index);
    });
    return pending;
  }

  targetExitEvent(exitCode, signal) {
    const pending = this.pendingProbes();
    const how = signal !== null ? `with signal ${signal}` : `with code ${exitCode}`;
    const before = pending.length === 0 ? 'target completion' : `probes: ${pendingTargets(this.probes, pending)}`;
    const error = { __proto__: null, code: 'probe_target_exit', message: `Target exited ${how} before ${before}` };
    if (exitCode !== null) error.exitCode = exitCode;
    if (signal !== null) error.signal = signal;
    error.stderr = targetStderr(this.childStderr);
    return { event: 'error', pending, error };
  }

  onChildOutput(text, stream) {
    if (stream !== 'stderr') return;
    debug('child stderr: %j', text);
    this.childStderr += text;
    // The sentinel may arrive split across chunks: look at the end of the last one too.
    const recent = this.stderrTail + text;
    if (this.connected && recent.includes(kDisconnectSentinel)) {
      debug('disconnect sentinel detected, resetting client');
      this.disconnectRequested = true;
      this.client.reset();
    }
    this.stderrTail = recent.slice(-kDisconnectSentinel.length);
  }

  onChildExit(code, signal) {
    debug('child exit: code=%s signal=%s connected=%s started=%s finished=%s inFlight=%j',
          code, signal, this.connected, this.started, this.finished, this.inFlight);
    if (!this.connected || this.finished) return;
    if (this.inFlight?.probe) {
      this.recordFailure({ reason: 'Target process exited during probe evaluation', advice: kReviewExpressionAdvice });
      return;
    }
    if (this.started && code === 0 && signal === null) {
      const pending = this.pendingProbes();
      this.finish(kNoFailure, pending.length === 0 ? { event: 'completed' } : { event: 'miss', pending });
      return;
    }
    this.finish(kNoFailure, this.targetExitEvent(code, signal));
  }

  onClientClose() {
    debug('client close: disconnectRequested=%s finished=%s inFlight=%j',
          this.disconnectRequested, this.finished, this.inFlight);
    if (!this.connected || this.disconnectRequested || this.finished) return;
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      this.onChildExit(this.child.exitCode, this.child.signalCode);
    } else if (!this.started) {
      this.recordFailure({ reason: 'Inspector connection lost before probes started', advice: kStartupTeardownAdvice });
    } else if (this.inFlight?.probe || (this.inFlight !== null && this.lastProbeIndex !== null)) {
      this.recordFailure({
        reason: 'Inspector connection lost during probe activity',
        advice: 'A probe expression may have caused the disconnection. If the failure repeats, review the probe expressions.',
      });
    } else if (this.inFlight !== null) {
      this.recordFailure({
        reason: 'Inspector connection lost during inspector activity',
        advice: 'This is likely a Node.js bug. Please file an issue.',
      });
    } else {
      this.recordFailure({
        reason: 'Inspector connection lost',
        advice: 'The target was likely terminated externally. If the failure persists, check the target\'s process environment.',
      });
    }
  }

  onPaused(params) {
    debug('paused: finished=%d, reason=%s hitBreakpoints=%j', this.finished, params.reason, params.hitBreakpoints);
    this.handlePaused(params).catch((error) => {
      if (error === kFailureRecorded) return;
      this.recordFailure({
        reason: 'Probe mode encountered an unexpected internal failure',
        advice: 'This is likely a Node.js bug. Please file an issue.',
        internalError: error,
      });
    });
  }

  async handlePaused({ hitBreakpoints, callFrames }) {
    // A pause before the breakpoints are bound is --inspect-brk's: runIfWaitingForDebugger
    // lets it go once they are.
    if (this.finished || !this.started) return;
    const frame = callFrames?.[0];
    if (hitBreakpoints === undefined || hitBreakpoints.length === 0 || frame?.callFrameId === undefined) {
      await this.resume();
      return;
    }
    const { scriptId, lineNumber, columnNumber } = frame.location;
    const location = { url: this.scriptUrls.get(scriptId), line: lineNumber + 1, column: columnNumber + 1 };
    for (const breakpointId of hitBreakpoints) {
      for (const index of this.breakpointProbes.get(breakpointId) ?? []) {
        await this.evaluateProbe(frame.callFrameId, index, location);
        if (this.finished) break;
      }
    }
    // A probe at its --max-hit ends the session, once every probe of this pause is recorded.
    if (!this.finished && this.probes.some((probe) => probe.hits >= probe.maxHit)) {
      this.finish(kNoFailure, { event: 'completed' });
      return;
    }
    await this.resume();
  }

  async evaluateProbe(callFrameId, index, location) {
    if (this.finished) return;
    const probe = this.probes[index];
    const { result, exceptionDetails } = await this.callCdp(
      'Debugger.evaluateOnCallFrame',
      { callFrameId, expression: probe.expr, generatePreview: true },
      { index, location });
    this.lastProbeIndex = index;
    probe.hits++;
    const hit = { probe: index, event: 'hit', hit: probe.hits, location };
    if (exceptionDetails !== undefined) {
      hit.error = {
        __proto__: null,
        message: result?.description ?? 'Probe expression failed',
        details: { __proto__: null, exception: reportedObject(exceptionDetails) },
      };
    } else {
      hit.result = reportedObject(result);
    }
    this.results.push(hit);
  }

  async resume() {
    if (!this.finished) await this.callCdp('Debugger.resume');
  }

  // A protocol call; a rejection records the session's failure (once) and throws
  // kFailureRecorded, as does a reply arriving after the session ended.
  async callCdp(method, params, probe = null) {
    if (this.finished) throw kFailureRecorded;
    this.inFlight = { method, probe };
    debug('CDP -> %s%s', method, probe !== null ? `, probe=${probe.index}` : '');
    try {
      const result = await this.client.callMethod(method, params);
      if (this.finished) {
        debug('CDP <- %s discarded (already finished)', method);
        throw kFailureRecorded;
      }
      debug('CDP <- %s (success)', method);
      return result ?? {};
    } catch (error) {
      if (error === kFailureRecorded) throw error;
      debug('CDP <- %s error: %s', method, error?.code);
      if (this.disconnectRequested) {
        // Rejections after the target let go are its exit's echo; only an evaluation
        // cut off by it is worth a report.
        if (probe !== null) {
          this.recordFailure({ reason: 'Target process exited during probe evaluation', advice: kReviewExpressionAdvice });
        }
      } else if (!this.finished) {
        this.recordFailure({ ...this.#callFailure(method), cdpError: error });
      }
      throw kFailureRecorded;
    } finally {
      this.inFlight = null;
    }
  }

  #callFailure(method) {
    if (!this.started) {
      return { reason: 'Probe mode failed before user code ran', advice: kStartupTeardownAdvice };
    }
    if (method === 'Debugger.evaluateOnCallFrame') {
      return {
        reason: 'The inspector could not evaluate a probe expression',
        advice: `The rejection details are recorded on the probe hit. ${kReviewExpressionAdvice}`,
      };
    }
    if (this.lastProbeIndex !== null) {
      return {
        reason: 'Probe session failed after a probe evaluation',
        advice: 'If the failure repeats, review the most-recently-evaluated probe expression.',
      };
    }
    return {
      reason: 'Probe session failed during inspector activity',
      advice: 'This is likely a Node.js bug. Please file an issue.',
    };
  }

  // The session's inspector-side failure, as a terminal `probe_failure` (status 1), unless
  // the target has already died on its own with no evaluation to blame: then that exit.
  recordFailure({ reason, advice, cdpError, internalError }) {
    if (this.finished) return;
    debug('recordFailure "%s": inFlight=%j, lastProbeIndex=%s, cdpError=%j', reason, this.inFlight, this.lastProbeIndex, cdpError);
    const { child, inFlight } = this;
    const probe = inFlight?.probe ?? null;
    const exitedAbnormally = child !== null && (child.signalCode !== null || (child.exitCode !== null && child.exitCode !== 0));
    if (exitedAbnormally && probe === null) {
      this.finish(kNoFailure, this.targetExitEvent(child.exitCode, child.signalCode));
      return;
    }
    const method = inFlight?.method ?? null;
    // ERR_DEBUGGER_ERROR is the client's own (no connection), not the protocol's.
    const protocolError = cdpError !== undefined && cdpError.code !== 'ERR_DEBUGGER_ERROR' ?
      { __proto__: null, message: cdpError.message, code: cdpError.code } : null;
    const protocolErrorOnHit = protocolError !== null && method === 'Debugger.evaluateOnCallFrame';

    let blamed = null;
    if (probe !== null) {
      const hitError = { __proto__: null };
      if (protocolErrorOnHit) {
        hitError.message = 'Probe evaluation failed at the protocol layer';
        hitError.details = { __proto__: null, protocolError };
      } else {
        hitError.message = 'Probe evaluation did not complete';
      }
      const hits = ++this.probes[probe.index].hits;
      this.results.push({ probe: probe.index, event: 'hit', hit: hits, location: probe.location, error: hitError });
      blamed = probe.index;
    } else if (method !== null && this.lastProbeIndex !== null) {
      blamed = this.lastProbeIndex;
    }

    const pending = this.pendingProbes();
    const before = pending.length === 0 ? '' : ` before probes: ${pendingTargets(this.probes, pending)}`;
    const error = { __proto__: null, code: 'probe_failure', message: `${reason}${before}. ${advice}` };
    if (blamed !== null) error.probe = blamed;
    error.stderr = targetStderr(this.childStderr);
    let details;
    if (method !== null) {
      details = { __proto__: null, lastCdpMethod: method };
      if (protocolError !== null && !protocolErrorOnHit) details.protocolError = protocolError;
    }
    if (internalError !== undefined) {
      details ??= { __proto__: null };
      details.internalError = { __proto__: null, message: internalError?.message, stack: internalError?.stack };
    }
    if (details !== undefined) error.details = details;
    this.finish(kGenericUserError, { event: 'error', pending, error });
  }

  startTimeout() {
    this.timer = setTimeout(() => {
      debug('timeout fired: finished=%s, inFlight=%j, lastProbeIndex=%s', this.finished, this.inFlight, this.lastProbeIndex);
      if (this.finished) return;
      if (this.inFlight !== null) {
        const probeToBlame = this.inFlight.probe !== null || this.lastProbeIndex !== null;
        this.recordFailure({
          reason: 'Probe session timed out',
          advice: probeToBlame ?
            'The probe expression may be slow, hanging, or interfering with the inspector connection. ' +
            'Try increasing `--timeout`; if the failure persists, review the probe expressions.' :
            'Try increasing `--timeout`; if the failure persists, please file an issue.',
        });
        return;
      }
      const pending = this.pendingProbes();
      const waitingFor = pending.length === 0 ? 'target completion' : `probes: ${pendingTargets(this.probes, pending)}`;
      this.finish(kGenericUserError, {
        event: 'timeout',
        pending,
        error: { code: 'probe_timeout', message: `Timed out after ${this.options.timeout}ms waiting for ${waitingFor}` },
      });
    }, this.options.timeout);
    this.timer.unref();
  }

  onScriptParsed({ scriptId, url, length }) {
    if (url && !url.startsWith('node:')) debug('scriptParsed: scriptId=%s url=%s, length=%d', scriptId, url, length);
    this.scriptUrls.set(scriptId, url);
  }

  // One breakpoint per distinct target; the probes sharing it are evaluated on one pause.
  async bindBreakpoints() {
    const byTarget = new Map();
    this.probes.forEach(({ target }, index) => {
      const key = `${target.suffix}\n${target.line}\n${target.column ?? ''}`;
      if (!byTarget.has(key)) byTarget.set(key, { target, indices: [] });
      byTarget.get(key).indices.push(index);
    });
    for (const { target, indices } of byTarget.values()) {
      // Any script whose URL ends in the suffix at a path separator.
      const file = process.platform === 'win32' ? target.suffix.replaceAll('\\', '/') : target.suffix;
      const params = {
        urlRegex: `^(.*[\\/\\\\])?${file.replace(/[/\\.?*()^${}|[\]]/g, '\\$&')}$`,
        lineNumber: target.line - 1,
      };
      // Without a column, V8 binds to the line's first executable column.
      if (target.column !== undefined) params.columnNumber = target.column - 1;
      const { breakpointId, locations } = await this.callCdp('Debugger.setBreakpointByUrl', params);
      debug('breakpoint set: id=%s urlRegex=%s locations=%j', breakpointId, params.urlRegex, locations);
      this.breakpointProbes.set(breakpointId, indices);
    }
  }

  report({ exitCode, terminal }) {
    return {
      code: exitCode,
      report: {
        v: kReportVersion,
        probes: this.probes.map(({ expr, target, maxHit }) => {
          const shown = { expr, target: { suffix: target.suffix, line: target.line } };
          if (target.column !== undefined) shown.target.column = target.column;
          if (maxHit !== Infinity) shown.maxHit = maxHit;
          return shown;
        }),
        results: [...this.results, terminal],
      },
    };
  }

  cleanup() {
    clearTimeout(this.timer);
    this.timer = null;
    this.client.reset();
    if (this.child !== null && this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }

  async run() {
    try {
      const { childArgv, host, port, skipPortPreflight } = this.options;
      const [child, actualPort, actualHost] = await launchChildProcess(childArgv, host, port, this.onChildOutput, { skipPortPreflight });
      this.child = child;
      // Debugger.enable replays scriptParsed for the scripts already there: listen first.
      child.on('exit', this.onChildExit);
      this.client.on('close', this.onClientClose);
      this.client.on('Debugger.paused', this.onPaused);
      this.client.on('Debugger.scriptParsed', this.onScriptParsed);
      await this.client.connect(actualPort, actualHost);
      this.connected = true;
      try {
        await this.callCdp('Runtime.enable');
        await this.callCdp('Debugger.enable');
        await this.bindBreakpoints();
        this.started = true;
        this.startTimeout();
        await this.callCdp('Runtime.runIfWaitingForDebugger');
      } catch (error) {
        if (error !== kFailureRecorded) throw error;
      }
      return this.report(await this.completion.promise);
    } finally {
      this.cleanup();
    }
  }
}

async function runProbeMode(stdout, options) {
  try {
    const { code, report } = await new ProbeInspectorSession(options).run();
    stdout.write(options.json ? `${JSON.stringify(options.preview ? report : withoutKeys(report, ['preview']))}\n` : textReport(report));
    process.exit(code);
  } catch (error) {
    if (error.childStderr) process.stderr.write(error.childStderr);
    process.stderr.write(ensureTrailingNewline(error.message));
    process.exit(kGenericUserError);
  }
}

module.exports = { parseProbeTokens, ProbeInspectorSession, runProbeMode };
