#!/usr/bin/env python3
"""Fill a Qt Linguist .ts file from a translation table, editing the XML safely.

usage: fill_ts.py FILE.ts TABLE.json [--english]

TABLE.json maps a source text to its translation: a string, or a list of numerus forms for a
message with numerus="yes". A key "<context>\\x04<source>" wins over the plain source for that
context. --english fills only numerus messages of an English .ts (callvia_en.ts) from the source
text itself: "(s)" dropped for the singular, "s" for the plural.

Entries that get a translation lose type="unfinished"; obsolete and vanished entries are removed.
Run lupdate afterwards (the update_translations target) to restore lupdate's own formatting.
Prints how many messages were filled and lists the sources it found no translation for.
"""
import json
import sys
import xml.etree.ElementTree as ET


def english_forms(source):
    return [source.replace("(s)", ""), source.replace("(s)", "s")]


def main():
    path, english = sys.argv[1], "--english" in sys.argv
    table = {} if english else json.load(open(sys.argv[2], encoding="utf-8"))
    tree = ET.parse(path)
    filled, missing = 0, []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in list(context.iter("message")):
            translation = message.find("translation")
            if translation.get("type") in ("obsolete", "vanished"):
                context.remove(message)
                continue
            source = message.findtext("source")
            numerus = message.get("numerus") == "yes"
            if english:
                value = english_forms(source) if numerus else None
            else:
                value = table.get(name + "\x04" + source, table.get(source))
            if value is None:
                if translation.get("type") == "unfinished":
                    missing.append((name, source))
                continue
            if numerus != isinstance(value, list):
                sys.exit("%s: numerus mismatch for %r" % (path, source))
            for child in list(translation):
                translation.remove(child)
            translation.text = None
            if numerus:
                for form in value:
                    ET.SubElement(translation, "numerusform").text = form
            else:
                translation.text = value
            translation.attrib.pop("type", None)
            filled += 1
        if not context.findall("message"):
            tree.getroot().remove(context)
    with open(path, "wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
        out.write(b"\n")
    print("%s: %d filled, %d without a translation" % (path, filled, len(missing)))
    for name, source in missing:
        print("  missing: %s: %r" % (name, source))


if __name__ == "__main__":
    main()
