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
";
pub const NAME: &str = "2025-02-07-changer-de-poste.md";
