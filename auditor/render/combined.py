"""One report for several exports: a first page across all of them, then each export's report.

Each report body is the report template's `body` block rendered from that export's own view,
so the sections are the single-export report exactly; the first page takes each purpose's
headline from the same view. The document is rendered once (one PDF, one page count)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup


@dataclass(frozen=True)
class Answer:
    purpose: str
    number: str  # the headline as page 1 of that export's report states it


@dataclass(frozen=True)
class Overview:
    platform: str
    account: str
    answers: tuple[Answer, ...]


def render_combined_html(summaries: list[dict], language: str, standalone: bool = False) -> str:
    from ..i18n import language_name
    from . import environment
    from .style import style
    from .view import view

    env = environment(language)
    report = env.get_template("report.html.j2")
    bodies, rows, faces = [], [], {}
    for summary in summaries:
        values = view(summary, language)
        values["language_name"] = language_name(language)
        if standalone:
            values["font_faces"] = []
        faces.update({face.file: face for face in values["font_faces"]})
        bodies.append(Markup("".join(report.blocks["body"](report.new_context(values)))))
        rows.append(_overview(values))
    return env.get_template("combined.html.j2").render(
        language=language,
        style=Markup(style(standalone=standalone)),
        font_faces=list(faces.values()),
        version=summaries[0]["tool"]["version"],
        overview=rows,
        bodies=bodies,
    )


def _overview(values: dict) -> Overview:
    return Overview(
        platform=values["platform"],
        account=values["s"]["archive"]["username"] or "?",
        answers=tuple(Answer(p["title"], p["headline"]["number"]) for p in values["purposes"]),
    )
