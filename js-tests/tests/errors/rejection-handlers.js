// 'unhandledRejection' listeners, late handlers, and handled rejections.
process.on('unhandledRejection', (reason, promise) => {
  console.log('unhandledRejection:', reason instanceof Error ? reason.message : reason, promise instanceof Promise);
});
Promise.reject(new Error('first'));
const late = Promise.reject(new Error('handled in a tick'));
process.nextTick(() => late.catch((e) => console.log('late catch', e.message)));
Promise.reject(2).catch((v) => console.log('caught', v));
(async () => {
  throw new Error('async fn');
})();
setTimeout(() => console.log('done'), 5);
