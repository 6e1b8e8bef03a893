{
  "targets": [
    { "target_name": "stress", "sources": ["stress.c"], "include_dirs": ["../common"] }
  ]
}
