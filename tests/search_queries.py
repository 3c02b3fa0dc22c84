"""The everyday query suite: what a reader types, and the page + section that must come up.

Half are typed without diacritics, some in decomposed Unicode (NFD, as some input methods
send), some are document numbers, dates and percentages. Used by the browser test and by
the benchmark (python -m tests.bench_search), for both search routes.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from urllib.parse import urlparse

CT = "van-ban/chi-thi-01-ct-tu/"
KH = "van-ban/ke-hoach-hoc-tap-quan-triet/"
CTR = "van-ban/chuong-trinh-hanh-dong-du-thao/"
CV = "van-ban/cong-van-39-cv-tu/"
KH_TASKS = "tien-do/nhiem-vu/kh-"  # the tasks the Kế hoạch gave rise to
BC = "van-ban/bao-cao-chinh-tri-dang-bo-cac-co-quan-dang/"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@dataclass(frozen=True)
class Query:
    text: str  # exactly what is typed
    page: str  # site-relative URL of the expected page
    anchor: str = ""  # expected section anchor (a result inside it also counts); "" = any
    tasks: str = ""  # also accepted: task pages whose URL starts with this (its own tasks)

    def hit(self, url: str) -> bool:
        """Does a result URL (absolute or site-relative, "/" rooted) satisfy this query?"""
        parsed = urlparse(url)
        if self.tasks and parsed.path.lstrip("/").startswith(self.tasks):
            return True
        if parsed.path.lstrip("/") != self.page:
            return False
        anchor = parsed.fragment
        return not self.anchor or anchor == self.anchor or anchor.startswith(self.anchor + "-")

    @property
    def label(self) -> str:
        form = "NFD" if unicodedata.normalize("NFC", self.text) != self.text else "NFC"
        return f"{self.text!r} ({form})"


QUERIES: tuple[Query, ...] = (
    # with diacritics, as typed on a Vietnamese keyboard
    Query("chuyển đổi số", CTR, "ii-3-4"),
    Query("khâu đột phá", CTR, "ii-4"),
    Query("biến đổi khí hậu", CTR, "ii-3-5"),
    Query("hoạt động đối ngoại", CTR, "ii-3-10"),
    Query("Ban Chỉ đạo 35", CV),
    Query("kiều bào", CV),
    Query("văn hóa và con người Cần Thơ", CTR, "ii-3-6"),
    Query("giáo dục và đào tạo", CTR, "ii-3-7"),
    Query("Đồng Văn Thanh", CT),
    Query("Viết thu hoạch cá nhân", KH, "ii-2-3"),
    Query("CHUYỂN ĐỔI SỐ", CTR, "ii-3-4"),
    Query("quán triệt", KH, tasks=KH_TASKS),
    # without diacritics, as typed on a phone
    Query("chuyen doi so", CTR, "ii-3-4"),
    Query("khau dot pha", CTR, "ii-4"),
    Query("bien doi khi hau", CTR, "ii-3-5"),
    Query("hoat dong doi ngoai", CTR, "ii-3-10"),
    Query("quan triet", KH, tasks=KH_TASKS),
    Query("kieu bao", CV),
    Query("ban chi dao 35", CV),
    Query("dong van thanh", CT),
    Query("giao duc va dao tao", CTR, "ii-3-7"),
    Query("ro nguoi ro viec", CT, "3"),
    Query("viet thu hoach ca nhan", KH, "ii-2-3"),
    Query("xay dung dang ve dao duc", BC, "phan-i-i-2-3"),
    Query("quoc phong an ninh", CTR, "ii-3-9"),
    Query("tuyen truyen", KH, tasks=KH_TASKS),
    # decomposed Unicode (NFD)
    Query(nfd("chuyển đổi số"), CTR, "ii-3-4"),
    Query(nfd("Viết thu hoạch cá nhân"), KH, "ii-2-3"),
    Query(nfd("kiều bào"), CV),
    # document numbers, dates, percentages
    Query("01-CT/TU", CT),
    Query("39-CV/TU", CV),
    Query("200-KL/TW", CV),
    Query("02-CTr/TU", KH),
    Query("30/12/2025", KH),
    Query("quý IV/2025", CT, "2"),
    Query("135%", BC),
    # topics (one result per topic page)
    Query("Đối ngoại và hội nhập quốc tế", "chu-de/doi-ngoai/"),
    Query("an sinh xa hoi y te", "chu-de/xa-hoi-y-te/"),
    # tasks ("5 rõ" pages)
    Query("hoi nghi truc tiep ket hop truc tuyen", "tien-do/nhiem-vu/kh-1/"),
)
