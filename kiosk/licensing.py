"""What the app ships, under which licence, and where the full texts are.

``make bundle`` calls ``collect`` to fill ``dist/kiosk/licenses/``: one folder per shipped part with
its licence texts, an ``index.json`` and a ``README.txt``. The parts and their licences come from
the installed distributions (``importlib.metadata``: the app's own requirements, followed
transitively), the fonts' folder and Python itself, not from a list kept by hand, so a library
added to ``pyproject.toml`` is covered, or the licence test fails. Where a distribution carries no
licence text (the PySide6 and shiboken6 wheels ship none), the standard text of the licence it
declares comes from ``notices/`` in the repository.

``kiosk --licenses`` and the About card read the same list: from ``licenses/index.json`` beside a
frozen bundle's executable, else computed from the installed distributions.

No Qt here: the build script and the command line use it without starting Qt.
"""

from __future__ import annotations

import json
import platform
import re
import shutil
import struct
import sysconfig
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

PROJECT = "kiosk"
INDEX = "index.json"
README = "README.txt"
LICENCE_FILE = re.compile(r"(licen[cs]e|copying|notice|authors)", re.IGNORECASE)
QT_DISTRIBUTIONS = {"pyside6", "pyside6-essentials", "pyside6-addons", "shiboken6"}
LGPL_TEXTS = ("LGPL-3.0.txt", "GPL-3.0.txt")  # the LGPL v3 is a set of permissions on the GPL v3

QT_NOTICE = (
    "Qt 6, PySide6 and shiboken6 are used under the GNU Lesser General Public License v3 "
    "(LGPL-3.0-only; the LGPL adds permissions to the GNU GPL v3, so both texts are here). "
    "They are shipped as separate shared libraries in the bundle's _internal folder "
    "(_internal/PySide6/Qt/lib, _internal/PySide6 and _internal/shiboken6): you may replace "
    "them with your own build of the same version (or a compatible one) and the app will load "
    "yours. Their source: https://download.qt.io/official_releases/qt/ (Qt) and "
    "https://download.qt.io/official_releases/QtForPython/ (PySide6, shiboken6), or write to "
    "the app's maintainers for a copy. Qt contains third-party parts listed at "
    "https://doc.qt.io/qt-6/licenses-used-in-qt.html."
)


@dataclass(frozen=True)
class Part:
    """One shipped part: its name, version, licence, and its texts (files in its folder)."""

    name: str
    version: str
    licence: str
    folder: str
    files: tuple[str, ...] = ()
    note: str = ""
    sources: tuple[Path, ...] = field(default=(), compare=False, repr=False)


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(requirement: str) -> str | None:
    """The distribution a requirement names, or None for one that only an extra needs."""
    if "extra ==" in requirement.replace("extra==", "extra =="):
        return None
    m = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    return m.group(1) if m else None


def runtime_distributions(root: str = PROJECT) -> list[metadata.Distribution]:
    """The installed distributions the app runs on: its requirements (not the test or build
    extras), followed transitively; a requirement not installed here (a marker for another
    Python) is skipped."""
    seen: dict[str, metadata.Distribution] = {}
    queue = [root]
    while queue:
        name = queue.pop(0)
        key = _normal(name)
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen[key] = dist
        for requirement in dist.requires or []:
            wanted = _requirement_name(requirement)
            if wanted is not None:
                queue.append(wanted)
    seen.pop(_normal(root), None)
    return sorted(seen.values(), key=lambda d: _normal(d.metadata["Name"]))


def declared_licence(dist: metadata.Distribution) -> str:
    """The licence a distribution declares: its SPDX expression, else its short License field,
    else its classifiers."""
    m = dist.metadata
    expression = m["License-Expression"]
    if expression:
        return expression.strip()
    text = (m["License"] or "").strip()
    if text and "\n" not in text and len(text) <= 80:
        return text
    classifiers = [
        c.split("::")[-1].strip() for c in m.get_all("Classifier") or [] if c.startswith("License")
    ]
    return ", ".join(classifiers) or "see its licence file"


def licence_files(dist: metadata.Distribution) -> list[Path]:
    """The licence texts a distribution installed (LICENSE, COPYING, NOTICE, AUTHORS)."""
    found = []
    for f in dist.files or []:
        if LICENCE_FILE.search(Path(str(f)).name) and ".dist-info" in str(f):
            path = Path(str(dist.locate_file(f)))
            if path.is_file():
                found.append(path)
    return found


def font_licence(path: Path) -> tuple[str, str]:
    """(version, licence description) from a TrueType font's name table (ids 5 and 13)."""
    data = path.read_bytes()
    tables = struct.unpack(">H", data[4:6])[0]
    names: dict[int, str] = {}
    for i in range(tables):
        tag, _sum, offset, _length = struct.unpack(">4sIII", data[12 + 16 * i : 28 + 16 * i])
        if tag != b"name":
            continue
        _fmt, count, strings = struct.unpack(">HHH", data[offset : offset + 6])
        for j in range(count):
            platform_id, _enc, _lang, name_id, length, at = struct.unpack(
                ">HHHHHH", data[offset + 6 + 12 * j : offset + 18 + 12 * j]
            )
            if platform_id == 3 and name_id in (5, 13) and name_id not in names:
                start = offset + strings + at
                names[name_id] = data[start : start + length].decode("utf-16-be", "replace")
    version = names.get(5, "").replace("Version ", "").split(";")[0].strip()
    return version, names.get(13, "")


def shipped_parts(repo: Path, assets: Path, *, build_tools: bool = False) -> list[Part]:
    """Every part the bundle ships, with the files that hold its licence.

    ``repo``: the checkout (LICENSE, notices/); ``assets``: the assets folder (fonts);
    ``build_tools``: add the parts the build puts into the bundle (PyInstaller's bootloader).
    """
    notices = repo / "notices"
    lgpl = tuple(notices / name for name in LGPL_TEXTS)
    parts = [
        _part(
            "kiosk",
            _version(PROJECT),
            "MIT",
            (repo / "LICENSE", repo / "NOTICES.md"),
            "This app: its code, the icons, illustrations, charts and chime sounds (assets/).",
        )
    ]
    for dist in runtime_distributions():
        name = dist.metadata["Name"]
        files = tuple(licence_files(dist))
        note = ""
        if _normal(name) in QT_DISTRIBUTIONS:
            files = files or lgpl
            note = QT_NOTICE
        parts.append(_part(name, dist.version, declared_licence(dist), files, note))
    essentials = _version("PySide6_Essentials")
    parts.append(_part("Qt", essentials, "LGPL-3.0-only", lgpl, QT_NOTICE))
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    python_licence = next(
        (p for p in (stdlib / "LICENSE.txt", stdlib.parent / "LICENSE.txt") if p.is_file()),
        stdlib / "LICENSE.txt",
    )
    parts.append(_part("Python", platform.python_version(), "PSF-2.0", (python_licence,)))
    fonts = assets / "fonts"
    font_files = sorted(fonts.glob("*.ttf"))
    if font_files:
        version, described = font_licence(font_files[0])
        texts = tuple(p for p in sorted(fonts.iterdir()) if LICENCE_FILE.search(p.name))
        parts.append(
            _part(
                "Roboto fonts",
                version,
                "Apache-2.0" if "Apache License, Version 2.0" in described else described,
                texts,
                "Roboto by Christian Robertson / Google (assets/fonts and qt-material's copy).",
            )
        )
    fallback = fonts / "fallback"
    if any(fallback.glob("*.ttf")):
        parts.append(
            _part(
                "Fallback fonts",
                "",
                "Apache-2.0 AND OFL-1.1",
                tuple(p for p in sorted(fallback.iterdir()) if LICENCE_FILE.search(p.name))
                + (fallback / "README.md",),
                "Chinese, Japanese, Korean and Arabic letters: Droid Sans Fallback (Apache-2.0), "
                "Nanum Gothic and Noto Sans Arabic (OFL-1.1); assets/fonts/fallback/README.md "
                "says what was cut and renamed.",
            )
        )
    if build_tools:
        try:
            dist = metadata.distribution("pyinstaller")
        except metadata.PackageNotFoundError:
            pass
        else:
            parts.append(
                _part(
                    "PyInstaller bootloader",
                    dist.version,
                    declared_licence(dist),
                    tuple(licence_files(dist)),
                    "The bundle's executable is PyInstaller's bootloader, which its licence "
                    "allows to be shipped with any program (the bootloader exception).",
                )
            )
    return parts


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"


def _part(name: str, version: str, licence: str, sources: tuple[Path, ...], note: str = "") -> Part:
    folder = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-")
    return Part(
        name,
        version,
        licence,
        folder,
        tuple(_unique_names(sources)),
        note,
        tuple(sources),
    )


def _unique_names(sources: tuple[Path, ...]) -> list[str]:
    """File names inside the part's folder: the source's name, numbered if two share one."""
    names: list[str] = []
    for path in sources:
        name = path.name
        n = 2
        while name in names:
            name = f"{path.stem}-{n}{path.suffix}"
            n += 1
        names.append(name)
    return names


def missing_texts(parts: list[Part]) -> list[str]:
    """A sentence for each part without a readable licence text (what the test checks)."""
    problems = []
    for part in parts:
        if not part.sources:
            problems.append(f"{part.name} {part.version} ({part.licence}): no licence text")
        for path in part.sources:
            if not path.is_file() or not path.read_text(encoding="utf-8", errors="replace").strip():
                problems.append(f"{part.name}: the licence text {path} is missing or empty")
    return problems


def collect(dest: Path, parts: list[Part]) -> list[Part]:
    """Write ``dest``: a folder per part with its texts, ``index.json`` and ``README.txt``.

    Raises ``FileNotFoundError`` naming every part without its texts: a bundle without a
    licence must not be built."""
    problems = missing_texts(parts)
    if problems:
        raise FileNotFoundError("licences missing:\n  " + "\n  ".join(problems))
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for part in parts:
        folder = dest / part.folder
        folder.mkdir(exist_ok=True)
        for source, name in zip(part.sources, part.files, strict=True):
            shutil.copyfile(source, folder / name)
    index = [{k: v for k, v in asdict(p).items() if k != "sources"} for p in parts]
    (dest / INDEX).write_text(json.dumps(index, indent=1, ensure_ascii=False), encoding="utf-8")
    (dest / README).write_text(readme(parts), encoding="utf-8")
    return parts


def readme(parts: list[Part]) -> str:
    lines = [
        "Licences of everything this bundle ships",
        "",
        "Each folder holds the full licence texts of one part. This app is under the MIT licence",
        "(kiosk/LICENSE); NOTICES.md in the kiosk folder says where the content comes from.",
        "",
        *listing(parts),
        "",
        QT_NOTICE,
        "",
    ]
    return "\n".join(lines)


def listing(parts: list[Part]) -> list[str]:
    """One line per part: "Qt 6.11.3  LGPL-3.0-only  (Qt/)"."""
    width = max((len(f"{p.name} {p.version}") for p in parts), default=0)
    return [f"{(p.name + ' ' + p.version).ljust(width)}  {p.licence}  ({p.folder}/)" for p in parts]


def read_index(folder: Path) -> list[Part]:
    """The parts listed in a bundle's ``licenses/index.json``."""
    raw = json.loads((folder / INDEX).read_text(encoding="utf-8"))
    return [
        Part(
            str(e["name"]),
            str(e["version"]),
            str(e["licence"]),
            str(e["folder"]),
            tuple(str(f) for f in e.get("files", ())),
            str(e.get("note", "")),
        )
        for e in raw
    ]


def licences_folder() -> Path | None:
    """The bundle's ``licenses/`` folder beside the executable (None when run from source)."""
    from kiosk import paths

    return paths.executable_dir() / "licenses" if paths.is_frozen() else None


def current_parts(folder: Path | None = None) -> tuple[list[Part], str]:
    """The parts this copy of the app ships and where their texts are, for ``kiosk --licenses``
    and the About card: a bundle's index (``folder``, else the one beside a frozen bundle's
    executable), or (from source) what is installed here."""
    from kiosk import paths

    folder = folder or licences_folder()
    if folder is not None:
        try:
            return read_index(folder), str(folder)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            return [], f"{folder} cannot be read ({exc})"
    repo = paths.bundle_root()
    where = "from source: `make bundle` collects the texts into dist/kiosk/licenses"
    return shipped_parts(repo, paths.assets_dir()), where


def app_version() -> str:
    """The app's version: from the installed package, else the bundle's index."""
    version = _version(PROJECT)
    if version != "unknown":
        return version
    parts, _where = current_parts()
    return next((p.version for p in parts if p.name == PROJECT), "unknown")


def grouped(parts: list[Part]) -> list[str]:
    """One line per licence and version, for a person to read: "PySide6, shiboken6 6.11.3:
    LGPL-3.0-only OR ..." instead of one line per wheel of the same release."""
    groups: dict[tuple[str, str], list[str]] = {}
    for part in parts:
        groups.setdefault((part.version, part.licence), []).append(part.name)
    return [
        f"{', '.join(names)} {version}: {licence}" for (version, licence), names in groups.items()
    ]
