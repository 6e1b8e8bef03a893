{
  "targets": [
    { "target_name": "no_register", "sources": ["no_register.c"] }
  ]
}
