"""The main window: three workspaces (Review, Batch, Style guide), menus, settings.

Remembers layout, last guide, last channel, recent drafts, UI language and theme in
QSettings; autosaves the draft so a crash never loses it; asks about unsaved drafts
and guide edits on quit.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStyle,
    QTabWidget,
    QWidget,
)

from .. import limits
from ..atomic import write_atomic
from ..draft import draft_channel
from ..files import ReadError, read_regular
from ..findings import Report
from ..fix import encode_like
from ..guide import Guide, GuideError, load_guide
from ..messages import guide_label
from ..text.decode import DecodeError, decode_bytes
from . import i18n
from .draft_editor import DRAFT_SUFFIXES
from .help_pages import GUIDE_FORMAT, REPORT_FORMAT, HelpPage, shortcuts_html
from .i18n import tr
from .review import ReviewWorkspace
from .script_tools import LABELS, TARGETS
from .theme import THEMES, apply_theme

MAX_RECENT = 8
AUTOSAVE_MS = 3000
PIPELINE_KEY = "analysis/spacyModel"
TAB_NAMES = ("Review", "Batch", "Style guide")


def autosave_dir() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def _read_autosave(path: Path) -> str:
    """An autosaved draft, as much of it as reads: a file cut short mid-character (a
    crash, a full disk) or unreadable must never stop the app from starting."""
    try:
        return path.read_bytes().decode("utf-8", errors="replace").rstrip("\ufffd")
    except OSError:
        return ""


def _saved_name(source: str) -> str:
    """A file name to offer for a post opened from a batch: weibo/a.md -> a.md,
    calendar.csv:3 -> calendar-3.txt."""
    name, _, row = Path(source).name.partition(":")
    if row or Path(name).suffix.lower() not in DRAFT_SUFFIXES:
        return f"{Path(name).stem}{'-' + row if row else ''}.txt"
    return name


class MainWindow(QMainWindow):
    """Hosts the workspaces; owns files, settings, autosave and the guide in use."""

    guideInUse = Signal(object)  # Guide

    def __init__(self, guide: Guide, guide_path: Path | None, persistent: bool = True) -> None:
        super().__init__()
        self.persistent = persistent  # False for --screenshot and tests: touch no user state
        self.settings = QSettings()
        # An English pipeline chosen in the app wins over the guide's `spacy_model`.
        self.spacy_model: str | None = (str(self.settings.value(PIPELINE_KEY, "") or "") or None
                                        if persistent else None)
        self._loaded = guide  # the guide as read; self.guide is it with that pipeline
        self.guide, self.guide_path = self._effective(guide), guide_path
        self.draft_path: Path | None = None
        self.draft_origin: str | None = None  # where an unsaved draft came from (a batch post)
        self._draft_bytes: tuple[str, bytes] | None = None  # encoding and bytes it was read as
        self._autosave_pending = False
        self.setAcceptDrops(True)

        self.review = ReviewWorkspace(self.guide)
        self.batch = self._make_batch()
        self.guide_editor = self._make_guide_editor()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for w in (self.review, self.batch, self.guide_editor):
            self.tabs.addTab(w, "")
        self.setCentralWidget(self.tabs)
        self.guide_label = QLabel()
        self.statusBar().addPermanentWidget(self.guide_label)

        self._build_actions()
        self._build_menus()
        self.review.editor.fileDropped.connect(self.open_draft)
        self.review.editor.document().modificationChanged.connect(self.setWindowModified)
        self.review.editor.document().contentsChanged.connect(self._mark_autosave)
        self.review.channelChanged.connect(self._remember_channel)
        # A bound method, not a lambda: Qt drops the connection when the window is deleted.
        i18n.language().changed.connect(self._on_language_changed)

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        if persistent:
            self.autosave_timer.start()
        # Default size in text units, so it is the same amount of UI at any scaling.
        self.resize(self.fontMetrics().averageCharWidth() * 230,
                    self.fontMetrics().height() * 50)
        self.retranslate()
        self._update_guide_label()

    # workspaces from the other modules ------------------------------------------------
    def _make_batch(self) -> QWidget:
        try:
            from .batch_view import BatchView
        except ImportError as exc:  # built separately; the window must work without it
            return self._missing(str(exc))
        view = BatchView(history=self.persistent)
        view.set_guide(self.guide)
        view.openPost.connect(self.open_post)
        return view

    def _make_guide_editor(self) -> QWidget:
        try:
            from .guide_editor import GuideEditor
        except ImportError as exc:
            return self._missing(str(exc))
        editor = GuideEditor()
        if self.guide_path is not None:
            editor.load(self.guide_path)
        editor.guideChanged.connect(self.use_guide)
        editor.problemsChanged.connect(self._guide_problems)
        return editor

    def _missing(self, reason: str) -> QWidget:
        label = QLabel(tr("Workspace not available: {0}", reason))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        return label

    def learn_guide(self) -> None:
        """Open the Style guide workspace's Learn from Posts (the Batch folder to start)."""
        if not self.has_guide_editor():
            return
        self.tabs.setCurrentWidget(self.guide_editor)
        folder = getattr(self.batch, "folder", None)
        self.guide_editor.learn_from_posts(folder)

    def has_guide_editor(self) -> bool:
        return hasattr(self.guide_editor, "maybe_save")

    # actions and menus ------------------------------------------------------------------
    def _action(self, key: str, slot, shortcut=None, icon=None) -> QAction:
        act = QAction(self)
        act.setData(key)
        act.triggered.connect(slot)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            act.setIcon(self.style().standardIcon(icon))
        self._actions.append(act)
        return act

    def _build_actions(self) -> None:
        self._actions: list[QAction] = []
        sp = QStyle.StandardPixmap
        self.act_new = self._action("New Draft", self.new_draft, QKeySequence.StandardKey.New,
                                    sp.SP_FileIcon)
        self.act_open = self._action("Open Draft…", lambda: self.open_draft(None),
                                     QKeySequence.StandardKey.Open, sp.SP_DialogOpenButton)
        self.act_save = self._action("Save Draft", self.save_draft, QKeySequence.StandardKey.Save,
                                     sp.SP_DialogSaveButton)
        # The guide editor has its own Ctrl+S; scope ours to the Review workspace.
        self.act_save.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.review.addAction(self.act_save)
        self.act_save_as = self._action("Save Draft As…", self.save_draft_as,
                                        QKeySequence.StandardKey.SaveAs)
        self.act_open_guide = self._action("Open Style Guide…", lambda: self.open_guide(None),
                                           "Ctrl+Shift+O")
        self.act_builtin_guide = self._action("Use Built-in Guide", self.use_builtin_guide)
        self.act_learn = self._action("Learn Style Guide from Posts…", self.learn_guide)
        self.act_recover = self._action("Recover Autosaved Draft", self.recover_draft)
        self.act_recover.setEnabled(self._recovered_path().is_file())
        self.act_quit = self._action("Quit", self.close, QKeySequence.StandardKey.Quit)
        self.act_recheck = self._action("Re-check Now", self.review.recheck, "F5",
                                        sp.SP_BrowserReload)
        self.act_next = self._action("Next Finding", lambda: self.review.step_finding(1), "F8")
        self.act_prev = self._action("Previous Finding", lambda: self.review.step_finding(-1),
                                     "Shift+F8")
        self.act_pipeline = self._action("English Pipeline…", self.choose_pipeline)
        self.act_convert = self._action("Convert to Channel Script",
                                        self.review.convert_to_channel_script, "Ctrl+Shift+C")
        self.act_tabs = [
            self._action(name, lambda _=False, i=i: self.tabs.setCurrentIndex(i), f"Ctrl+{i + 1}")
            for i, name in enumerate(TAB_NAMES)
        ]
        self.act_guide_help = self._action("Style Guide Format", lambda: self.show_help(GUIDE_FORMAT),
                                           QKeySequence.StandardKey.HelpContents)
        self.act_report_help = self._action("Report Formats",
                                            lambda: self.show_help(REPORT_FORMAT))
        self.act_shortcuts = self._action("Keyboard Shortcuts", self.show_shortcuts)
        self.act_about = self._action("About voicecheck", self.about)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_file.addActions([self.act_new, self.act_open])
        self.menu_recent = self.menu_file.addMenu("")
        self.menu_recent.aboutToShow.connect(self._fill_recent)
        self.menu_file.addActions([self.act_save, self.act_save_as])
        self.menu_file.addSeparator()
        self.menu_file.addActions([self.act_open_guide, self.act_builtin_guide, self.act_learn])
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_recover)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)

        self.menu_check = bar.addMenu("")
        self.menu_check.addActions([self.act_recheck, self.act_next, self.act_prev])
        self.menu_check.addSeparator()
        self.menu_check.addAction(self.act_pipeline)
        self.menu_check.addSeparator()
        self.menu_check.addAction(self.act_convert)
        self.menu_convert = self.menu_check.addMenu("")
        for target in TARGETS:
            act = self.menu_convert.addAction(LABELS[target])
            act.triggered.connect(lambda _=False, t=target: self.review.convert_script(t))

        self.menu_view = bar.addMenu("")
        self.menu_view.addActions(self.act_tabs)
        self.menu_view.addSeparator()
        self.menu_language = self.menu_view.addMenu("")
        group = QActionGroup(self)
        for code, label in i18n.LANGUAGES.items():
            act = self.menu_language.addAction(label)
            act.setCheckable(True)
            act.setChecked(code == i18n.language().code)
            act.triggered.connect(lambda _=False, c=code: self.set_language(c))
            group.addAction(act)
        self.menu_theme = self.menu_view.addMenu("")
        self.theme_group = QActionGroup(self)
        current_theme = self.settings.value("ui/theme", "system")
        for name in THEMES:
            act = self.menu_theme.addAction(name)
            act.setData(name)
            act.setCheckable(True)
            act.setChecked(name == current_theme)
            act.triggered.connect(lambda _=False, n=name: self.set_theme(n))
            self.theme_group.addAction(act)

        self.menu_help = bar.addMenu("")
        self.menu_help.addActions([self.act_guide_help, self.act_report_help, self.act_shortcuts])
        self.menu_help.addSeparator()
        self.menu_help.addAction(self.act_about)

        # The draft's tools live in the Review workspace: they act on the draft only.
        self.review.toolbar.addActions([self.act_open, self.act_save, self.act_recheck])
        self._help: HelpPage | None = None

    def retranslate(self) -> None:
        for act in self._actions:
            act.setText(tr(act.data()))
        for menu, key in ((self.menu_file, "&File"), (self.menu_check, "&Check"),
                          (self.menu_view, "&View"), (self.menu_help, "&Help"),
                          (self.menu_recent, "Open Recent"), (self.menu_convert, "Convert Script"),
                          (self.menu_language, "Language"), (self.menu_theme, "Theme")):
            menu.setTitle(tr(key))
        for act in self.theme_group.actions():
            act.setText(tr(act.data().capitalize()))
        for i, name in enumerate(TAB_NAMES):
            self.tabs.setTabText(i, tr(name))
        for w in (self.review, self.batch, self.guide_editor):
            if hasattr(w, "retranslate"):
                w.retranslate()
        self._update_title()
        self._update_guide_label()

    # language and theme -----------------------------------------------------------------
    def _on_language_changed(self, _code: str) -> None:
        self.retranslate()

    def set_language(self, code: str) -> None:
        i18n.set_language(code)
        if self.persistent:
            self.settings.setValue("ui/language", code)

    def set_theme(self, name: str) -> None:
        apply_theme(QApplication.instance(), name)
        if self.persistent:
            self.settings.setValue("ui/theme", name)

    # drafts -----------------------------------------------------------------------------
    def _update_title(self) -> None:
        if self.draft_path is not None:
            name = self.draft_path.name
        elif self.draft_origin is not None:  # not a file of its own: Save asks where
            name = tr("{0} (from Batch)", self.draft_origin)
        else:
            name = tr("Untitled")
        self.setWindowTitle(f"{name}[*] — voicecheck")

    def load_draft(self, text: str, path: Path | None, origin: str | None = None) -> None:
        """Show a draft: a file's (`path`), or one that came from `origin` (a batch post)."""
        self.draft_path, self.draft_origin, self._draft_bytes = path, origin, None
        self.review.set_context([])
        self.tabs.setCurrentWidget(self.review)  # wherever it was asked for, show it
        channel = draft_channel(text, self.guide)
        if channel is not None:  # front matter says where the draft will be posted
            self.review.set_channel(channel)
        self.review.set_text(text)
        self._update_title()
        if path is not None:
            self._add_recent(path)

    def _choose(self, title: str, filters: str, near: Path | None) -> Path | None:
        """Ask for a file to open, starting in the folder of the one in use."""
        name, _ = QFileDialog.getOpenFileName(self, title, str(near.parent) if near else "",
                                              filters)
        return Path(name) if name else None

    def open_draft(self, path: str | Path | None) -> bool:
        if path is None:
            path = self._choose(tr("Open Draft…"), tr("Drafts (*.txt *.md);;All files (*)"),
                                self.draft_path)
            if path is None:
                return False
        path = Path(path)
        if path.suffix.lower() in (".yaml", ".yml"):
            return self.open_guide(path)  # a dropped guide is meant as a guide
        if not self.maybe_save_draft():
            return False
        try:  # bounded, regular files only: a FIFO would block the window for good
            data = read_regular(path, limits.MAX_INPUT_BYTES)
            text, encoding = decode_bytes(data)
        except (ReadError, DecodeError) as exc:
            QMessageBox.warning(self, "voicecheck", tr("Cannot open {0}: {1}", path, str(exc)))
            self._forget_recent(path)
            return False
        self.load_draft(text, path)
        self._draft_bytes = (encoding, data)
        self.statusBar().showMessage(tr("Opened {0}", path), 5000)
        return True

    def new_draft(self) -> None:
        if self.maybe_save_draft():
            self.load_draft("", None)

    def save_draft(self) -> bool:
        if self.draft_path is None:
            return self.save_draft_as()
        return self._write_draft(self.draft_path)

    def save_draft_as(self) -> bool:
        if self.draft_path is not None:
            start = str(self.draft_path)
        else:
            start = _saved_name(self.draft_origin) if self.draft_origin else "draft.txt"
        name, _ = QFileDialog.getSaveFileName(self, tr("Save Draft As…"), start,
                                              tr("Drafts (*.txt *.md);;All files (*)"))
        return bool(name) and self._write_draft(Path(name))

    def _encoded(self, path: Path) -> bytes:
        """The draft's bytes: in the encoding its file was read in when saved back to it
        (GB18030 stays GB18030) and that encoding can hold the text, else UTF-8."""
        text = self.review.text()
        if self._draft_bytes is not None and path == self.draft_path:
            encoding, original = self._draft_bytes
            try:
                return encode_like(text, encoding, original)
            except (UnicodeEncodeError, LookupError, KeyError):
                self.statusBar().showMessage(
                    tr("{0} cannot hold every character now in the draft: saved as UTF-8.",
                       encoding), 10000)
        return text.encode("utf-8")

    def _write_draft(self, path: Path) -> bool:
        try:
            data = self._encoded(path)
            write_atomic(path, data)  # keeps the file's mode, owner and links
        except OSError as exc:
            QMessageBox.warning(self, "voicecheck", tr("Cannot save {0}: {1}", path,
                                                       exc.strerror or exc))
            return False
        if path != self.draft_path:
            self._draft_bytes = None
        elif self._draft_bytes is not None:
            self._draft_bytes = (self._draft_bytes[0], data)
        self.draft_path, self.draft_origin = path, None
        self.review.editor.document().setModified(False)
        self._add_recent(path)
        self._update_title()
        self.statusBar().showMessage(tr("Saved {0}", path), 5000)
        return True

    def maybe_save_draft(self) -> bool:
        """Ask Save/Discard/Cancel about a modified draft; False means cancel."""
        doc = self.review.editor.document()
        if not doc.isModified() or not self.review.text().strip():
            return True
        answer = QMessageBox.question(
            self, tr("Unsaved draft"), tr("The draft has unsaved changes. Save them?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save_draft()
        return answer == QMessageBox.StandardButton.Discard

    def open_post(self, report: Report, run_guide: Guide | None) -> None:
        """A post from the Batch table, opened for review as the batch scored it: the
        same channel profile (a channel the guide does not define used the defaults)
        and its campaign findings, which compare it with posts Review cannot see.
        The copy is not tied to its file or export (Save asks where)."""
        if not self.maybe_save_draft():
            return
        self.load_draft(report.text, None, origin=report.source or report.file)
        known = report.channel in self.guide.channels
        self.review.set_channel(report.channel if known else None)
        self.review.set_context([f for f in report.findings if f.rule.startswith("campaign.")])
        if run_guide is not None and run_guide is not self.guide:
            message = tr("The style guide changed after the batch ran: the post is scored "
                         "with the current one.")
        else:
            message = tr("The post is scored as in the batch ({0}, {1}).",
                         i18n.channel_label(report.channel if known else None),
                         guide_label(i18n.language().code, self.guide,
                                     self.guide_path.name if self.guide_path else None))
        self.statusBar().showMessage(message, 15000)

    # recent files -----------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        return [value] if isinstance(value, str) else list(value or [])

    def _add_recent(self, path: Path) -> None:
        if not self.persistent:
            return
        p = str(path.resolve())
        files = [p, *[f for f in self.recent_files() if f != p]][:MAX_RECENT]
        self.settings.setValue("recentFiles", files)

    def _forget_recent(self, path: Path) -> None:
        if self.persistent:
            p = str(path.resolve())
            self.settings.setValue("recentFiles", [f for f in self.recent_files() if f != p])

    def _fill_recent(self) -> None:
        self.menu_recent.clear()
        for f in self.recent_files():
            act = self.menu_recent.addAction(f)
            act.triggered.connect(lambda _=False, f=f: self.open_draft(f))
        self.menu_recent.addSeparator()
        clear = self.menu_recent.addAction(tr("Clear Recent"))
        clear.triggered.connect(lambda: self.settings.setValue("recentFiles", []))
        clear.setEnabled(bool(self.recent_files()))

    # guides -----------------------------------------------------------------------------
    def open_guide(self, path: str | Path | None) -> bool:
        if path is None:
            path = self._choose(tr("Open Style Guide…"),
                                tr("Style guides (*.yaml *.yml);;All files (*)"), self.guide_path)
            if path is None:
                return False
        path = Path(path)
        if self.has_guide_editor() and not self.guide_editor.maybe_save():
            return False
        try:
            guide = load_guide(path)
        except GuideError as exc:
            if self.has_guide_editor():  # show the problems where they can be fixed
                self.guide_editor.load(path)
                self.tabs.setCurrentWidget(self.guide_editor)
            QMessageBox.warning(self, tr("The guide has problems"),
                                "\n".join(str(p) for p in exc.problems[:12]))
            return False
        self.guide_path = path
        if self.has_guide_editor():
            self.guide_editor.load(path)
        self.use_guide(guide)
        if self.persistent:
            self.settings.setValue("guide/path", str(path.resolve()))
        return True

    def use_builtin_guide(self) -> None:
        if self.has_guide_editor() and not self.guide_editor.maybe_save():
            return
        self.guide_path = None
        if self.has_guide_editor():
            self.guide_editor.load(None)
        self.use_guide(load_guide(None))
        if self.persistent:
            self.settings.remove("guide/path")

    def use_guide(self, guide: Guide) -> None:
        """A guide was opened or edited: re-score the draft and the batch with it."""
        self._loaded = guide
        self.guide = self._effective(guide)
        self.review.set_guide(self.guide)
        if hasattr(self.batch, "set_guide"):
            self.batch.set_guide(self.guide)
        self._update_guide_label()
        self.guideInUse.emit(self.guide)

    def _effective(self, guide: Guide) -> Guide:
        return replace(guide, spacy_model=self.spacy_model) if self.spacy_model else guide

    def choose_pipeline(self) -> None:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(tr("English Pipeline"))
        dialog.setLabelText(
            tr("An installed spaCy English pipeline (a package such as en_core_web_sm, or a "
               "folder) adds part-of-speech rules and named entities. Leave empty for the "
               "style guide's choice."))
        dialog.setTextValue(self.spacy_model or "")
        for label in dialog.findChildren(QLabel):
            label.setWordWrap(True)
        if dialog.exec():
            self.set_pipeline(dialog.textValue().strip() or None)

    def set_pipeline(self, name: str | None) -> bool:
        """Use the English pipeline `name` (None: the guide's), if it is installed; the
        first check after loads it, off the UI thread."""
        from ..text import english

        if name and not english.installed(name):
            QMessageBox.warning(self, tr("English Pipeline"),
                                tr("spaCy pipeline '{0}' is not installed (pip install it, "
                                   "or name a pipeline folder).", name))
            return False
        self.spacy_model = name
        if self.persistent:
            if name:
                self.settings.setValue(PIPELINE_KEY, name)
            else:
                self.settings.remove(PIPELINE_KEY)
        self.use_guide(self._loaded)
        self.review.runner.warm_up_english(self.guide.spacy_model)
        return True

    def _guide_problems(self, problems: list) -> None:
        index = self.tabs.indexOf(self.guide_editor)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.tabs.setTabIcon(index, warning if problems else QIcon())

    def _update_guide_label(self) -> None:
        file = self.guide_path.name if self.guide_path else None
        self.guide_label.setText(tr("Guide: {0}", guide_label(i18n.language().code, self.guide,
                                                              file)))

    def _remember_channel(self, name: str | None) -> None:
        if self.persistent:
            self.settings.setValue("review/channel", name or "")

    # autosave and crash recovery ---------------------------------------------------------
    def _autosave_path(self) -> Path:
        return autosave_dir() / "autosave.txt"

    def _recovered_path(self) -> Path:
        return autosave_dir() / "recovered.txt"

    def _mark_autosave(self) -> None:
        self._autosave_pending = True

    def autosave(self) -> None:
        if not self._autosave_pending or not self.persistent:
            return
        self._autosave_pending = False
        try:
            write_atomic(self._autosave_path(), [self.review.text()])
        except OSError as exc:
            self.statusBar().showMessage(tr("Cannot save {0}: {1}", self._autosave_path(),
                                            exc.strerror), 8000)

    def begin_session(self, have_file: bool) -> None:
        """Called once at start-up: recover the autosave if the last run did not close."""
        if not self.persistent:
            return
        crashed = self.settings.value("session/running", False, type=bool)
        self.settings.setValue("session/running", True)
        self.settings.sync()
        autosaved = self._autosave_path()
        if crashed and autosaved.is_file() and _read_autosave(autosaved).strip():
            try:
                os.replace(autosaved, self._recovered_path())
            except OSError:
                return
            self.act_recover.setEnabled(True)
            if have_file:
                self.statusBar().showMessage(tr(
                    "A draft was autosaved before the last unexpected exit: "
                    "File ▸ Recover Autosaved Draft."), 15000)
            else:
                self.recover_draft()

    def recover_draft(self) -> None:
        text = _read_autosave(self._recovered_path())
        if not text.strip():
            self.act_recover.setEnabled(False)
            return
        if not self.maybe_save_draft():
            return
        self.load_draft(text, None)
        self.review.editor.document().setModified(True)
        self.statusBar().showMessage(
            tr("Restored the draft autosaved before the last unexpected exit."), 15000)

    # settings ---------------------------------------------------------------------------
    def restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        self.review.restore_state(self.settings)
        self.tabs.setCurrentIndex(int(self.settings.value("window/tab", 0)))
        folder = str(self.settings.value("batch/folder", ""))
        if folder and Path(folder).is_dir() and hasattr(self.batch, "set_folder"):
            self.batch.set_folder(folder)

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/tab", self.tabs.currentIndex())
        if hasattr(self.batch, "folder_edit"):
            self.settings.setValue("batch/folder", self.batch.folder_edit.text())
        self.review.save_state(self.settings)

    # window events ----------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.has_guide_editor() and not self.guide_editor.maybe_save():
            event.ignore()
            return
        if self.persistent and not self.maybe_save_draft():
            event.ignore()
            return
        if self.persistent:
            self.save_settings()
            self.settings.setValue("session/running", False)
            self._autosave_path().unlink(missing_ok=True)
            self.settings.sync()
        self.review.runner.wait(5000)
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile() and Path(url.toLocalFile()).is_file():
                self.open_draft(url.toLocalFile())
                event.acceptProposedAction()
                return

    def _help_window(self, title: str) -> HelpPage:
        if self._help is None:
            self._help = HelpPage(title, self)
        self._help.setWindowTitle(title)
        return self._help

    def show_help(self, page: str) -> None:
        """Help ▸ a docs/ page, the same one README links to."""
        title = tr("Style Guide Format") if page == GUIDE_FORMAT else tr("Report Formats")
        window = self._help_window(title)
        window.show_page(page)
        window.show()
        window.raise_()

    def show_shortcuts(self) -> None:
        window = self._help_window(tr("Keyboard Shortcuts"))
        window.show_html(shortcuts_html(self._actions, [
            (tr("Undo (a suggestion or a conversion too)"),
             QKeySequence(QKeySequence.StandardKey.Undo).toString(
                 QKeySequence.SequenceFormat.NativeText)),
            (tr("Batch: run"), QKeySequence("Ctrl+Return").toString(
                QKeySequence.SequenceFormat.NativeText)),
            (tr("Batch: cancel the run"), "Esc"),
            (tr("Batch: open the post in Review"), tr("Enter or double-click")),
        ]))
        window.show()
        window.raise_()

    def about(self) -> None:
        from .. import __version__

        QMessageBox.about(self, tr("About voicecheck"),
                          f"<b>voicecheck {__version__}</b><p>"
                          + tr("Check social posts against your brand's style guide.") + "</p>")
