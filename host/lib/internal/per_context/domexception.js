'use strict';
// DOMException (WebIDL): an Error object (Error.isError holds, the stack is V8's) whose name,
// message and code live behind the prototype's getters; structuredClone copies its name,
// message and stack, never a subclass or own properties.

const { kClone, kDeserialize, markTransferMode } = require('internal/worker/js_transferable');

const { captureStackTrace } = Error;

// name and message of each DOMException.
const fields = new WeakMap();

// The legacy codes, by name (names WebIDL has since dropped keep their constants but code 0).
const legacyCodes = [
  ['IndexSizeError', 'INDEX_SIZE_ERR', 1],
  ['DOMStringSizeError', 'DOMSTRING_SIZE_ERR', 2],
  ['HierarchyRequestError', 'HIERARCHY_REQUEST_ERR', 3],
  ['WrongDocumentError', 'WRONG_DOCUMENT_ERR', 4],
  ['InvalidCharacterError', 'INVALID_CHARACTER_ERR', 5],
  ['NoDataAllowedError', 'NO_DATA_ALLOWED_ERR', 6],
  ['NoModificationAllowedError', 'NO_MODIFICATION_ALLOWED_ERR', 7],
  ['NotFoundError', 'NOT_FOUND_ERR', 8],
  ['NotSupportedError', 'NOT_SUPPORTED_ERR', 9],
  ['InUseAttributeError', 'INUSE_ATTRIBUTE_ERR', 10],
  ['InvalidStateError', 'INVALID_STATE_ERR', 11],
  ['SyntaxError', 'SYNTAX_ERR', 12],
  ['InvalidModificationError', 'INVALID_MODIFICATION_ERR', 13],
  ['NamespaceError', 'NAMESPACE_ERR', 14],
  ['InvalidAccessError', 'INVALID_ACCESS_ERR', 15],
  ['ValidationError', 'VALIDATION_ERR', 16],
  ['TypeMismatchError', 'TYPE_MISMATCH_ERR', 17],
  ['SecurityError', 'SECURITY_ERR', 18],
  ['NetworkError', 'NETWORK_ERR', 19],
  ['AbortError', 'ABORT_ERR', 20],
  ['URLMismatchError', 'URL_MISMATCH_ERR', 21],
  ['QuotaExceededError', 'QUOTA_EXCEEDED_ERR', 22],
  ['TimeoutError', 'TIMEOUT_ERR', 23],
  ['InvalidNodeTypeError', 'INVALID_NODE_TYPE_ERR', 24],
  ['DataCloneError', 'DATA_CLONE_ERR', 25],
];
const droppedNames = new Set(['DOMStringSizeError', 'NoDataAllowedError', 'ValidationError']);
const codeOfName = new Map(legacyCodes.filter(([name]) => !droppedNames.has(name)).map(([name, , code]) => [name, code]));

// Node's wording lacks "type": `Value of "this" must be of DOMException`.
function invalidThis() {
  const err = new TypeError('Value of "this" must be of DOMException');
  Object.defineProperty(err, 'toString', {
    value() {
      return `${this.name} [ERR_INVALID_THIS]: ${this.message}`;
    },
    writable: true,
    configurable: true,
  });
  err.code = 'ERR_INVALID_THIS';
  return err;
}

function fieldsOf(self) {
  const own = fields.get(self);
  if (own === undefined) throw invalidThis();
  return own;
}

// DOMException.prototype's prototype is Error.prototype, but DOMException's is Function's:
// the constructor makes an Error (for its [[ErrorData]]) and returns it re-prototyped.
class DOMException {
  constructor(message = '', options = 'Error') {
    // The message is an own property only while the stack is captured: V8 words the stack's
    // first line from own data properties.
    const self = new Error(`${message}`);
    Object.setPrototypeOf(self, new.target.prototype);
    markTransferMode(self, true, false);
    if (options !== null && typeof options === 'object') {
      fields.set(self, { message: `${message}`, name: `${options.name}` });
      if ('cause' in options) {
        Object.defineProperty(self, 'cause', { value: options.cause, writable: true, configurable: true });
      }
    } else {
      fields.set(self, { message: `${message}`, name: `${options}` });
    }
    // The stack's first line names the exception as it now is (`AbortError: message`).
    captureStackTrace(self);
    delete self.message;
    return self;
  }

  [kClone]() {
    const { message, name } = fieldsOf(this);
    return { data: { message, name, stack: this.stack }, deserializeInfo: 'internal/per_context/domexception:DOMException' };
  }

  [kDeserialize]({ message, name, stack }) {
    fields.set(this, { message, name });
    this.stack = stack;
  }

  get name() {
    return fieldsOf(this).name;
  }

  get message() {
    return fieldsOf(this).message;
  }

  get code() {
    return codeOfName.get(fieldsOf(this).name) ?? 0;
  }
}

Object.setPrototypeOf(DOMException.prototype, Error.prototype);
Object.defineProperties(DOMException.prototype, {
  [Symbol.toStringTag]: { value: 'DOMException', configurable: true },
  name: { enumerable: true, configurable: true },
  message: { enumerable: true, configurable: true },
  code: { enumerable: true, configurable: true },
});
for (const [, constant, code] of legacyCodes) {
  Object.defineProperty(DOMException, constant, { value: code, enumerable: true });
  Object.defineProperty(DOMException.prototype, constant, { value: code, enumerable: true });
}

module.exports = { DOMException };
