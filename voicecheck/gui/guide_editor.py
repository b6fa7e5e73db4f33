"""Style guide editor: forms over the guide as written, kept in sync with its YAML.

The editor holds the guide AS WRITTEN (packs not applied). Every form edit dumps it to
YAML and re-parses that text exactly as `voicecheck guide validate` would (packs
applied, same located messages), so what the brand lead sees is what the CLI will say.
A YAML edit goes the other way: when the text reads as a guide the forms are refreshed,
otherwise the forms are frozen on the last good version and the problems are listed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase, QIcon, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStyle,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..guide import (
    LOCALES,
    Guide,
    GuideError,
    Problem,
    builtin_packs,
    default_guide_path,
    load_guide,
    parse_guide,
    save_text,
)
from ..guide.loader import BUILTIN_PREFIX, UnreadableGuide, guide_text, parse_own_guide
from ..guide.model import BUILTIN_SOURCE, TONE_DIMENSIONS
from ..guide.splice import rewrite
from . import tooltip
from .guide_problems import compose, key_path
from .row_table import RecordTable, problem_colour, split_words
from .strings import tr, tr_n
from .terms_table import (
    channels_model,
    claims_model,
    new_channel,
    new_claim,
    new_term,
    terms_model,
)
from .tone_form import ToneForm

FORM_DELAY_MS = 150   # coalesce slider drags and typing in form fields
YAML_DELAY_MS = 400   # wait for a pause in YAML typing before re-reading it
TABS = ("General", "Terms", "Channels", "Promotion", "YAML")


def read_own_text(text: str, file: str) -> tuple[Guide | None, list[Problem]]:
    """The guide as written from YAML text, or the problems that stop it being read."""
    try:
        return parse_own_guide(text, file), []
    except GuideError as err:
        return None, list(err.problems)


class GuideEditor(QWidget):
    """Forms + YAML view for one style guide file (or the built-in default)."""

    guideChanged = Signal(object)     # the effective, validated Guide after each valid edit
    problemsChanged = Signal(list)    # list[Problem]; [] when valid
    dirtyChanged = Signal(bool)
    pathChanged = Signal(object)      # Path | None

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.path: Path | None = None
        self._draft = False  # the YAML is a draft not saved anywhere yet (a learned guide)
        self._own = Guide()
        self._effective: Guide | None = None
        self._problems: list[Problem] = []
        self._text = ""
        self._saved_text = ""
        self._validated_text: str | None = None
        self._forms_in_sync = True
        self._updating = False
        self._was_dirty = False
        self._texts: list[tuple[Callable[[str], None], str]] = []
        self._form_timer = _single_shot(self, FORM_DELAY_MS, self._validate)
        self._yaml_timer = _single_shot(self, YAML_DELAY_MS, self._apply_yaml)
        self._build()
        self.load(None)

    # ------------------------------------------------------------------ public API
    def load(self, path: Path | None) -> None:
        """Open a guide file; None = the built-in default (Save then asks where)."""
        problems: list[Problem] = []
        text = ""
        if path is not None:
            try:
                text = guide_text(path)
            except UnreadableGuide as exc:
                problems.append(Problem(str(path), exc.line, exc.column, f"guide {exc}"))
                path = None
        if path is None:
            text = default_guide_path().read_text(encoding="utf-8")
        self.path = Path(path) if path is not None else None
        self._draft = False
        self._saved_text = text
        self._set_yaml_text(text)
        self._text = text
        self._validated_text = None
        self._apply_yaml()
        if problems:
            self._show_problems(problems + self._problems)
        self._update_title()
        self.pathChanged.emit(self.path)

    def load_draft(self, text: str) -> None:
        """Open YAML that is not a file yet (a learned draft): unsaved, Save asks where."""
        self.path = None
        self._draft = True
        self._saved_text = ""
        self._set_yaml_text(text)
        self._text = text
        self._validated_text = None
        self._apply_yaml()
        self._update_title()
        self.pathChanged.emit(None)

    def learn_from_posts(self, folder: Path | str | None = None) -> bool:
        """Style guide ▸ Learn from Posts…: True when a draft was opened."""
        from .learn_dialog import LearnDialog

        if not self.maybe_save():
            return False
        dialog = LearnDialog(folder, self)
        if dialog.exec() != LearnDialog.DialogCode.Accepted or dialog.learned is None:
            return False
        self.load_draft(dialog.draft_text())
        self.tabs.setCurrentIndex(TABS.index("YAML"))
        return True

    def import_terms(self, path: Path | str | None = None) -> bool:
        """Fold a CSV or TBX term base into the guide's terms (an edit like any other:
        the YAML keeps its comments, Save writes it)."""
        from ..termbase import merge, read_terms

        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, tr("Import Terms"), "",
                                                  tr("Term bases (*.tbx *.csv *.tsv);;All files (*)"))
            if not path:
                return False
        try:
            imported, notes = read_terms(path)
        except GuideError as exc:
            self._term_problem(tr("Cannot import {0}", Path(path).name), exc.problems)
            return False
        self.flush()
        if not self._forms_in_sync:
            return False
        terms, replaced, added = merge(self._own.terms, imported)
        self._edit(setattr, self._own, "terms", terms)
        self.terms_model.set_rows(self._own.terms)
        self.tabs.setCurrentIndex(TABS.index("Terms"))
        self.status_label.setText(tr("Imported {0}: {1} added, {2} replaced", Path(path).name,
                                     added, replaced) + ("; " + "; ".join(notes[:3]) if notes else ""))
        return True

    def export_terms(self, path: Path | str | None = None) -> bool:
        from ..termbase import write_terms

        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, tr("Export Terms"), "terms.tbx",
                                                  tr("TBX term base (*.tbx);;CSV, UTF-8 (*.csv)"))
            if not path:
                return False
        try:
            write_terms(self._own.terms, path, self._own.language,
                        self._own.brand.name or (self.path.stem if self.path else ""))
        except (OSError, ValueError) as exc:
            QMessageBox.critical(self, tr("Cannot export"), str(exc))
            return False
        self.status_label.setText(tr("Exported {0}", Path(path).name))
        return True

    def _term_problem(self, title: str, problems: list[Problem]) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, str(problems[0]),
                          QMessageBox.StandardButton.Ok, self)
        if len(problems) > 1:
            box.setDetailedText("\n".join(str(p) for p in problems))
        box.exec()

    def current_guide(self) -> Guide:
        """The effective guide (packs applied) of the last valid state of the editor."""
        self.flush()
        return self._effective if self._effective is not None else load_guide(None)

    def own_guide(self) -> Guide:
        """The guide as written (packs not applied), as the forms show it."""
        return self._own

    def problems(self) -> list[Problem]:
        self.flush()
        return list(self._problems)

    def text(self) -> str:
        return self.yaml_view.toPlainText()

    def is_dirty(self) -> bool:
        return self.yaml_view.toPlainText() != self._saved_text

    def flush(self) -> None:
        """Apply pending debounced edits now (before saving, reading or quitting)."""
        if self._yaml_timer.isActive():
            self._yaml_timer.stop()
            self._apply_yaml()
        if self._form_timer.isActive():
            self._form_timer.stop()
            self._validate()

    def maybe_save(self) -> bool:
        """Ask Save/Discard/Cancel when there are unsaved changes; False = cancel quit."""
        self.flush()
        if not self.is_dirty():
            return True
        name = self.path.name if self.path else tr("built-in default guide")
        box = QMessageBox(QMessageBox.Icon.Question, tr("Unsaved style guide"),
                          tr("The style guide {0} has unsaved changes. Save them?", name),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def save(self) -> bool:
        """Write the YAML atomically (previous file kept as .bak); True when written."""
        self.flush()
        if self.path is None:
            return self.save_as()
        return self._write(self.path)

    def save_as(self) -> bool:
        self.flush()
        start = str(self.path) if self.path else "styleguide.yaml"
        name, _ = QFileDialog.getSaveFileName(self, tr("Save Style Guide As"), start,
                                              tr("Style guides (*.yaml *.yml);;All files (*)"))
        if not name:
            return False
        return self._write(Path(name))

    def retranslate(self) -> None:
        for setter, text in self._texts:
            setter(tr(text))
        for i, name in enumerate(TABS):
            self.tabs.setTabText(i, tr(name))
        for w in (self.voice_tone, self.channel_tone, self.terms, self.channels, self.claims):
            w.retranslate()
        self._show_problems(self._problems)
        self._update_title()

    # ------------------------------------------------------------------ building
    def _t(self, setter: Callable[[str], None], text: str) -> None:
        """Set a UI string now and again whenever the language changes."""
        self._texts.append((setter, text))
        setter(tr(text))

    def _build(self) -> None:
        self.path_label = QLabel()
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label = QLabel()
        self.save_button = QPushButton()
        self.save_as_button = QPushButton()
        self._t(self.save_button.setText, "Save")
        self._t(self.save_as_button.setText, "Save As…")
        self.save_button.clicked.connect(self.save)
        self.save_as_button.clicked.connect(self.save_as)
        self.learn_button = QPushButton()
        self._t(self.learn_button.setText, "Learn from Posts…")
        self.learn_button.setToolTip(tr("Propose a guide from a folder of approved posts"))
        self.learn_button.clicked.connect(lambda: self.learn_from_posts())
        # No Ctrl+S here: the main window owns it (a second one would be ambiguous) and
        # routes it to save() while this workspace is shown.
        self.save_button.setToolTip(tr("Save the guide (backup kept as .bak)"))
        top = QHBoxLayout()
        top.addWidget(self.path_label, 1)
        top.addWidget(self.status_label)
        top.addWidget(self.learn_button)
        top.addWidget(self.save_button)
        top.addWidget(self.save_as_button)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self._t(self.banner.setText, "The YAML has errors: the forms show the last version that "
                "could be read and are read-only until the YAML is fixed.")
        self.banner.setVisible(False)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._general_page(), "")
        self.tabs.addTab(self._terms_page(), "")
        self.tabs.addTab(self._channels_page(), "")
        self.tabs.addTab(self._promotion_page(), "")
        self.tabs.addTab(self._yaml_page(), "")
        for i, name in enumerate(TABS):
            self.tabs.setTabText(i, tr(name))
        # leaving the YAML tab applies pending YAML edits before any form can be touched
        self.tabs.currentChanged.connect(lambda _i: self.flush())

        self.problem_list = QListWidget()
        self.problem_list.setWordWrap(True)
        self.problem_list.itemActivated.connect(self._go_to_problem)
        self.problem_list.itemClicked.connect(self._go_to_problem)
        problems_box = QWidget()
        pl = QVBoxLayout(problems_box)
        pl.setContentsMargins(0, 0, 0, 0)
        self.problems_title = QLabel()
        self._t(self.problems_title.setText, "Problems")
        pl.addWidget(self.problems_title)
        pl.addWidget(self.problem_list)

        split = QSplitter(Qt.Orientation.Vertical)
        tabs_box = QWidget()
        tl = QVBoxLayout(tabs_box)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.banner)
        tl.addWidget(self.tabs, 1)
        split.addWidget(tabs_box)
        split.addWidget(problems_box)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    def _general_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.brand_name = QLineEdit()
        self.brand_name.textEdited.connect(lambda v: self._edit(self._set_brand_name, v))
        self.aliases: dict[str, QLineEdit] = {}
        alias_box = QWidget()
        grid = QGridLayout(alias_box)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, loc in enumerate(LOCALES):
            edit = QLineEdit()
            edit.setAccessibleName(f"alias {loc}")
            edit.textEdited.connect(lambda v, loc=loc: self._edit(self._set_alias, loc, v))
            grid.addWidget(QLabel(loc), i // 2, (i % 2) * 2)
            grid.addWidget(edit, i // 2, (i % 2) * 2 + 1)
            self.aliases[loc] = edit
        self.language = QComboBox()
        self.language.addItems(LOCALES)
        self.language.currentTextChanged.connect(
            lambda v: self._edit(setattr, self._own, "language", v))
        self.packs = QListWidget()
        self.packs.itemChanged.connect(lambda _item: self._edit(self._set_extends))
        self.summary = QPlainTextEdit()
        self.summary.setTabChangesFocus(True)
        self.summary.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.summary.textChanged.connect(
            lambda: self._edit(setattr, self._own.voice, "summary",
                               self.summary.toPlainText()))
        self.voice_tone = ToneForm("no target")
        self.voice_tone.edited.connect(
            lambda: self._edit(setattr, self._own.voice, "tone", self.voice_tone.ranges()))
        self.pass_mark = QSpinBox()
        self.pass_mark.setRange(0, 100)
        self.pass_mark.valueChanged.connect(
            lambda v: self._edit(setattr, self._own.scoring, "pass_score", v))
        rows: list[tuple[str, QWidget]] = [
            ("Brand name", self.brand_name), ("Brand name by language", alias_box),
            ("Default language", self.language), ("Packs (extends)", self.packs),
            ("Voice summary", self.summary), ("Tone targets", self.voice_tone),
            ("Pass mark", self.pass_mark),
        ]
        self._add_rows(form, rows)
        self.packs.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.pass_mark.setMaximumWidth(self.fontMetrics().averageCharWidth() * 12 + 40)
        self.language.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return _scroll(page)

    def _terms_page(self) -> QWidget:
        self.terms_model = terms_model(self)
        self.terms = RecordTable(self.terms_model, new_term,
                                 {"search": "Search terms…", "add": "Add Term",
                                  "delete": "Delete"})
        self.terms_model.edited.connect(lambda: self._edit(None))
        self.terms_model.rejected.connect(self._rejected)
        import_button, export_button = QPushButton(), QPushButton()
        self._t(import_button.setText, "Import Terms…")
        self._t(export_button.setText, "Export Terms…")
        import_button.setToolTip(tr("Fold a term base (TBX or CSV) into these terms"))
        export_button.setToolTip(tr("Write these terms as a TBX-Basic or CSV term base"))
        import_button.clicked.connect(lambda: self.import_terms())
        export_button.clicked.connect(lambda: self.export_terms())
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(import_button)
        row.addWidget(export_button)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.terms, 1)
        layout.addLayout(row)
        return page

    def _channels_page(self) -> QWidget:
        self.channels_model = channels_model(self)
        self.channels = RecordTable(
            self.channels_model, lambda: new_channel(self.channels_model.rows),
            {"search": "Search channels…", "add": "Add Channel", "delete": "Delete"},
            searchable=False)
        self.channels_model.edited.connect(lambda: self._edit(self._set_channels))
        self.channels_model.rejected.connect(self._rejected)
        self.channels.view.selectionModel().currentRowChanged.connect(
            lambda *_: self._show_channel_tone())
        self.channels.view.horizontalHeader().setStretchLastSection(False)
        self.channel_tone_box = QGroupBox()
        self.channel_tone = ToneForm("inherits voice")
        self.channel_tone.edited.connect(lambda: self._edit(self._set_channel_tone))
        QVBoxLayout(self.channel_tone_box).addWidget(self.channel_tone)
        page = QSplitter(Qt.Orientation.Vertical)
        page.addWidget(self.channels)
        page.addWidget(self.channel_tone_box)
        page.setStretchFactor(0, 3)
        page.setStretchFactor(1, 1)
        return page

    def _promotion_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.max_exclamations = _optional_spin()
        self.max_emoji = _optional_spin()
        self.max_exclamations.valueChanged.connect(
            lambda v: self._edit(setattr, self._own.promotion, "max_exclamations",
                                 None if v < 0 else v))
        self.max_emoji.valueChanged.connect(
            lambda v: self._edit(setattr, self._own.promotion, "max_emoji",
                                 None if v < 0 else v))
        self.allow = QLineEdit()
        self.allow.textEdited.connect(
            lambda v: self._edit(setattr, self._own.promotion, "allow", split_words(v)))
        self.claims_model = claims_model(self)
        self.claims = RecordTable(self.claims_model, new_claim,
                                  {"search": "Search claims…", "add": "Add Claim",
                                   "delete": "Delete"})
        self.claims_model.edited.connect(lambda: self._edit(None))
        self.claims_model.rejected.connect(self._rejected)
        rows: list[tuple[str, QWidget]] = [
            ("Most exclamation marks", self.max_exclamations),
            ("Most emoji", self.max_emoji),
            ("Never flag (comma-separated)", self.allow),
            ("Extra banned claims", self.claims),
        ]
        self._add_rows(form, rows)
        self._t(self.max_exclamations.setSpecialValueText, "not set")
        self._t(self.max_emoji.setSpecialValueText, "not set")
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for spin in (self.max_exclamations, self.max_emoji):
            spin.setMinimumWidth(self.fontMetrics().horizontalAdvance(tr("not set")) + 40)
        return page

    def _yaml_page(self) -> QWidget:
        self.yaml_view = QPlainTextEdit()
        self.yaml_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.yaml_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.yaml_view.textChanged.connect(self._yaml_edited)
        hint = QLabel()
        hint.setWordWrap(True)
        self._t(hint.setText, "Edits here update the forms after a short pause. Form edits "
                "rewrite only the lines they change; comments elsewhere are kept.")
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(hint)
        layout.addWidget(self.yaml_view, 1)
        return page

    def _add_rows(self, form: QFormLayout, rows: list[tuple[str, QWidget]]) -> None:
        """Labelled form rows; the labels follow the UI language and focus their field."""
        for text, widget in rows:
            label = QLabel()
            label.setBuddy(widget)
            self._t(label.setText, text)
            form.addRow(label, widget)

    # ------------------------------------------------------------------ forms -> guide
    def _edit(self, apply: Callable[..., object] | None, *args: object) -> None:
        """A user edit in a form: update the guide as written, regenerate the YAML."""
        if self._updating or not self._forms_in_sync:
            return
        if apply is not None:
            apply(*args)
        text = rewrite(self._text, self._own, self._label())
        self._set_yaml_text(text)
        self._text = text
        self._form_timer.start()
        self._update_title()

    def _set_brand_name(self, value: str) -> None:
        self._own.brand.name = value.strip()

    def _set_alias(self, locale: str, value: str) -> None:
        aliases = {k: v for k, v in self._own.brand.aliases.items() if k != locale}
        if value.strip():
            aliases[locale] = value.strip()
        self._own.brand.aliases = {loc: aliases[loc] for loc in LOCALES if loc in aliases}

    def _set_extends(self) -> None:
        checked = [self.packs.item(i).data(Qt.ItemDataRole.UserRole)
                   for i in range(self.packs.count())
                   if self.packs.item(i).checkState() == Qt.CheckState.Checked]
        kept = [e for e in self._own.extends if e in checked]
        self._own.extends = kept + [e for e in checked if e not in kept]

    def _set_channels(self) -> None:
        self._own.channels = {c.name: c for c in self.channels_model.rows}
        self._show_channel_tone()

    def _selected_channel_row(self) -> int | None:
        index = self.channels.view.currentIndex()
        if not index.isValid():
            return None
        return self.channels.proxy.mapToSource(index).row()

    def _set_channel_tone(self) -> None:
        row = self._selected_channel_row()
        if row is not None:
            self.channels_model.rows[row].tone = self.channel_tone.ranges()

    def _show_channel_tone(self) -> None:
        row = self._selected_channel_row()
        was, self._updating = self._updating, True
        try:
            if row is None or row >= len(self.channels_model.rows):
                self.channel_tone_box.setTitle(tr("Tone overrides (select a channel)"))
                self.channel_tone.set_ranges({})
                self.channel_tone.setEnabled(False)
            else:
                ch = self.channels_model.rows[row]
                self.channel_tone_box.setTitle(tr("Tone overrides for {0}", ch.name))
                self.channel_tone.set_ranges(ch.tone)
                self.channel_tone.setEnabled(True)
        finally:
            self._updating = was

    def _rejected(self, message: str) -> None:
        self.status_label.setText(message)

    # ------------------------------------------------------------------ guide -> forms
    def _populate(self) -> None:
        g = self._own
        was, self._updating = self._updating, True
        try:
            _set_line(self.brand_name, g.brand.name)
            for loc, edit in self.aliases.items():
                _set_line(edit, g.brand.aliases.get(loc, ""))
            self.language.setCurrentText(g.language)
            self.packs.clear()
            names = [BUILTIN_PREFIX + p for p in builtin_packs()]
            names += [e for e in g.extends if e not in names]
            for name in names:
                item = QListWidgetItem(name)
                item.setData(Qt.ItemDataRole.UserRole, name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if name in g.extends
                                   else Qt.CheckState.Unchecked)
                self.packs.addItem(item)
            if self.summary.toPlainText() != g.voice.summary:
                self.summary.setPlainText(g.voice.summary)
            self.voice_tone.set_ranges(g.voice.tone)
            self.pass_mark.setValue(g.scoring.pass_score)
            self.terms_model.set_rows(g.terms)
            self.terms.fit_columns()
            selected = self._selected_channel_row()
            self.channels_model.set_rows(list(g.channels.values()))
            self.channels.fit_columns()
            if g.channels:
                row = min(selected or 0, len(g.channels) - 1)
                self.channels.view.setCurrentIndex(
                    self.channels.proxy.mapFromSource(self.channels_model.index(row, 0)))
            self.max_exclamations.setValue(_spin_value(g.promotion.max_exclamations))
            self.max_emoji.setValue(_spin_value(g.promotion.max_emoji))
            _set_line(self.allow, ", ".join(g.promotion.allow))
            self.claims_model.set_rows(g.promotion.claims)
            self.claims.fit_columns()
        finally:
            self._updating = was
        self._show_channel_tone()

    def _set_forms_in_sync(self, on: bool) -> None:
        self._forms_in_sync = on
        self.banner.setVisible(not on)
        for i in range(self.tabs.count() - 1):
            self.tabs.widget(i).setEnabled(on)

    # ------------------------------------------------------------------ YAML -> guide
    def _set_yaml_text(self, text: str) -> None:
        if self.yaml_view.toPlainText() == text:
            return
        was, self._updating = self._updating, True
        try:
            bar = self.yaml_view.verticalScrollBar().value()
            self.yaml_view.setPlainText(text)
            self.yaml_view.verticalScrollBar().setValue(bar)
        finally:
            self._updating = was

    def _yaml_edited(self) -> None:
        if self._updating:
            return
        self._yaml_timer.start()
        self._update_title()

    def _apply_yaml(self) -> None:
        """Re-read the YAML text: refresh the forms when it reads as a guide."""
        self._text = self.yaml_view.toPlainText()
        own, _problems = read_own_text(self._text, self._label())
        if own is not None:
            self._own = own
            self._populate()
        self._set_forms_in_sync(own is not None)
        self._validate()
        self._update_title()

    # ------------------------------------------------------------------ validation
    def _label(self) -> str:
        return str(self.path) if self.path else BUILTIN_SOURCE

    def _base_dir(self) -> Path:
        return self.path.resolve().parent if self.path else default_guide_path().parent

    def _validate(self) -> None:
        """Parse the current text like `voicecheck guide validate` and publish the result."""
        if self._text == self._validated_text:
            return
        self._validated_text = self._text
        try:
            guide = parse_guide(self._text, self._label(), self._base_dir())
        except GuideError as exc:
            self._show_problems(exc.problems)
            self.problemsChanged.emit(list(exc.problems))
            return
        self._effective = guide
        self._show_problems([])
        self.problemsChanged.emit([])
        self.guideChanged.emit(guide)

    def _show_problems(self, problems: list[Problem]) -> None:
        self._problems = list(problems)
        self.problem_list.clear()
        warn = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        root = compose(self._text)
        here = self._label()
        marks: dict[str, list[str]] = {}
        term_rows: dict[int, list[str]] = {}
        claim_rows: dict[int, list[str]] = {}
        channel_rows: dict[int, list[str]] = {}
        tabs_hit: set[int] = set()
        names = [c.name for c in self.channels_model.rows]
        for p in problems:
            item = QListWidgetItem(warn, str(p))
            path = key_path(root, p.line, p.column) if p.file == here else ()
            item.setData(Qt.ItemDataRole.UserRole, (p.file, p.line, p.column, path))
            self.problem_list.addItem(item)
            if p.file != here:
                continue
            tabs_hit.add(TABS.index("YAML"))
            tab, target = self._target(path)
            if tab is not None:
                tabs_hit.add(tab)
            if target is None:
                continue
            kind, key = target
            bucket = {"term": term_rows, "claim": claim_rows, "channel": channel_rows}.get(kind)
            if bucket is not None:
                row = names.index(key) if kind == "channel" and key in names else key
                if isinstance(row, int):
                    bucket.setdefault(row, []).append(p.message)
            else:
                marks.setdefault(str(key), []).append(p.message)
        self.terms_model.set_problems(term_rows)
        self.claims_model.set_problems(claim_rows)
        self.channels_model.set_problems(channel_rows)
        for name, widget in self._markable().items():
            _mark(widget, marks.get(name))
        for i in range(self.tabs.count()):
            self.tabs.setTabIcon(i, warn if i in tabs_hit else QIcon())
        self._highlight_yaml_lines(problems, here)
        if problems:
            self.status_label.setText(tr_n(len(problems), "{0} problem", "{0} problems"))
        else:
            self.status_label.setText(tr("Valid"))
        self.problems_title.setText(tr("Problems") + f" ({len(problems)})")

    def _markable(self) -> dict[str, QWidget]:
        out: dict[str, QWidget] = {
            "brand.name": self.brand_name, "brand.aliases": self.aliases[LOCALES[0]].parentWidget(),
            "language": self.language, "extends": self.packs, "voice.summary": self.summary,
            "voice.tone": self.voice_tone, "scoring": self.pass_mark,
            "promotion.max_exclamations": self.max_exclamations,
            "promotion.max_emoji": self.max_emoji, "promotion.allow": self.allow,
        }
        for dim in TONE_DIMENSIONS:
            out[f"voice.tone.{dim}"] = self.voice_tone.sliders[dim]
        for loc, edit in self.aliases.items():
            out[f"brand.aliases.{loc}"] = edit
        return out

    def _target(self, path: tuple[str | int, ...]) -> tuple[int | None, tuple[str, object] | None]:
        """(tab index, (kind, key)) of the form field a YAML key path belongs to."""
        if not path:
            return None, None
        head = path[0]
        tab = {"terms": 1, "channels": 2, "promotion": 3}.get(str(head), 0)
        if head == "terms" and len(path) > 1:
            return tab, ("term", path[1])
        if head == "channels" and len(path) > 1:
            return tab, ("channel", path[1])
        if head == "promotion" and len(path) > 2 and path[1] in ("claims", "hard_sell"):
            return tab, ("claim", path[2]) if path[1] == "claims" else None
        markable = self._markable()
        for n in range(len(path), 0, -1):
            key = ".".join(str(k) for k in path[:n])
            if key in markable:
                return tab, ("field", key)
        return tab, None

    def _highlight_yaml_lines(self, problems: list[Problem], here: str) -> None:
        selections = []
        colour = problem_colour(self.palette())
        doc = self.yaml_view.document()
        for p in problems:
            if p.file != here:
                continue
            block = doc.findBlockByNumber(p.line - 1)
            if not block.isValid():
                continue
            sel = QTextEdit.ExtraSelection()
            sel.format.setBackground(colour)
            sel.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            sel.format.setToolTip(tooltip.plain(p.message))
            sel.cursor = QTextCursor(block)
            selections.append(sel)
        self.yaml_view.setExtraSelections(selections)

    def _go_to_problem(self, item: QListWidgetItem) -> None:
        file, line, column, path = item.data(Qt.ItemDataRole.UserRole)
        if file != self._label():
            return
        tab, target = self._target(tuple(path))
        if self._forms_in_sync and tab is not None:
            self.tabs.setCurrentIndex(tab)
            if target is not None:
                kind, key = target
                if kind == "term" and isinstance(key, int):
                    self.terms.select_source_row(key)
                elif kind == "claim" and isinstance(key, int):
                    self.claims.select_source_row(key)
                elif kind == "channel":
                    names = [c.name for c in self.channels_model.rows]
                    if key in names:
                        self.channels.select_source_row(names.index(key))
                else:
                    self._markable()[str(key)].setFocus()
            return
        self.tabs.setCurrentIndex(TABS.index("YAML"))
        block = self.yaml_view.document().findBlockByNumber(line - 1)
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.Right, n=max(0, column - 1))
        self.yaml_view.setTextCursor(cursor)
        self.yaml_view.setFocus()

    # ------------------------------------------------------------------ saving
    def _write(self, path: Path) -> bool:
        self.flush()
        if self._problems and not self._confirm_invalid_save():
            return False
        text = self.yaml_view.toPlainText()
        try:
            save_text(text, path)
        except OSError as exc:
            QMessageBox.critical(self, tr("Cannot save"),
                                 tr("Cannot save {0}: {1}", path, exc.strerror or exc))
            return False
        moved = self.path is None or Path(path).resolve() != self.path.resolve()
        self.path = Path(path)
        self._draft = False
        self._saved_text = text
        if moved:  # relative packs resolve from the new folder, problems name the new file
            self._validated_text = None
            self._apply_yaml()
            self.pathChanged.emit(self.path)
        self._update_title()
        return True

    def _confirm_invalid_save(self) -> bool:
        """A guide with errors is only written when the user explicitly says so."""
        shown = "\n".join(str(p) for p in self._problems[:5])
        more = len(self._problems) - 5
        if more > 0:
            shown += "\n" + tr("…and {0} more", more)
        box = QMessageBox(QMessageBox.Icon.Warning, tr("The guide has problems"),
                          tr_n(len(self._problems),
                               "This guide has {0} problem. `voicecheck` will refuse to use "
                               "it until it is fixed.",
                               "This guide has {0} problems. `voicecheck` will refuse to use "
                               "it until they are fixed."),
                          QMessageBox.StandardButton.Cancel, self)
        box.setInformativeText(shown)
        save_anyway = box.addButton(tr("Save Anyway"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is save_anyway

    def _update_title(self) -> None:
        dirty = self.is_dirty()
        name = str(self.path) if self.path else tr(
            "learned draft" if self._draft else "built-in default guide") + " " + tr(
            "(Save asks where)")
        self.path_label.setText(("● " if dirty else "") + name)
        self.save_button.setEnabled(True)
        if dirty != self._was_dirty:
            self._was_dirty = dirty
            self.dirtyChanged.emit(dirty)


# ---------------------------------------------------------------------- helpers
def _single_shot(parent: QWidget, ms: int, slot: Callable[[], None]) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(ms)
    timer.timeout.connect(slot)
    return timer


def _scroll(page: QWidget) -> QScrollArea:
    """Forms scroll at large font scales instead of squashing; extra height stays below."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(page)
    layout.addStretch(1)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(holder)
    return area


def _optional_spin() -> QSpinBox:
    """-1 shows as 'not set' (the special value) and means the key is left out."""
    spin = QSpinBox()
    spin.setRange(-1, 999)
    return spin


def _spin_value(v: int | None) -> int:
    return -1 if v is None else v


def _set_line(edit: QLineEdit, text: str) -> None:
    if edit.text() != text:
        edit.setText(text)


def _mark(widget: QWidget, messages: list[str] | None) -> None:
    """Outline a form field that a problem points at, with the message as tooltip."""
    custom = getattr(widget, "set_problem", None)
    if callable(custom):
        custom("\n".join(messages) if messages else "")
        return
    if messages:
        widget.setProperty("_vc_tip", widget.property("_vc_tip") or widget.toolTip() or "")
        widget.setStyleSheet(f"{type(widget).__name__} {{ border: 2px solid #dc322f; }}")
        widget.setToolTip(tooltip.plain("\n".join(messages)))
    elif widget.property("_vc_tip") is not None:
        widget.setStyleSheet("")
        widget.setToolTip(widget.property("_vc_tip"))
        widget.setProperty("_vc_tip", None)

