#!/bin/sh
# Installs yaml-language-server into tools/.yaml-ls (git-ignored) for the editor test tests/test_yaml_ls.py.
# A development tool only: the game never needs it. 1.25.0 is the last release that runs on Node 20 (2.x wants 22).
set -e
cd "$(dirname "$0")"
VERSION=1.25.0
npm install --prefix .yaml-ls --no-audit --no-fund --loglevel=error "yaml-language-server@$VERSION"
echo "installed: $(pwd)/.yaml-ls/node_modules/.bin/yaml-language-server ($VERSION)"
