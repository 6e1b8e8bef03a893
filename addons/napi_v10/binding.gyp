{
  "targets": [
    { "target_name": "napi_v10", "sources": ["napi_v10.c"] }
  ]
}
