#!/usr/bin/env python3
"""Fills keystation_zh_CN.ts from translations/zh_CN.tsv (source<TAB>translation, "\\n" for line breaks) and
marks keystation_en.ts as finished (English is the source language). Run after `ninja ks_gui_lupdate`; prints
the sources still missing a translation."""
import os
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))


def load_table():
    table = {}
    with open(os.path.join(HERE, 'zh_CN.tsv'), encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            # A comment is a line starting with '#' and holding no tab: the source text "#" (a column
            # heading) has a translation like any other.
            if not line or (line.startswith('#') and '\t' not in line):
                continue
            source, _, target = line.partition('\t')
            table[source.replace('\\n', '\n')] = target.replace('\\n', '\n')
    return table


def fill(path, table):
    tree = ET.parse(path)
    missing = []
    for context in tree.getroot().findall('context'):
        for message in context.findall('message'):
            source = message.find('source').text or ''
            translation = message.find('translation')
            target = source if table is None else table.get(source)
            if target is None:
                missing.append(source)
                continue
            translation.attrib.pop('type', None)
            for child in list(translation):
                translation.remove(child)
            if message.get('numerus') == 'yes':
                translation.text = None
                form = ET.SubElement(translation, 'numerusform')
                form.text = target
            else:
                translation.text = target
    with open(path, 'wb') as f:
        f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(f, encoding='utf-8', xml_declaration=False)
        f.write(b'\n')
    return missing


if __name__ == '__main__':
    fill(os.path.join(HERE, 'keystation_en.ts'), None)
    missing = fill(os.path.join(HERE, 'keystation_zh_CN.ts'), load_table())
    for source in missing:
        print('missing:', source.replace('\n', '\\n'))
    sys.exit(1 if missing else 0)
