'use strict';
// --trace-sigint and util.setTraceSigInt(): SIGINT prints where the program was and ends it
// (host/src/runtime/signals.rs), while no 'SIGINT' listener of the program's takes the signal.

const { workerUnsupported } = require('internal/process/per_thread');

const signals = binding.signals();

// Node's SigintWatchdog: the native watchdog runs only while process has no 'SIGINT'
// listener; it stops before a listener's signal watcher starts, and starts again after the
// last one's stopped.
class SigintWatchdog {
  #started = false;
  #effective = false;

  #onNewListener = (event) => {
    if (event === 'SIGINT' && this.#effective) {
      signals.traceSigintStop();
      this.#effective = false;
    }
  };

  #onRemoveListener = (event) => {
    if (event === 'SIGINT' && process.listenerCount('SIGINT') === 0 && !this.#effective) {
      signals.traceSigintStart();
      this.#effective = true;
    }
  };

  start() {
    if (this.#started) return;
    this.#started = true;
    process.prependListener('newListener', this.#onNewListener);
    process.addListener('removeListener', this.#onRemoveListener);
    if (process.listenerCount('SIGINT') === 0) {
      signals.traceSigintStart();
      this.#effective = true;
    }
  }

  stop() {
    if (!this.#started) return;
    this.#started = false;
    process.removeListener('newListener', this.#onNewListener);
    process.removeListener('removeListener', this.#onRemoveListener);
    if (this.#effective) {
      signals.traceSigintStop();
      this.#effective = false;
    }
  }
}

let watchdog;

function setTraceSigInt(enable) {
  if (!require('worker_threads').isMainThread) throw workerUnsupported('Calling util.setTraceSigInt');
  watchdog ??= new SigintWatchdog();
  if (enable) {
    watchdog.start();
  } else {
    watchdog.stop();
  }
}

module.exports = { setTraceSigInt };
