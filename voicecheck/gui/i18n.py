"""Chinese/English UI text: a dictionary switch, not Qt .ts files.

Source strings are English. `tr("Open…")` returns the Chinese entry when the UI
language is "zh" (in Traditional characters for "zh-Hant") and falls back to the English
text when an entry is missing, so an untranslated string is readable rather than blank.
`tr_n` picks English's singular or plural; Chinese has one form, keyed by the plural.
Widgets that show text implement `retranslate()`; the main window calls it on every
widget when the language changes. Qt's own words (file dialogs, standard buttons, the
editor's context menu) come from the translations PySide6 ships, switched with ours.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from ..guide.model import CATEGORIES, SEVERITIES, TONE_DIMENSIONS
from ..messages import TRADITIONAL, say, traditional
from ..messages import channel_label as messages_channel_label

LANGUAGES = {"en": "English", "zh": "简体中文", "zh-Hant": "繁體中文"}

ZH: dict[str, str] = {
    # workspaces and menus
    "Review": "审阅",
    "Batch": "批量",
    "Style guide": "风格指南",
    "&File": "文件(&F)",
    "&Edit": "编辑(&E)",
    "&Check": "检查(&C)",
    "&View": "视图(&V)",
    "&Help": "帮助(&H)",
    "Open Draft…": "打开草稿…",
    "Open Recent": "最近打开",
    "Clear Recent": "清除最近记录",
    "Save Draft": "保存草稿",
    "Save Draft As…": "草稿另存为…",
    "New Draft": "新建草稿",
    "Open Style Guide…": "打开风格指南…",
    "Use Built-in Guide": "使用内置指南",
    "Recover Autosaved Draft": "恢复自动保存的草稿",
    "Quit": "退出",
    "Undo": "撤销",
    "Redo": "重做",
    "Re-check Now": "立即重新检查",
    "Next Finding": "下一个问题",
    "Previous Finding": "上一个问题",
    "Convert to Channel Script": "转换为频道文字",
    "English Pipeline…": "英文分析模型…",
    "English Pipeline": "英文分析模型",
    "An installed spaCy English pipeline (a package such as en_core_web_sm, or a "
    "folder) adds part-of-speech rules and named entities. Leave empty for the "
    "style guide's choice.":
        "已安装的 spaCy 英文模型（如 en_core_web_sm 这样的包，或一个模型文件夹）可启用词性规则和"
        "命名实体识别。留空则使用风格指南的设置。",
    "spaCy pipeline '{0}' is not installed (pip install it, or name a pipeline folder).":
        "没有安装 spaCy 模型“{0}”（请用 pip 安装，或填写模型文件夹）。",
    "Convert Script": "转换文字",
    "Language": "语言",
    "Theme": "主题",
    "System": "跟随系统",
    "Light": "浅色",
    "Dark": "深色",
    "About voicecheck": "关于 voicecheck",
    "Style Guide Format": "风格指南格式",
    "Report Formats": "报告格式",
    "Keyboard Shortcuts": "键盘快捷键",
    "This page is not installed: {0}": "没有安装这一页：{0}",
    "Undo (a suggestion or a conversion too)": "撤销（也可撤销应用的建议或文字转换）",
    "Batch: run": "批量：运行",
    "Batch: cancel the run": "批量：取消运行",
    "Batch: open the post in Review": "批量：在审阅中打开文案",
    "Enter or double-click": "回车或双击",
    "Check social posts against your brand's style guide.":
        "按品牌风格指南检查社交媒体文案。",
    # review workspace
    "Channel": "频道",
    "default": "默认",
    "Type or paste a draft post here, or drop a .txt/.md file…":
        "在此输入或粘贴文案草稿，或拖入 .txt/.md 文件…",
    "Findings": "问题",
    "All categories": "全部类别",
    "All severities": "全部级别",
    "Apply Suggestion": "应用建议",
    "Ignore This Finding": "忽略此问题",
    "Show Ignored": "显示已忽略",
    "Stop Ignoring": "取消忽略",
    "{0} ignored findings are not counted": "已忽略的 {0} 个问题不计入得分",
    "Checking the draft…": "正在检查草稿…",
    "Replace with “{0}”": "替换为“{0}”",
    "No findings: the draft follows the guide.": "没有问题：草稿符合风格指南。",
    "{0} findings ({1} shown, {2} ignored)": "{0} 个问题（显示 {1} 个，忽略 {2} 个）",
    "whole post": "全文",
    "Score": "得分",
    "PASS": "通过",
    "FAIL": "未通过",
    "pass mark {0}": "及格线 {0}",
    "Categories": "类别",
    "Tone": "语气",
    "target {0}–{1}": "目标 {0}–{1}",
    "not measured": "未测量",
    "Preview": "预览",
    "{0} / {1}": "{0} / {1}",
    "{0} characters": "{0} 个字",
    "{0} over the limit": "超出 {0}",
    "folds here — “more”": "此处折叠 — “展开”",
    "Checking…": "检查中…",
    "Loading language tools…": "正在加载分词工具…",
    "Ready": "就绪",
    "Checked in {0} ms": "检查用时 {0} 毫秒",
    "Check failed: {0}": "检查失败：{0}",
    "Guide: {0}": "指南：{0}",
    "built-in default guide": "内置默认指南",
    "Restored the draft autosaved before the last unexpected exit.":
        "已恢复上次异常退出前自动保存的草稿。",
    "A draft was autosaved before the last unexpected exit: File ▸ Recover Autosaved Draft.":
        "上次异常退出前有自动保存的草稿：文件 ▸ 恢复自动保存的草稿。",
    "Cannot open {0}: {1}": "无法打开 {0}：{1}",
    "Cannot save {0}: {1}": "无法保存 {0}：{1}",
    "Saved {0}": "已保存 {0}",
    "Opened {0}": "已打开 {0}",
    "Drafts (*.txt *.md);;All files (*)": "草稿 (*.txt *.md);;所有文件 (*)",
    "Style guides (*.yaml *.yml);;All files (*)": "风格指南 (*.yaml *.yml);;所有文件 (*)",
    "The guide has problems": "风格指南有错误",
    "Unsaved draft": "草稿未保存",
    "The draft has unsaved changes. Save them?": "草稿有未保存的修改，是否保存？",
    "Converted to {0}": "已转换为 {0}",
    "Already in {0}": "已是 {0}",
    "Untitled": "未命名",
    "The post is scored as in the batch ({0}, {1}).": "按批量检查时的设置打分（{0}，{1}）。",
    "The style guide changed after the batch ran: the post is scored with the current one.":
        "批量检查之后风格指南改过了：这篇文案按当前的指南打分。",
    "{0} (from Batch)": "{0}（来自批量检查）",
    "{0} cannot hold every character now in the draft: saved as UTF-8.":
        "{0} 无法表示草稿中现有的全部字符：已另存为 UTF-8。",
    "The text changed here; re-check before applying.": "此处文字已改动，请重新检查后再应用。",
    "Workspace not available: {0}": "工作区不可用：{0}",
    "Suggestions:": "建议：",
    "Severity": "级别",
    "Category": "类别",
    "Text": "文字",
    "Message": "说明",
    "Line": "行",
}


# Qt's catalogs for our UI languages (qtbase: dialogs, buttons, text-edit menus).
QT_LOCALES = {"zh": "zh_CN", "zh-Hant": "zh_TW"}


class _Language(QObject):
    changed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.code = default_language()
        self.qt_translator: QTranslator | None = None  # a _QtCatalog


def default_language() -> str:
    """Chinese when the system locale is Chinese (Traditional for Taiwan, Hong Kong and
    Macau), else English."""
    system = QLocale.system()
    if system.language() != QLocale.Language.Chinese:
        return "en"
    traditional = system.script() == QLocale.Script.TraditionalChineseScript
    return "zh-Hant" if traditional else "zh"


_state: _Language | None = None


def language() -> _Language:
    """The process-wide language holder (created lazily, after QApplication exists)."""
    global _state
    if _state is None:
        _state = _Language()
    return _state


def set_language(code: str) -> None:
    if code not in LANGUAGES:
        code = "en"
    state = language()
    _use_qt_translation(state, code)
    if state.code != code:
        state.code = code
        state.changed.emit(code)


class _QtCatalog(QTranslator):
    """Qt's own catalog, also for labels it has only without their accelerator: the file
    dialog asks for "&Look in:", the catalog has "Look in:"."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        found = super().translate(context, source, disambiguation, n)
        if not found and "&" in source:
            found = super().translate(context, source.replace("&", ""), disambiguation, n)
        return found


def _use_qt_translation(state: _Language, code: str) -> None:
    """Qt's own texts in `code` (English needs none): replaces the previous catalog."""
    app = QCoreApplication.instance()
    if app is None:
        return
    if state.qt_translator is not None:
        app.removeTranslator(state.qt_translator)
        state.qt_translator = None
    if code not in QT_LOCALES:
        return
    translator = _QtCatalog(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(QT_LOCALES[code]), "qtbase", "_", folder):
        app.installTranslator(translator)
        state.qt_translator = translator


# Categories, severities and tone dimensions are named in the message catalog, so the
# app, the findings' messages and the reports use the same words.
_CATALOG_NAMES = {
    **{c: f"category/{c}" for c in CATEGORIES},
    **{s: f"severity/{s}" for s in SEVERITIES},
    **{d: f"tone.dimension/{d}" for d in TONE_DIMENSIONS},
}


def channel_label(key: str | None) -> str:
    """A channel as the UI shows it (Weibo, 微博, default profile); keys stay what files
    and JSON use."""
    return messages_channel_label(language().code, key)


def label(key: str) -> str:
    """Display name of a data key (category, severity, tone dimension) in the UI language."""
    code = language().code
    if code == "en" or key not in _CATALOG_NAMES:
        return tr(key.replace("_", " "))
    return say(code, _CATALOG_NAMES[key])


def chinese(text: str) -> str:
    """Chinese UI text (written in Simplified) in the script of the UI language."""
    return traditional(text) if language().code == TRADITIONAL else text


def lookup(text: str, table: Mapping[str, str] | None = None) -> str:
    """`text` in the UI language: from `table` (a workspace's own), then the shared one."""
    if language().code == "en":
        return text
    return chinese((table or {}).get(text) or ZH.get(text, text))


def tr(text: str, *args: object, table: Mapping[str, str] | None = None) -> str:
    """Translated `text`, with {0}… filled from args."""
    out = lookup(text, table)
    return out.format(*args) if args else out


def tr_n(n: int, one: str, other: str, *args: object,
         table: Mapping[str, str] | None = None) -> str:
    """Translated text about `n` things, {0} is n and {1}… the args: "1 finding",
    "2 findings"; Chinese entries are keyed by the plural."""
    text = one if n == 1 and language().code == "en" else lookup(other, table)
    return text.format(n, *args)
