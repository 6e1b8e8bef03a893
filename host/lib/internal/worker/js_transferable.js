'use strict';
// How builtins' objects go into messages and structuredClone (node's JS transferables): an
// object marked cloneable gives `{ data, deserializeInfo }` from its [kClone](), one marked
// transferable (and in the transfer list) from its [kTransfer]() after its
// [kTransferList]() named the ports it moves through; the receiving side makes
// `new Class()` of deserializeInfo's 'module:Class' and hands `data` to its [kDeserialize].

const workerBinding = binding.worker();
const {
  messaging_clone_symbol: kClone,
  messaging_transfer_symbol: kTransfer,
  messaging_transfer_list_symbol: kTransferList,
  messaging_deserialize_symbol: kDeserialize,
} = workerBinding.messagingSymbols();

function markTransferMode(object, cloneable = false, transferable = false) {
  if ((typeof object !== 'object' && typeof object !== 'function') || object === null) return;
  workerBinding.markTransferMode(object, cloneable, transferable);
}

module.exports = { kClone, kTransfer, kTransferList, kDeserialize, markTransferMode };
