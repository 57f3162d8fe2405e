#!/usr/bin/env bash
# Tests the pre-commit hook for real: installs pre-commit from PyPI, makes a
# throw-away git repository that uses this repository's hook (at its HEAD
# commit), and checks that a good article commits and a bad one is blocked.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
REV=$(git -C "$ROOT" rev-parse HEAD)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet pre-commit
export PRE_COMMIT_HOME="$WORK/cache"
export PATH="$WORK/venv/bin:$PATH"

REPO="$WORK/site"
mkdir -p "$REPO/content/posts"
cd "$REPO"
git init --quiet
git config user.name "repere test"
git config user.email "test@example.invalid"
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $ROOT
    rev: $REV
    hooks:
      - id: repere
YAML
pre-commit install >/dev/null

article() { # $1: pillar
  cat <<MD
---
author: [Camille Martin]
title: "Changer de poste sans se perdre"
date: 2025-02-07
description: "Quitter un poste stable pour un rôle inconnu fait peur. Trois questions simples aident à décider sans se raconter d'histoires, ni dans un sens ni dans l'autre."
categories: [carriere]
series: [Carrière]
tags: [carriere]
ShowToc: true
TocOpen: false
pillar: $1
pillars: [trouver-sa-place]
audience: jeunesse-tech
audiences: [jeunesse-tech]
---

## Dédramatisation

Changer de poste arrive à tout le monde, et rarement au meilleur moment.

## Le réel (sans filtre)

Les premiers mois dans un rôle inconnu sont inconfortables pour presque tous.

## Repères clairs

Trois questions aident : qu'est-ce que j'apprends, avec qui, et à quel prix.

## Erreurs classiques

Partir pour fuir une équipe plutôt que pour rejoindre un projet.

## Message de responsabilité

La décision vous appartient, avec ses conséquences.

## Pour aller plus loin

Les autres articles de la série Carrière prolongent cette réflexion.
MD
}

git add .pre-commit-config.yaml
git commit --quiet --no-verify -m "config"

article trouver-sa-place > content/posts/2025-02-07-changer-de-poste.md
git add content/posts/2025-02-07-changer-de-poste.md
if ! git commit --quiet -m "good article" >"$WORK/good.log" 2>&1; then
  cat "$WORK/good.log"
  echo "FAIL: the good article was blocked"
  exit 1
fi

article role-cto > content/posts/2025-02-07-changer-de-poste.md
git add content/posts/2025-02-07-changer-de-poste.md
if git commit --quiet -m "bad article" >"$WORK/bad.log" 2>&1; then
  cat "$WORK/bad.log"
  echo "FAIL: the bad article was committed"
  exit 1
fi
grep -q "role-cto" "$WORK/bad.log" || { cat "$WORK/bad.log"; echo "FAIL: the hook did not say why"; exit 1; }
echo "pre-commit hook: 2 passed, 0 failed"
