#!/usr/bin/python3
"""Write test/fixtures/shap/xgb_classifier_rows.parquet: the rows of xgb_classifier.json as a Parquet file.

Debian has no Parquet library for Python, so this writes the format directly: one row group, one uncompressed PLAIN
data page per column, metadata in Thrift's compact protocol (github.com/apache/parquet-format, parquet.thrift). The
columns: `id` (INT64, required), the five features x0..x4 (DOUBLE, optional: missing values are nulls) in reverse
order, `extra` (DOUBLE with nulls) and `note` (UTF8 text), so a reader must match features by name and skip text columns it was not asked for.

    /usr/bin/python3 scripts/makeParquetFixture.py
"""
import json
import struct
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "test" / "fixtures" / "shap"

# Thrift compact protocol type ids.
I32, I64, BINARY, LIST, STRUCT = 5, 6, 8, 9, 12


def varint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def zigzag(n):
    return varint((n << 1) ^ (n >> 63))


def struct_(fields):
    """fields: (id, type, value) in increasing id order; value is int, bytes/str, list (type, items) or nested fields."""
    out = bytearray()
    last = 0
    for fid, ftype, value in fields:
        out.append(((fid - last) << 4) | ftype)
        last = fid
        out += encode(ftype, value)
    out.append(0)
    return bytes(out)


def encode(ftype, value):
    if ftype in (I32, I64):
        return zigzag(value)
    if ftype == BINARY:
        data = value.encode() if isinstance(value, str) else value
        return varint(len(data)) + data
    if ftype == STRUCT:
        return struct_(value)
    if ftype == LIST:
        etype, items = value
        return bytes([(len(items) << 4) | etype]) + b"".join(encode(etype, v) for v in items)
    raise ValueError(ftype)


def definition_levels(present):
    """RLE runs of 0/1 definition levels (bit width 1), with the 4-byte length prefix of data page v1."""
    runs = bytearray()
    i = 0
    while i < len(present):
        j = i
        while j < len(present) and present[j] == present[i]:
            j += 1
        runs += varint((j - i) << 1) + bytes([1 if present[i] else 0])
        i = j
    return struct.pack("<I", len(runs)) + bytes(runs)


def main():
    ref = json.loads((FIXTURES / "xgb_classifier.json").read_text())
    rows = ref["rows"]
    n = len(rows)
    # (name, parquet type, repetition, converted type or None, page bytes)
    columns = [("id", 2, 0, None, b"".join(struct.pack("<q", 100 + i) for i in range(n)))]
    for f in reversed(range(len(ref["features"]))):
        values = [r[f] for r in rows]
        page = definition_levels([v is not None for v in values]) + b"".join(struct.pack("<d", v) for v in values if v is not None)
        columns.append((ref["features"][f], 5, 1, None, page))
    # An optional column with nulls, which readers must turn into missing values (NaN).
    extra = [1.5 if i % 3 == 0 else None for i in range(n)]
    columns.append(("extra", 5, 1, None, definition_levels([v is not None for v in extra]) +
                    b"".join(struct.pack("<d", v) for v in extra if v is not None)))
    notes = [f"row {i}, checked" for i in range(n)]
    columns.append(("note", 6, 0, 0, b"".join(struct.pack("<I", len(s)) + s.encode() for s in notes)))

    body = bytearray(b"PAR1")
    chunks = []
    for name, ptype, _, _, page in columns:
        header = struct_([(1, I32, 0), (2, I32, len(page)), (3, I32, len(page)),
                          (5, STRUCT, [(1, I32, n), (2, I32, 0), (3, I32, 3), (4, I32, 3)])])
        offset = len(body)
        body += header + page
        size = len(header) + len(page)
        chunks.append([(2, I64, offset), (3, STRUCT, [
            (1, I32, ptype), (2, LIST, (I32, [0, 3])), (3, LIST, (BINARY, [name])), (4, I32, 0),
            (5, I64, n), (6, I64, size), (7, I64, size), (9, I64, offset)])])
    schema = [[(4, BINARY, "schema"), (5, I32, len(columns))]]
    for name, ptype, repetition, converted, _ in columns:
        element = [(1, I32, ptype), (3, I32, repetition), (4, BINARY, name)]
        if converted is not None:
            element.append((6, I32, converted))
        schema.append(element)
    metadata = struct_([
        (1, I32, 1), (2, LIST, (STRUCT, schema)), (3, I64, n),
        (4, LIST, (STRUCT, [[(1, LIST, (STRUCT, chunks)), (2, I64, len(body) - 4), (3, I64, n)]])),
        (6, BINARY, "preflight makeParquetFixture.py")])
    body += metadata + struct.pack("<I", len(metadata)) + b"PAR1"
    out = FIXTURES / "xgb_classifier_rows.parquet"
    out.write_bytes(bytes(body))
    print(f"wrote {out} ({len(body)} bytes, {n} rows, {len(columns)} columns)")


if __name__ == "__main__":
    main()
