'use strict';
// napi-rs 3's SharedReference: a class (LibraryView) holding a value borrowed from another
// class's instance (Reference::share_with), which it keeps alive.
const { addon, log } = require('../../common');
const { Library, LibraryView } = addon('napi_rs_style');

const library = new Library(['Dune', 'Emma']);
const view = library.view();
log(view instanceof LibraryView, view.titles());
// The library is reachable only through the view's shared reference.
const orphan = new Library(['Ulysses']).view();
log(orphan.titles());
log(new Library([]).view().titles());
