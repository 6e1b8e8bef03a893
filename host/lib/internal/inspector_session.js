'use strict';
// A session of anode's own on this thread's V8 inspector, for the profilers node drives
// natively (coverage, CPU and heap profiles): post() returns the reply ({ id, result } or
// { id, error }).

const natives = binding.inspector();

class InternalSession {
  #id;
  #nextId = 1;
  #reply;

  constructor() {
    this.#id = natives.connect((text) => {
      const message = JSON.parse(text);
      if (message.id !== undefined) this.#reply = message;
    });
  }

  post(method, params = {}) {
    this.#reply = undefined;
    natives.dispatch(this.#id, JSON.stringify({ id: this.#nextId++, method, params }));
    return this.#reply;
  }

  disconnect() {
    natives.disconnect(this.#id);
  }
}

module.exports = { InternalSession };
