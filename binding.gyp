{
  "targets": [
    {
      "target_name": "fastscan",
      "conditions": [
        ["OS!='win'", { "sources": ["native/fastscan.c"], "cflags": ["-O2", "-Wall"] }]
      ]
    }
  ]
}
