{
  "targets": [
    { "target_name": "stress", "sources": ["stress.c"] }
  ]
}
