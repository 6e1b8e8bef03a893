// Flags: --expose-gc
// napi_fatal_error (aborts with node's FATAL ERROR line, lengths cut the strings),
// napi_fatal_exception (handled by 'uncaughtException', else the process ends with 1), async
// cleanup hooks interleaved with sync ones at teardown, a threadsafe function's context,
// external latin1/utf16 strings (not copied, freed by the GC) and finalizers posted from the GC.
const { log } = require('../../common');
const edges = require('../../common').addon('napi_edges');
const { spawnSync } = require('child_process');
if (process.argv[2] === 'fatal-error') {
  edges.fatalError(process.argv[3] === 'null' ? null : 'edges.c:1', 'something broke', ...(process.argv[4] ? [true] : []));
} else if (process.argv[2] === 'fatal-exception') {
  process.on('exit', (code) => log('exit', code));
  edges.fatalException(new RangeError('raised from C'));
  log('after napi_fatal_exception');
} else if (process.argv[2] === 'cleanup') {
  log(edges.cleanupHooks());
  process.on('exit', () => log('exit event'));
} else {
  for (const args of [['fatal-error', 'x'], ['fatal-error', 'x', 'cut'], ['fatal-exception'], ['cleanup']]) {
    const child = spawnSync(process.execPath, ['--expose-gc', __filename, ...args]);
    log(args.join(' '), child.status, child.signal, JSON.stringify(child.stdout.toString()));
    log(child.stderr.toString().split('\n').filter((line) => /^FATAL|^RangeError/.test(line)).join('\n'));
  }
  process.on('uncaughtException', (err, origin) => log('uncaught', typeof err, err?.message, err?.plain, origin));
  log('status', edges.fatalException(new Error('handled')));
  log(edges.fatalException(undefined), edges.fatalException({ plain: true }));
  log(edges.tsfnContext());
  const [latin1, utf16, latin1Copied, utf16Copied, ...statuses] = edges.externalStrings();
  log(latin1, utf16, latin1.length, utf16.length, latin1Copied, utf16Copied, statuses);
  const received = [];
  edges.postFinalizer((hint) => received.push(hint));
  (function make() { for (let i = 0; i < 3; i++) edges.postFinalizer(); })();
  setTimeout(() => {
    globalThis.gc();
    log('after gc', edges.postedRuns(), received.length);
    setTimeout(() => {
      log('later', edges.postedRuns(), received, edges.stringsFinalized());
    }, 10);
  }, 1);
}
