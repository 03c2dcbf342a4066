{
  "targets": [
    {
      "target_name": "ristretto255",
      "sources": ["ristretto255.c"],
      "libraries": ["-lsodium"],
      "cflags": ["-O2", "-Wall", "-Wextra"]
    }
  ]
}
