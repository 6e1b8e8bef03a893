{
  "targets": [
    { "target_name": "bench", "sources": ["bench.c"] }
  ]
}
