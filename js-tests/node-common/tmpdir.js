'use strict';
// A fresh temporary directory per test process.
const fs = require('fs');
const path = require('path');

const tmpPath = path.join(__dirname, '..', '.tmp', `${process.pid}`);

module.exports = {
  path: tmpPath,
  refresh() {
    fs.rmSync(tmpPath, { recursive: true, force: true });
    fs.mkdirSync(tmpPath, { recursive: true });
  },
  resolve(...paths) {
    return path.resolve(tmpPath, ...paths);
  },
  hasEnoughSpace() {
    return true;
  },
};
