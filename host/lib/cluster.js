'use strict';
// cluster: a primary forks workers (child_process.fork with NODE_UNIQUE_ID) that share its
// servers; see internal/cluster/primary and internal/cluster/child.

const childOrPrimary = Object.hasOwn(process.env, 'NODE_UNIQUE_ID') ? 'child' : 'primary';
module.exports = require(`internal/cluster/${childOrPrimary}`);
