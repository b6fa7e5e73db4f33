"""QtCore with only the Qt translations the app loads (replaces PyInstaller's hook, which
takes every language): Simplified and Traditional Chinese, see voicecheck/gui/i18n.py."""

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

KEPT = ("qtbase_zh_CN.qm", "qtbase_zh_TW.qm")

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
datas = [entry for entry in datas
         if "/translations" not in entry[1].replace("\\", "/")
         or entry[0].replace("\\", "/").rsplit("/", 1)[-1] in KEPT]
