{
  "targets": [
    {
      "target_name": "napi_fuzz",
      "sources": ["napi_fuzz.c"],
      "include_dirs": ["../common"],
      "defines": ["NAPI_VERSION=10"]
    }
  ]
}
