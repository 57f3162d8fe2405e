//! Shared test material.
#![allow(dead_code)]

/// A complete, valid career article (our own text), named as the house rules want.
pub const ARTICLE: &str = "---
author:
  - Camille Martin
title: \"Changer de poste sans se perdre\"
date: 2025-02-07
slug: \"changer-de-poste\"
description: \"Quitter un poste stable pour un rôle inconnu fait peur. Trois questions simples aident à décider sans se raconter d'histoires, ni dans un sens ni dans l'autre.\"
categories:
  - carriere
series:
  - Carrière
tags:
  - carriere
ShowToc: true
TocOpen: false
pillar: trouver-sa-place
pillars:
  - trouver-sa-place
audience: jeunesse-tech
audiences:
  - jeunesse-tech
---

Une introduction.

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
";
pub const NAME: &str = "2025-02-07-changer-de-poste.md";

/// Copies a folder tree.
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            // Written anew, not copied with its mode: a copy of a
            // read-only source (`../shared`) is still the test's to fix.
            std::fs::write(&target, std::fs::read(entry.path()).unwrap()).unwrap();
        }
    }
}

/// Makes a FIFO at `path` (a reader of it would wait for a writer).
#[cfg(unix)]
pub fn mkfifo(path: &std::path::Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: `c` is a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}
