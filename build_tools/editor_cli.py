"""Editor commands of `python -m build_tools`: fix-nfc and new.

These are the only commands besides `import` that write into content/.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from build_tools import generic, scaffold
from build_tools.config import build_day
from build_tools.paths import Paths


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the editor commands to the `python -m build_tools` parser."""
    fix = sub.add_parser("fix-nfc", help="chuẩn hóa chữ tiếng Việt (Unicode NFC) trong tệp")
    fix.add_argument("files", nargs="+", metavar="TỆP", help="tệp cần chuẩn hóa")
    fix.set_defaults(func=_fix_nfc)
    register_new(sub)


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


def register_new(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`new task|update|unit|indicator`: append a skeleton with the next free id."""
    new = sub.add_parser("new", help="thêm mẫu nhiệm vụ, báo cáo, đơn vị hoặc chỉ tiêu")
    kinds = new.add_subparsers(dest="kind", required=True, metavar="LOẠI")
    task = kinds.add_parser("task", help="thêm một nhiệm vụ của một văn bản")
    task.add_argument("document", metavar="MÃ_VĂN_BẢN", help="ví dụ chi-thi-01-ct-tu")
    task.add_argument("--neo", default="", help="neo của đoạn giao nhiệm vụ, ví dụ ii-3-1")
    task.add_argument("--id", default="", help="mã nhiệm vụ (mặc định: mã kế tiếp)")
    update = kinds.add_parser("update", help="ghi một báo cáo tiến độ, ngày hôm nay")
    update.add_argument("task", metavar="MÃ_NHIỆM_VỤ", help="ví dụ CT01-2")
    unit = kinds.add_parser("unit", help="thêm một đơn vị")
    unit.add_argument("name", metavar="TÊN", help='tên đầy đủ, ví dụ "Sở Tài chính"')
    unit.add_argument("--id", default="", help="mã đơn vị (mặc định: theo tên)")
    indicator = kinds.add_parser("indicator", help="thêm một chỉ tiêu")
    indicator.add_argument("group", metavar="TỆP", help="tên tệp trong content/tien-do/chi-tieu/")
    indicator.add_argument("--id", default="", help="mã chỉ tiêu (mặc định: mã kế tiếp)")
    new.set_defaults(func=_new)


def _new(args: argparse.Namespace, today: scaffold.Today = build_day) -> int:
    try:
        added = _add(Paths(), args, today)
    except scaffold.ScaffoldError as exc:
        print(f"Không thêm được: {exc}", file=sys.stderr)
        return 1
    print(
        f"Đã thêm {added.kind} {added.ident} vào {Paths().rel(added.file)}, từ dòng {added.line}.\n"
        'Mở tệp, điền các trường đang để trống (""), rồi chạy: python -m build_tools check'
    )
    return 0


def _add(paths: Paths, args: argparse.Namespace, today: scaffold.Today) -> scaffold.Added:
    if args.kind == "task":
        return scaffold.new_task(paths, args.document, args.neo, args.id)
    if args.kind == "update":
        return scaffold.new_update(paths, args.task, today)
    if args.kind == "unit":
        return scaffold.new_unit(paths, args.name, args.id)
    return scaffold.new_indicator(paths, args.group, args.id)
