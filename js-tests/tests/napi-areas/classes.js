// Functions, constructors, instanceof, classes with methods, accessors and statics, wrap.
// Flags: --expose-gc
const { addon, withoutStacks } = require('../../common');
const areas = addon('napi_areas');
console.log(withoutStacks(areas.functions(() => { throw new RangeError('callback threw'); })));
const Point = areas.definePoint();
const p = new Point(3, 4);
console.log(Point.name, typeof Point, p instanceof Point, p.lengthSquared(), p.x);
p.x = 6;
console.log(p.x, p.lengthSquared(), Object.keys(Point), Point.dimensions, Point.origin().lengthSquared());
console.log(Object.getOwnPropertyNames(Point.prototype).sort(), Object.getOwnPropertyDescriptor(Point.prototype, 'x').enumerable);
try {
  Point.prototype.lengthSquared.call({});
} catch (err) {
  console.log('method on a foreign receiver:', err.constructor.name);
}
console.log('unwrap after remove_wrap:', areas.detachPoint(new Point(1, 1)));
