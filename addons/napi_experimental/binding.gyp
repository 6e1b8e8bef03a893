{
  "targets": [
    { "target_name": "napi_experimental", "sources": ["napi_experimental.c"], "include_dirs": ["../common"] }
  ]
}
