{
  "targets": [
    { "target_name": "napi_node24", "sources": ["napi_node24.c"], "include_dirs": ["../common"] }
  ]
}
