#!/usr/bin/env node
// The `microwasmd` command: the daemon's compiled entry.
import "../dist/main.js";
