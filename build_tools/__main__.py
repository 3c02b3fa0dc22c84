"""python -m build_tools {check,build,site,serve,clean,…}: the pipeline's commands."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

try:
    from build_tools import editor_cli, pipeline, write
    from build_tools.config import AS_OF_ENV, build_day
    from build_tools.documents.importer import ConvertError
    from build_tools.errors import ContentErrors
    from build_tools.paths import Paths
    from build_tools.progress import cards as share_cards
except ModuleNotFoundError as missing:  # run outside the project's virtualenv
    sys.exit(
        f"Thiếu thư viện “{missing.name}”: lệnh này phải chạy bằng Python của dự án — "
        "chạy `make check` một lần để tạo .venv, rồi dùng `.venv/bin/python -m build_tools "
        f"{' '.join(sys.argv[1:]) or '…'}` (hoặc `make import FILE=đường/dẫn/tệp`)"
    )


def _check(args: argparse.Namespace) -> int:
    notes: list[str] = []
    site = pipeline.check(Paths(), notes)
    print(
        f"Nội dung hợp lệ: {len(site.corpus.documents)} văn bản, "
        f"{len(site.progress.tasks)} nhiệm vụ; {'; '.join(notes)}."
    )
    return 0


def _build(args: argparse.Namespace) -> int:
    changed = pipeline.build(Paths())
    print(f"Đã tạo trang: {len(changed)} tệp thay đổi trong docs/.")
    return 0


def _site(args: argparse.Namespace) -> int:
    from build_tools.site import build_site

    out = build_site(Paths(), Path(args.out) if args.out else None, args.parts)
    print(f"Đã xây dựng trang web vào {out}.")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from build_tools.preview.app import serve

    return serve(args.port, args.debug)


def _clean(args: argparse.Namespace) -> int:
    paths = Paths()
    write.sync(paths.docs, {}, paths.manifest)
    paths.manifest.unlink(missing_ok=True)
    share_cards.sync(paths.cards, {})
    (paths.cards / share_cards.MANIFEST).unlink(missing_ok=True)
    return 0


def _convert(args: argparse.Namespace) -> int:
    from build_tools.documents.importer import convert_source, furniture_report

    converted = convert_source(Path(args.file))
    sys.stdout.write(converted.markdown)
    for line in furniture_report(converted.source.furniture):
        print(line, file=sys.stderr)  # stdout is the Markdown
    return 0


def _import(args: argparse.Namespace) -> int:
    from build_tools.documents.importer import furniture_report, import_file

    paths = Paths()
    imported = import_file(paths, Path(args.file), args.id)
    for written in imported.written:
        print(f"Đã ghi {paths.rel(written)}")
    report = furniture_report(imported.furniture)
    if report:
        print("\n".join(report))
        if imported.listed_in:
            print(f"Danh sách này được ghi ở cuối {paths.rel(imported.listed_in)}.")
    print("Hãy điền van-ban.yml và xem lại noi-dung.md, rồi chạy `make check`.")
    return 0


def _as_of_option() -> argparse.ArgumentParser:
    """`--as-of YYYY-MM-DD`, accepted before or after the command; it sets AS_OF, which
    config.as_of_date reads and the MkDocs processes of `site` inherit."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--as-of",
        dest="as_of",
        default=argparse.SUPPRESS,
        metavar="YYYY-MM-DD",
        help="ngày tính tình trạng (mặc định: biến AS_OF, nếu không có thì ngày hôm nay "
        "theo giờ Việt Nam)",
    )
    return common


def _baseline(args: argparse.Namespace) -> int:
    from build_tools.history import append_baseline

    paths = Paths()
    try:
        file = append_baseline(paths, args.ly_do, args.ngay or build_day().isoformat())
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(
        f"Đã ghi mốc đối chiếu vào {paths.rel(file)}. Commit tệp này (cùng nội dung hiện tại): "
        "từ commit đó, `make check` so với trạng thái lúc ấy."
    )
    return 0


def parser() -> argparse.ArgumentParser:
    common = _as_of_option()
    p = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__, parents=[common])
    sub = p.add_subparsers(dest="command", required=True)
    commands: dict[str, tuple[str, Callable[[argparse.Namespace], int]]] = {
        "check": ("kiểm tra toàn bộ nội dung, không ghi gì", _check),
        "build": ("tạo các trang sinh tự động trong docs/", _build),
        "site": ("xây dựng toàn bộ trang web (strict) vào site/", _site),
        "serve": ("xem trước tại http://127.0.0.1:CỔNG, tự cập nhật khi lưu tệp", _serve),
        "clean": ("xóa các trang sinh tự động khỏi docs/", _clean),
        "convert": ("in Markdown có cấu trúc của một văn bản nguồn (không ghi gì)", _convert),
        "import": ("đưa một văn bản nguồn vào content/van-ban/", _import),
        "baseline": ("lập lại mốc đối chiếu: trạng thái hiện tại là bản đã công bố", _baseline),
    }
    for name, (help_text, func) in commands.items():
        cmd = sub.add_parser(name, help=help_text, parents=[common])
        cmd.set_defaults(func=func)
        if name == "site":
            cmd.add_argument("--out", help="thư mục đích (mặc định: site/)")
            cmd.add_argument(
                "--parts",
                type=int,
                help="số tiến trình MkDocs chạy song song (mặc định: 2 khi có từ "
                "20 văn bản và máy có từ 2 nhân)",
            )
        if name == "serve":
            cmd.add_argument("--port", type=int, default=8000, help="cổng (mặc định: 8000)")
            cmd.add_argument(
                "--debug", action="store_true", help="in thời gian từng bước của mỗi lần dựng"
            )
        if name in ("convert", "import"):
            cmd.add_argument("file", help="tệp nguồn: .txt, .md, .docx hoặc .pdf")
        if name == "import":
            cmd.add_argument("--id", help="mã văn bản (mặc định: theo tên tệp)")
        if name == "baseline":
            cmd.add_argument("--ly-do", required=True, help="vì sao lập lại mốc (bắt buộc)")
            cmd.add_argument("--ngay", help="ngày ghi (YYYY-MM-DD; mặc định: hôm nay)")
    editor_cli.register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if getattr(args, "as_of", None) is not None:
        os.environ[AS_OF_ENV] = args.as_of  # checked, with a Vietnamese error, by load_config
    # One status date for the whole run, also in the MkDocs processes `site` starts, even
    # when the run crosses midnight.
    os.environ.setdefault(AS_OF_ENV, build_day().isoformat())
    try:
        return int(args.func(args))
    except ContentErrors as exc:
        print(exc, file=sys.stderr)
        return 1
    except ConvertError as exc:
        print(exc, file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as exc:
        print(f"Xây dựng trang thất bại (mã {exc.returncode}); site/ giữ nguyên.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
