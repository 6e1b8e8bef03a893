// Timers that are refreshed and cleared many times (a socket's idle timeout re-armed per
// request): the ones left fire once, in deadline order; cleared ones never fire, and a
// refresh after clearTimeout does not bring a timer back. (Deadlines far apart: node reads the
// clock again at each setTimeout and refresh.)
const fired = [];
const first = setTimeout(() => fired.push('first'), 100);
const second = setTimeout(() => fired.push('second'), 300);
for (let i = 0; i < 500; i++) {
  const idle = setTimeout(() => fired.push('cleared idle timer'), 10);
  idle.refresh();
  idle.refresh();
  clearTimeout(idle);
}
for (let i = 0; i < 100; i++) first.refresh();
const cleared = setTimeout(() => fired.push('refreshed after clear'), 5);
clearTimeout(cleared);
cleared.refresh();
const many = [];
for (let i = 0; i < 1000; i++) many.push(setTimeout(() => fired.push(`kept ${i}`), 20));
for (let i = 0; i < 1000; i++) if (i % 250 !== 0) clearTimeout(many[i]);
let ticks = 0;
const interval = setInterval(() => {
  ticks++;
  interval.refresh();
  if (ticks === 3) clearInterval(interval);
}, 5);
setTimeout(() => {
  console.log(fired.join('\n'));
  console.log('interval ran', ticks, 'times');
}, 450);
