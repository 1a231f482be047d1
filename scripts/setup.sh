#!/usr/bin/env bash
# Installs what building and testing blast needs and is missing: Graphviz's library and
# headers (libgraphviz-dev), its command-line tools (graphviz) and the jemalloc allocator
# (libjemalloc-dev), from Debian's packages.
set -euo pipefail

missing=()
pkg-config --exists libgvc 2>/dev/null || missing+=(libgraphviz-dev)
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
pkg-config --exists jemalloc 2>/dev/null || missing+=(libjemalloc-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)

if ((${#missing[@]} > 0)); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    sudo="sudo"
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "setup: swift is not on PATH; install Swift 6.3 or newer and try again" >&2
  exit 69
fi
