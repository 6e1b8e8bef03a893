{
  "targets": [
    { "target_name": "napi_edges", "sources": ["napi_edges.c"], "include_dirs": ["../common"] }
  ]
}
