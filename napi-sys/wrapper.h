/* Everything napi-sys declares: the stable Node-API up to version 10. */
#define NAPI_VERSION 10
#include <node_api.h>
