// Functions, constructors, instanceof, classes with methods, accessors and statics, wrap.
// Flags: --expose-gc
const { addon, withoutStacks, log } = require('../../common');
const areas = addon('napi_areas');
log(withoutStacks(areas.functions(() => { throw new RangeError('callback threw'); })));
const Point = areas.definePoint();
const p = new Point(3, 4);
log(Point.name, typeof Point, p instanceof Point, p.lengthSquared(), p.x);
p.x = 6;
log(p.x, p.lengthSquared(), Object.keys(Point), Point.dimensions, Point.origin().lengthSquared());
log(Object.getOwnPropertyNames(Point.prototype).sort(), Object.getOwnPropertyDescriptor(Point.prototype, 'x').enumerable);
try {
  Point.prototype.lengthSquared.call({});
} catch (err) {
  log('method on a foreign receiver:', err.constructor.name);
}
log('unwrap after remove_wrap:', areas.detachPoint(new Point(1, 1)));

// Wrapping: class instances (subclasses too) and any other object, seen by every addon.
class SubPoint extends Point {}
const sub = new SubPoint(1, 2);
log('subclass instance:', sub instanceof Point, sub.lengthSquared(), areas.unwrapStatus(sub));
const detached = new Point(0, 0);
areas.detachPoint(detached);
const targets = {
  'class instance after remove_wrap': detached,
  'plain object': {},
  function: function named() {},
  'array buffer': new ArrayBuffer(8),
  'typed array': new Uint8Array(4),
  proxy: new Proxy({}, {}),
  number: 5,
};
for (const [label, target] of Object.entries(targets)) log(label, areas.wrapSteps(target));
const bench = addon('bench');
log('another addon unwraps:', areas.unwrapStatus(new bench.Counter()), areas.unwrapStatus(Object.create(Point.prototype)));
