'use strict';
// The FileHandle class (defined in fs.js) under the name transferred FileHandles carry in
// their messages ('internal/fs/promises:FileHandle').

require('fs');
module.exports = { FileHandle: internals.FileHandle };
