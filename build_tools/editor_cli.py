"""Editor commands of `python -m build_tools`: fix-nfc (and new, once progress exists).

These are the only commands besides `import` that write into content/.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from build_tools import generic
from build_tools.paths import Paths


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the editor commands to the `python -m build_tools` parser."""
    fix = sub.add_parser("fix-nfc", help="chuẩn hóa chữ tiếng Việt (Unicode NFC) trong tệp")
    fix.add_argument("files", nargs="+", metavar="TỆP", help="tệp cần chuẩn hóa")
    fix.set_defaults(func=_fix_nfc)


def _fix_nfc(args: argparse.Namespace) -> int:
    paths = Paths()
    status = 0
    for name in args.files:
        file = Path(name)
        if not file.is_file():
            print(f"{name}: không tìm thấy tệp — kiểm tra lại đường dẫn")
            status = 1
            continue
        changed = generic.fix_nfc(file)
        shown = paths.rel(file.absolute())
        if changed:
            print(f"{shown}: đã chuẩn hóa NFC ({changed} dòng được sửa).")
        else:
            print(f"{shown}: đã ở dạng chuẩn NFC, không cần sửa.")
    return status
