// libuv timers an addon starts and unrefs fire on time while something else keeps the loop
// alive (here JS timers, which under node are libuv timers themselves), in due order with the
// JS timers; once nothing keeps the loop alive the process exits without waiting for them.
const { addon } = require('../../common');
const basics = addon('napi_basics');

const order = [];
basics.unrefTimers([20, 300], (delay) => order.push(`libuv ${delay}`));
setTimeout(() => order.push('js 150'), 150);
setTimeout(() => {
  order.push('js 450');
  basics.unrefTimers([2000], (delay) => console.log(`never: libuv ${delay}`));
}, 450);
process.on('exit', () => console.log(order.join(', ')));
