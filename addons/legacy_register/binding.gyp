{
  "targets": [
    { "target_name": "legacy_register", "sources": ["legacy_register.c"] }
  ]
}
