'use strict';
// A session of anode's own on this thread's V8 inspector, for the profilers node drives
// natively (coverage, CPU profiles): commands answer before post() returns.

const natives = binding.inspector();

class InternalSession {
  #id;
  #reply;

  constructor() {
    this.#id = natives.connect((text) => {
      const message = JSON.parse(text);
      if (message.id === 1) this.#reply = message.result;
    });
  }

  post(method, params = {}) {
    this.#reply = undefined;
    natives.dispatch(this.#id, JSON.stringify({ id: 1, method, params }));
    return this.#reply;
  }

  disconnect() {
    natives.disconnect(this.#id);
  }
}

module.exports = { InternalSession };
