// A shared library that is not a Node-API module: it registers nothing.
int not_an_addon(void) { return 42; }
