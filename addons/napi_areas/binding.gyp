{
  "targets": [
    { "target_name": "napi_areas", "sources": ["napi_areas.c"], "include_dirs": ["../common"] }
  ]
}
