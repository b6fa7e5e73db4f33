"""jieba's dictionary (replaces pyinstaller-hooks-contrib's hook, which also copies the
POS tagger's and keyword extractor's tables and the Paddle model as data). Its HMM
tables are Python modules and come along as code."""

from PyInstaller.utils.hooks import get_package_paths

datas = [(f"{get_package_paths('jieba')[1]}/dict.txt", "jieba")]
