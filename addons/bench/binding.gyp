{
  "targets": [
    { "target_name": "bench", "sources": ["bench.c"], "include_dirs": ["../common"] }
  ]
}
