{
  "targets": [
    { "target_name": "napi_basics", "sources": ["napi_basics.c"], "include_dirs": ["../common"] }
  ]
}
