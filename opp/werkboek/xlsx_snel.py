"""Cut simple rows out of a sheet's XML before lxml sees it (the fast path of xlsx_stroom.py).

lxml builds a Python object for every element, which is most of a streamed read's time. So a sheet's XML is read
in chunks and, inside <sheetData>, a row whose cells are all simple (the shapes spreadsheet programs write, see
xlsx_stroom._CUT_CELL) has its cells taken by a regular expression and cut out of what lxml is fed. lxml still
parses everything else, row tags included, so it still checks the whole document:
- a row whose tag starts `<row r="123"` (how Excel, LibreOffice and openpyxl write it) is fed as an empty
  element of another name, `<_ r="123" .../>`: its attributes checked as before, but no Python object made;
  the row number is read from the tag here (a tag of only `<row r="123">`, well-formed as it is, is not fed);
- another row with simple cells is fed as `<row ...></row>` (lxml gives its attributes);
- any other row is fed whole and read by lxml as before.

Why the result is the same (well-formed exactly when the original is, the same rows in the same order):
- Simple cells are well-formed content (the grammar admits nothing else: unprefixed elements nested right, each
  attribute once, no character or reference XML forbids, UTF-8 checked), so removing them from a row, or
  renaming an element that then holds nothing, keeps a document well-formed and ill-formed alike; so does
  leaving out a row that is well-formed whole (between rows there is only whitespace: no text joins up).
- Cutting starts only after lxml has reported the start of <sheetData> for exactly the bytes of its start tag
  (so the tag is not inside a comment, CDATA or processing instruction), and goes on only while what follows
  is a row or whitespace. Anything else (a comment, an element that is not a row, </sheetData>, a row too long
  to hold) ends cutting for the rest of the part: lxml then reads it all, as it always did.
- A row is taken to end at the first `</row>` only when its content is simple, or holds no comment, CDATA,
  processing instruction or other row tag (else cutting ends). So each row lxml reports while cutting is one
  row fed here: rows wait in document order and lxml's row events are paired with them in that order.

Only the standard library: xlsx_stroom.py passes the lxml parser and the cell reader in (and loads this file by
path in the parse helper, which imports nothing of opp).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterator
from typing import IO, Any

READ = 1 << 16  # bytes of XML read at a time (zipfile unpacks this much)
LONGEST_ROW = 1 << 24  # a row longer than this is not held to be cut: the rest of the part goes to lxml whole

_S = rb"[ \t\r\n]"  # XML whitespace (re's \s also takes \f and \v, which XML forbids)
# A row's start tag, or a whole empty row: its attributes (group 2) taken whole, so a ">" in a value does not end
# the tag; `r` when it is the first attribute and a plain number (group 3); "/" when the row is empty (group 4).
_ROW_TAG = re.compile(_S + rb"*(<row)((?: r=\"([1-9][0-9]{0,8})\")?(?:" + _S + rb"+[^ \t\r\n=<>/\"']+" + _S
                      + rb"*=" + _S + rb"*(?:\"[^\"<]*\"|'[^'<]*'))*" + _S + rb"*)(/?)>")
_SPACE = re.compile(_S + rb"*")
_ROW_START = re.compile(_S + rb"*(<row[ \t\r\n/>])")
_ROW_END = re.compile(rb"</row" + _S + rb"*>")
_ANY_ROW_START = re.compile(rb"<(?:[^ \t\r\n<>/!?=:\"']+:)?row[ \t\r\n/>]")
_SHEET_DATA = re.compile(rb"<sheetData(?:" + _S + rb"[^<>]*)?(?<!/)>")
_ENCODING = re.compile(rb"^(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding" + _S + rb"*=" + _S + rb"*[\"']([^\"']*)[\"']")

BEFORE, CUTTING, WHOLE = 0, 1, 2


class CutRows:
    """A sheet part's rows in order, in lists (a chunk's at a time), each as [lxml element, r, simple cells,
    values] (None where not known): a
    row cut whole comes as [None, its r, None, its values]; one whose cells were cut as [element, None, cells,
    None]; a row lxml read whole as [element, None, None, None].

    `parser` is an lxml XMLPullParser for start and end events of {*}sheetData and {*}row; `head` the part's
    first bytes (checked for a DTD by the caller), `rest` the part from there; `simple` gives, for row contents,
    each one's cells or None when they are not all simple, `values` a row's values from its cells and r;
    `cut` False feeds it all to lxml (the reference the tests compare with). `sheet_data` is the <sheetData>
    element once cutting started, `root` the root element after the iteration."""

    def __init__(self, parser: Any, head: bytes, rest: IO[bytes], simple: Callable[[list[bytes]], list],
                 values: Callable[[Any, str], list], cut: bool = True):
        self._parser, self._head, self._rest, self._cut = parser, head, rest, cut
        self._simple, self._values = simple, values
        self._rows: deque[Any] = deque()  # rows fed, in order (a list: one that waits for its event)
        self._waiting: deque[list] = deque()  # those waiting, in order
        self.sheet_data: Any = None
        self.root: Any = None
        self.cut = 0  # rows whose cells were cut (for the tests: the fast path is really taken)

    def __iter__(self) -> Iterator[list]:
        buf, mode = self._head, BEFORE if self._cut and _utf8(self._head) else WHOLE
        end = False
        rows = self._rows
        while True:
            if not end:
                data = self._rest.read(READ)
                end = not data
                buf += data
            if mode == BEFORE:
                buf, mode = self._before(buf, end)
            if mode == CUTTING:
                buf, mode = self._cutting(buf, end)
            if mode == WHOLE and buf:
                self._feed(buf)
                buf = b""
            if rows:
                yield self._ready()
            if end:
                break
        if buf:
            self._feed(buf)
        self.root = self._parser.close()
        self._events()
        if self._waiting:  # cannot happen (see the module docstring); refuse rather than pair rows wrongly
            raise ValueError("rijen en hun cellen lopen niet gelijk")
        if rows:
            yield self._ready()

    def _ready(self) -> list:
        """The rows that are ready (that have their element or their r), in order."""
        rows = self._rows
        if not self._waiting:  # the usual: all
            ready = list(rows)
            rows.clear()
            return ready
        ready = []
        while rows and (rows[0][0] is not None or rows[0][1] is not None):
            ready.append(rows.popleft())
        return ready

    def _feed(self, data: bytes) -> None:
        if data:
            self._parser.feed(data)
            self._events()

    def _events(self) -> None:
        rows, waiting = self._rows, self._waiting
        for event, element in self._parser.read_events():  # only rows and sheetData: the tag ends the one way
            if event == "end":
                if element.tag[-3:] == "row":
                    if waiting:
                        waiting.popleft()[0] = element
                    else:
                        rows.append([element, None, None, None])
            elif element.tag[-9:] == "sheetData":
                self.sheet_data = element

    def _before(self, buf: bytes, end: bool) -> tuple[bytes, int]:
        """Up to <sheetData>: fed whole; cutting starts when lxml reports that very start tag."""
        while True:
            at = buf.find(b"<sheetData")
            if at < 0:
                keep = 0 if end else len(b"<sheetData") - 1  # the tag may be split between two chunks
                self._feed(buf[:len(buf) - keep])
                return buf[len(buf) - keep:], BEFORE
            match = _SHEET_DATA.match(buf, at)
            if match is not None:
                break
            if not end and buf.find(b">", at) < 0 and len(buf) - at < 4096:
                self._feed(buf[:at])
                return buf[at:], BEFORE  # the start tag is not all here yet
            self._feed(buf[:at + 1])  # not the start tag (<sheetData/>, <sheetDataX>): look further
            buf = buf[at + 1:]
        self._feed(buf[:at])
        self.sheet_data = None
        self._feed(buf[at:match.end()])  # alone: its start event proves it is a start tag in content
        if self.sheet_data is None or self._waiting:
            return buf[match.end():], WHOLE
        return buf[match.end():], CUTTING

    def _cutting(self, buf: bytes, end: bool) -> tuple[bytes, int]:
        """Rows while they come: cut when their cells are simple, else fed whole."""
        pieces: list[bytes] = []
        rows, waiting = self._rows, self._waiting
        p, n = 0, len(buf)
        row_tag, find, simple, read = _ROW_TAG.match, buf.find, self._simple, self._values
        mode = CUTTING
        cut = 0
        while True:
            # The rows here, each a start tag (or an empty row) and its content up to the first </row>; their
            # cells taken all at once (one regular expression over many rows is twice as fast as one a row).
            found: list[tuple[int, int, int, bytes, bytes | None]] = []
            contents: list[bytes] = []
            while p < n:
                m = row_tag(buf, p)
                if m is None:
                    break
                tag_end = m.end()
                attributes, r, empty = m.group(2, 3, 4)
                close = -1 if empty else find(b"</row>", tag_end)
                if close < 0 and not empty:
                    break  # the row is not all here yet
                found.append((p, tag_end, close, attributes, r))
                if empty:
                    p = tag_end
                else:
                    contents.append(buf[tag_end:close])
                    p = close + 6
            cells_of = simple(contents) if contents else []
            k = 0
            for start, tag_end, close, attributes, r in found:
                if close < 0:  # <row .../>: no cells
                    if r is not None:
                        if len(attributes) != len(r) + 5:  # more than r="...": see below
                            pieces.append(b"<_" + attributes + b"/>")
                        rows.append((None, r.decode(), None, []))
                    else:
                        pieces.append(buf[start:tag_end])
                        row = [None, None, None, None]
                        rows.append(row)
                        waiting.append(row)
                    continue
                cells, content = cells_of[k], contents[k]
                k += 1
                if cells is not None:
                    cut += 1
                    if r is not None:  # the row number is known: lxml checks the tag, renamed, and no more
                        if len(attributes) != len(r) + 5:  # `<row r="12">` alone is well-formed: not fed at all
                            pieces.append(b"<_" + attributes + b"/>")  # (the space before it: not needed)
                        number = r.decode()
                        rows.append((None, number, None, read(cells, number)))
                    else:
                        pieces.append(buf[start:tag_end] + b"</row>")
                        row = [None, None, cells, None]
                        rows.append(row)
                        waiting.append(row)
                elif b"<!" in content or b"<?" in content or _ANY_ROW_START.search(content):
                    mode = WHOLE  # a comment, CDATA or a row inside: its first </row> may not end it
                    p = start
                    break
                else:
                    pieces.append(buf[start:close + 6])  # not simple: lxml reads it
                    row = [None, None, None, None]
                    rows.append(row)
                    waiting.append(row)
            if mode == WHOLE or p >= n:
                break
            # What stopped the rows above: a row not all here yet, an unusual start tag, or no row.
            if row_tag(buf, p) is not None:
                if end or n - p > LONGEST_ROW:
                    mode = WHOLE
                break
            m = _ROW_START.match(buf, p)
            if m is not None:  # a start tag that is not simple (a "<" in a value, ...): fed whole with its row
                close_tag = _ROW_END.search(buf, m.start(1))
                if close_tag is None:
                    if end or n - p > LONGEST_ROW:
                        mode = WHOLE
                    break
                whole = buf[m.start(1):close_tag.end()]
                if b"<!" in whole or b"<?" in whole or len(_ANY_ROW_START.findall(whole)) != 1:
                    mode = WHOLE
                    break
                pieces.append(buf[p:close_tag.end()])
                row = [None, None, None, None]
                rows.append(row)
                waiting.append(row)
                p = close_tag.end()
                continue
            q = _SPACE.match(buf, p).end()  # type: ignore[union-attr]  # (it matches "" at least)
            if end or not (q == n or (n - q < 5 and b"<row".startswith(buf[q:]))) or n - p > LONGEST_ROW:
                mode = WHOLE  # not a row: </sheetData>, or something no spreadsheet program writes here
            break  # else the next row has not all come yet
        self.cut += cut
        self._feed(b"".join(pieces))
        if self.sheet_data is not None:
            del self.sheet_data[:]  # rows fed are done with (lxml stands between two rows: all fed were whole)
        return buf[p:], mode


def _utf8(head: bytes) -> bool:
    """The part is UTF-8 (the cut contents are decoded so): no other encoding declared, no UTF-16 mark."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    match = _ENCODING.match(head)
    return match is None or match.group(1).lower() in (b"utf-8", b"utf8")
