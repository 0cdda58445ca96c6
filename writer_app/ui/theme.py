"""Light and dark themes: the application palette, the editor's page colours, system following."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

# WCAG AA for normal text: selected rows (sidebar lists, menus, item views) must read at least this well.
MIN_SELECTION_CONTRAST = 4.5


@dataclass(frozen=True)
class Colors:
    """The colours of one theme."""

    window: str
    panel: str
    text: str
    muted: str
    page: str
    ink: str
    accent: str
    highlight_text: str
    find: str


LIGHT = Colors(window="#eeece8", panel="#f6f5f2", text="#22211f", muted="#7a766f", page="#fdfcf9",
               ink="#1e1d1b", accent="#3d6fb6", highlight_text="#ffffff", find="#f6d96b")
DARK = Colors(window="#23252a", panel="#2a2d33", text="#dddad4", muted="#8e8b85", page="#1b1c20",
              ink="#dcd8cf", accent="#6f9ee8", highlight_text="#10131a", find="#8a6d1c")


def system_is_dark() -> bool:
    """True when the desktop asks for a dark colour scheme."""
    app = QGuiApplication.instance()
    if app is None:
        return False
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def contrast_ratio(first: QColor, second: QColor) -> float:
    """The WCAG 2 contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    darker, lighter = sorted((_relative_luminance(first), _relative_luminance(second)))
    return (lighter + 0.05) / (darker + 0.05)


def _relative_luminance(color: QColor) -> float:
    red, green, blue = (v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
                        for v in (color.redF(), color.greenF(), color.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def resolve(theme: str) -> Colors:
    """The colours for a theme setting ("system", "light" or "dark"), selection colours checked for contrast."""
    if theme == "dark" or (theme == "system" and system_is_dark()):
        return readable_selection(DARK)
    return readable_selection(LIGHT)


def readable_selection(colors: Colors) -> Colors:
    """``colors`` with a selection text (white, near-black or the theme's) reaching 4.5:1 on the accent.

    If no text colour does, the accent is darkened (light text) or lightened (dark text) until one does.
    """
    accent = QColor(colors.accent)
    candidates = (colors.highlight_text, "#ffffff", "#10131a")
    text = max(candidates, key=lambda c: (contrast_ratio(QColor(c), accent) >= MIN_SELECTION_CONTRAST,
                                          c == colors.highlight_text, contrast_ratio(QColor(c), accent)))
    light_text = QColor(text).lightness() >= 128
    for _step in range(40):
        if contrast_ratio(QColor(text), accent) >= MIN_SELECTION_CONTRAST:
            break
        accent = accent.darker(105) if light_text else accent.lighter(105)
    return replace(colors, accent=accent.name(), highlight_text=text)


def palette_for(colors: Colors) -> QPalette:
    """An application palette built from theme colours."""
    palette = QPalette()
    c = {name: QColor(value) for name, value in colors.__dict__.items()}
    role = QPalette.ColorRole
    palette.setColor(role.Window, c["window"])
    palette.setColor(role.WindowText, c["text"])
    palette.setColor(role.Base, c["panel"])
    palette.setColor(role.AlternateBase, c["window"])
    palette.setColor(role.Text, c["text"])
    palette.setColor(role.Button, c["panel"])
    palette.setColor(role.ButtonText, c["text"])
    palette.setColor(role.ToolTipBase, c["panel"])
    palette.setColor(role.ToolTipText, c["text"])
    palette.setColor(role.PlaceholderText, c["muted"])
    palette.setColor(role.Highlight, c["accent"])
    palette.setColor(role.HighlightedText, c["highlight_text"])
    if hasattr(role, "Accent"):  # Qt 6.6+: left unset it is Qt's own light blue, under white text in some styles
        palette.setColor(role.Accent, c["accent"])
    palette.setColor(role.Link, c["accent"])
    palette.setColor(role.BrightText, QColor("#ff5555"))
    # Bevel roles: left at Qt's light-theme defaults they draw white lines (the tab bar's base) in the dark theme.
    window = c["window"]
    dark_theme = window.lightness() < 128
    palette.setColor(role.Light, window.lighter(135) if dark_theme else QColor("#ffffff"))
    palette.setColor(role.Midlight, window.lighter(120) if dark_theme else window.lighter(105))
    palette.setColor(role.Mid, window.lighter(150) if dark_theme else window.darker(125))
    palette.setColor(role.Dark, window.darker(130) if dark_theme else window.darker(150))
    palette.setColor(role.Shadow, QColor("#000000"))
    for group_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, group_role, c["muted"])
    return palette


def apply_theme(theme: str) -> Colors:
    """Apply a theme to the running application and return its colours."""
    colors = resolve(theme)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        if app.style().name().lower() != "fusion":
            app.setStyle("Fusion")
        app.setPalette(palette_for(colors))
        app.setStyleSheet(stylesheet(colors))
    return colors


def stylesheet(colors: Colors) -> str:
    """A small style sheet for the parts the palette cannot reach."""
    return f"""
QSplitter::handle {{ background: {colors.window}; }}
QTabWidget::pane {{ border: none; }}
QTabBar {{ qproperty-drawBase: 0; }}
QTabBar::tab {{ padding: 6px 12px; border: none; color: {colors.muted}; background: transparent; }}
QTabBar::tab:selected {{ color: {colors.text}; border-bottom: 2px solid {colors.accent}; }}
QListWidget#chapterList, QListWidget#trashList {{ border: none; background: {colors.panel}; outline: 0; }}
QListWidget#chapterList::item, QListWidget#trashList::item {{ padding: 5px 6px; border-radius: 4px; }}
QListWidget#chapterList::item:selected, QListWidget#trashList::item:selected {{
    background: {colors.accent}; color: {colors.highlight_text}; }}
QStatusBar {{ color: {colors.muted}; }}
QStatusBar QLabel {{ color: {colors.muted}; padding: 0 8px; }}
QLabel#projectTitle {{ font-weight: 600; padding: 2px 4px; }}
QLabel#sectionLabel {{ color: {colors.muted}; font-weight: 600; padding: 8px 8px 2px 8px; }}
QToolButton {{ border: none; padding: 3px; border-radius: 4px; }}
QToolButton::menu-indicator {{ image: none; width: 0; }}
QToolButton#sectionLabel {{ color: {colors.muted}; font-weight: 600; padding: 6px 8px; }}
QToolButton:hover {{ background: {colors.window}; }}
QFrame#findBar {{ background: {colors.panel}; border-top: 1px solid {colors.window}; }}
""" + indicator_stylesheet(colors)


def indicator_stylesheet(colors: Colors) -> str:
    """Radio buttons and check boxes with a visible outline (Fusion draws them darker than a dark window)."""
    if QColor(colors.window).lightness() >= 128:
        return ""
    check = _check_mark(colors.highlight_text)
    return f"""
QRadioButton::indicator, QCheckBox::indicator {{ width: 13px; height: 13px; border: 1px solid {colors.muted};
    background: {colors.page}; }}
QRadioButton::indicator {{ border-radius: 7px; }}
QCheckBox::indicator {{ border-radius: 3px; }}
QRadioButton::indicator:hover, QCheckBox::indicator:hover {{ border-color: {colors.accent}; }}
QRadioButton::indicator:checked {{ border-color: {colors.accent}; background: qradialgradient(cx: 0.5, cy: 0.5,
    radius: 0.5, fx: 0.5, fy: 0.5, stop: 0 {colors.accent}, stop: 0.5 {colors.accent}, stop: 0.6 {colors.page},
    stop: 1 {colors.page}); }}
QCheckBox::indicator:checked {{ border-color: {colors.accent}; background: {colors.accent}; image: url("{check}"); }}
QRadioButton::indicator:disabled, QCheckBox::indicator:disabled {{ border-color: {colors.window};
    background: {colors.panel}; }}
"""


def _check_mark(color: str) -> str:
    """Path of a small SVG check mark in ``color`` (written once to the cache folder)."""
    from writer_app.settings import cache_dir

    path = cache_dir() / "theme" / f"check-{color.lstrip('#')}.svg"
    if not path.exists():
        svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="13" height="13" viewBox="0 0 13 13">'
               f'<path d="M2.5 6.8 5.2 9.4 10.5 3.6" fill="none" stroke="{color}" stroke-width="1.8" '
               'stroke-linecap="round" stroke-linejoin="round"/></svg>')
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(svg, encoding="utf-8")
        except OSError:
            return ""
    return path.as_posix()
