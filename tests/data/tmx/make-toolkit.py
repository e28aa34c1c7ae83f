"""Writes toolkit.tmx: a memory written by translate-toolkit (its tmx storage,
as pot2tmx and the tools built on it write one), for the round-trip tests.

    target/ci-venv/bin/python tests/data/tmx/make-toolkit.py tests/data/tmx/toolkit.tmx
"""
import sys

from translate.storage import tmx

store = tmx.tmxfile(sourcelanguage="de-DE", targetlanguage="fr-FR")
pairs = [
    ("Die Sitzung beginnt um 9.30 Uhr.", "La séance commence à 9 h 30."),
    ("Bitte „Speichern“ & <Enter> drücken.", "Appuyez sur « Enregistrer » & <Entrée>."),
    ("Zeile eins\nZeile zwei", "Ligne un\nLigne deux"),
]
for source, target in pairs:
    unit = store.addsourceunit(source)
    unit.target = target
store.units[0].addnote("Vom Übersetzer geprüft", origin="translator")
with open(sys.argv[1], "wb") as out:
    store.serialize(out)
