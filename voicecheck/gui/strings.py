"""Chinese text for the guide editor and batch workspaces, on top of gui/i18n.py.

Source strings are English. `tr()` follows the app-wide UI language from gui/i18n.py
and looks here first, then in i18n's shared table, then falls back to the English.
"""

from __future__ import annotations

from . import i18n

ZH: dict[str, str] = {
    # guide editor
    "General": "概览",
    "Terms": "术语",
    "Channels": "频道",
    "Promotion": "促销用语",
    "YAML": "YAML",
    "Save": "保存",
    "Save As…": "另存为…",
    "Save Style Guide As": "风格指南另存为",
    "Valid": "有效",
    "{0} problems": "{0} 个问题",
    "Problems": "问题",
    "built-in default guide": "内置默认指南",
    "(Save asks where)": "（保存时选择位置）",
    "The YAML has errors: the forms show the last version that could be read and are "
    "read-only until the YAML is fixed.":
        "YAML 有错误：表单显示最后一个可读取的版本，修正 YAML 之前为只读。",
    "Edits here update the forms after a short pause. Form edits "
    "rewrite only the lines they change; comments elsewhere are kept.":
        "在此编辑，稍停后表单随之更新。在表单中编辑只会改写相应的行，其他地方的注释都会保留。",
    "The findings are in the language of the last run; run again to read them in this one.":
        "问题说明仍是上次运行时的语言；再运行一次即可显示为当前语言。",
    "Brand name": "品牌名称",
    "Brand name by language": "各语言品牌名",
    "Default language": "默认语言",
    "Packs (extends)": "规则包（extends）",
    "Voice summary": "语气概述",
    "Tone targets": "语气目标",
    "Pass mark": "及格线",
    "no target": "无目标",
    "inherits voice": "沿用总体语气",
    "Formality": "正式度",
    "Enthusiasm": "热情度",
    "Warmth": "亲和度",
    "Customer focus": "以客户为中心",
    "casual → formal": "随意 → 正式",
    "matter-of-fact → excited": "平实 → 兴奋",
    "cold → warm": "冷淡 → 温暖",
    "about us → about you": "谈自己 → 谈客户",
    "Search terms…": "搜索术语…",
    "Add Term": "添加术语",
    "Delete": "删除",
    "Prefer": "推荐用词",
    "Avoid": "避免用词",
    "Case": "区分大小写",
    "Exceptions": "例外",
    "Note": "备注",
    "The word to use; per language as 'zh-Hans: 会员; zh-Hant: 會員'":
        "应使用的词；分语言写作 'zh-Hans: 会员; zh-Hant: 會員'",
    "Words to flag, comma-separated": "要标记的词，用逗号分隔",
    "Why, shown with the finding; per language as 'en: …; zh: …'":
        "原因说明，随问题一起显示；分语言写作 'en: …; zh: …'",
    "Match upper/lower case exactly": "严格区分大小写",
    "Longer phrases that contain an avoided word but are fine":
        "包含避免用词但可以使用的较长短语",
    "Write one preferred word, or 'locale: word' pairs": "请写一个推荐词，或“语言: 词”对",
    "Search channels…": "搜索频道…",
    "Add Channel": "添加频道",
    "Max chars": "字数上限",
    "Fold at": "折叠位置",
    "Title chars": "标题字数",
    "Counting": "计数方式",
    "Hashtag": "话题标签",
    "Max #": "话题上限",
    "Max @": "提及上限",
    "Links": "链接",
    "(guide default)": "（指南默认）",
    "(none)": "（无）",
    "Where the feed preview cuts the post": "信息流预览截断的位置",
    "The first line is a title of at most this length": "第一行是标题，最多这么多字",
    "twitter: CJK and emoji count 2, links count 23":
        "twitter：中日韩文字和表情算 2，链接算 23",
    "Most hashtags allowed": "允许的最多话题数",
    "Most mentions allowed": "允许的最多提及数",
    "Links allowed in the post": "允许在文案中放链接",
    "A channel needs a name": "频道需要名称",
    "There is already a channel named '{0}'": "已有名为“{0}”的频道",
    "Tone overrides for {0}": "{0} 的语气覆盖",
    "Tone overrides (select a channel)": "语气覆盖（请选择频道）",
    "Most exclamation marks": "感叹号上限",
    "Most emoji": "表情上限",
    "not set": "未设置",
    "Never flag (comma-separated)": "从不标记（逗号分隔）",
    "Extra banned claims": "额外禁用说法",
    "Search claims…": "搜索说法…",
    "Add Claim": "添加说法",
    "Claim": "说法",
    "Suggestions": "建议",
    "Unsaved style guide": "风格指南未保存",
    "The style guide {0} has unsaved changes. Save them?": "风格指南 {0} 有未保存的修改，是否保存？",
    "This guide has {0} problems. `voicecheck` will refuse to use it until they are fixed.":
        "此指南有 {0} 个问题，修正之前 voicecheck 将拒绝使用它。",
    "…and {0} more": "…还有 {0} 个",
    "Save Anyway": "仍然保存",
    "Save the guide (backup kept as .bak)": "保存指南（旧版本保留为 .bak）",
    "Cannot save": "无法保存",
    # term base, learning a guide, trends (issue 15)
    "Admitted": "许可用词",
    "Deprecated": "不推荐用词",
    "Forbidden": "禁用词",
    "Part of speech": "词性",
    "Definition": "定义",
    "Id": "编号",
    "(not set)": "（未设置）",
    "What an avoided word costs": "出现避免用词时的扣分级别",
    "Words to flag at this term's severity, comma-separated": "按此条的级别标出的词，用逗号分隔",
    "Also fine: never flagged, and an avoided word inside one is not flagged either":
        "同样可用：不会被标出，其中包含的避免用词也不会被标出",
    "Flagged as warnings": "标为警告",
    "Flagged as errors": "标为错误",
    "What the term means, for the people who write; per language as 'en: …; zh: …'":
        "这个术语的含义，供撰稿人参考；分语言写作 'en: …; zh: …'",
    "The entry's id in a term base (TBX); optional": "术语库（TBX）中的条目编号，可不填",
    "Import Terms…": "导入术语…",
    "Export Terms…": "导出术语…",
    "Import Terms": "导入术语",
    "Export Terms": "导出术语",
    "Fold a term base (TBX or CSV) into these terms": "把术语库（TBX 或 CSV）并入这些术语",
    "Write these terms as a TBX-Basic or CSV term base": "把这些术语导出为 TBX-Basic 或 CSV 术语库",
    "Term bases (*.tbx *.csv *.tsv);;All files (*)": "术语库 (*.tbx *.csv *.tsv);;所有文件 (*)",
    "TBX term base (*.tbx);;CSV, UTF-8 (*.csv)": "TBX 术语库 (*.tbx);;CSV，UTF-8 (*.csv)",
    "Cannot import {0}": "无法导入 {0}",
    "Cannot export": "无法导出",
    "Imported {0}: {1} added, {2} replaced": "已导入 {0}：新增 {1} 条，替换 {2} 条",
    "Learn from Posts…": "从文案学习…",
    "Learn Style Guide from Posts…": "从文案学习风格指南…",
    "Propose a guide from a folder of approved posts": "根据一个已审核文案的文件夹，提议一份风格指南",
    "learned draft": "学习得到的草稿",
    "Learn a Style Guide from Posts": "从文案学习风格指南",
    "Folder of approved posts": "已审核文案所在文件夹",
    "Brand name (optional: else the name the posts use most)": "品牌名称（可不填：默认取文案中最常用的名称）",
    "Learn": "学习",
    "Choose a folder of posts that were approved, then Learn.": "选择一个已审核文案的文件夹，然后点“学习”。",
    "Proposal": "提议",
    "Value": "取值",
    "Why": "依据",
    "Posts": "文案",
    "Open as Draft Guide": "作为草稿指南打开",
    "Learning: {0}…": "正在学习：{0}…",
    "Cancelling…": "正在取消…",
    "Cancelled.": "已取消。",
    "Choose a folder of approved posts": "选择已审核文案的文件夹",
    "{0} proposals from {1} posts. As proposed, every post passes the draft.":
        "从 {1} 篇文案得出 {0} 条提议。按提议全部采用时，每篇文案都能通过这份草稿。",
    "{0} proposals from {1} posts; {2} posts still fail the draft.":
        "从 {1} 篇文案得出 {0} 条提议；仍有 {2} 篇文案通不过这份草稿。",
    "Posts: {0}": "文案：{0}",
    "Brand": "品牌",
    "Rule packs": "规则包",
    "Contacts allowed": "允许的联系方式",
    "Trends": "趋势",
    "The history cannot be read: {0}": "无法读取历史记录：{0}",
    "No runs of this folder yet: each run is recorded here, on this computer, and its trends "
    "are shown.": "这个文件夹还没有检查记录：每次检查都会记录在本机，并在这里显示趋势。",
    "{0} runs of this folder": "这个文件夹检查过 {0} 次",
    ", {0} to {1}": "，{0} 至 {1}",
    ".": "。",
    "; the guide changed {0} times": "；其间风格指南改过 {0} 次",
    "Pass rate by channel (%)": "各频道通过率（%）",
    "Mean score by channel": "各频道平均分",
    "Rule": "规则",
    "Last run": "最近一次",
    "Change": "变化",
    "Findings per run": "每次的问题数",
    "Rules rising and falling since the run before the last": "与上上次相比，问题增多和减少的规则",
    "No rule rose or fell since the run before the last.": "与上上次相比，没有规则的问题数变化。",
    "This run is not in the history: {0}": "这次检查没有记入历史：{0}",
    # batch
    "Folder of exported posts (.txt, .md, .csv, .json, .xlsx) — or drop one here":
        "导出文案所在文件夹（.txt、.md、.csv、.json、.xlsx），也可拖入",
    "Choose Folder…": "选择文件夹…",
    "Choose a folder of posts": "选择文案文件夹",
    "Default channel": "默认频道",
    "From files and folders": "按文件和文件夹",
    "Workers": "进程数",
    "Run": "运行",
    "Cancel": "取消",
    "Export…": "导出…",
    "Export Report": "导出报告",
    "HTML report for the client (*.html)": "给客户的 HTML 报告 (*.html)",
    "HTML report, internal (*.html)": "内部 HTML 报告 (*.html)",
    "Export failed": "导出失败",
    "Exported {0}": "已导出 {0}",
    "Choose a .html, .json or .csv file name": "请选择 .html、.json 或 .csv 文件名",
    "Search posts…": "搜索文案…",
    "Failing only": "只看未通过",
    "Post": "文案",
    "Result": "结果",
    "Top finding": "主要问题",
    "Finding posts…": "正在查找文案…",
    "Checking {0}…": "正在检查 {0}…",
    "No such folder: {0}": "文件夹不存在：{0}",
    "Cancelling… posts already sent to workers finish first":
        "正在取消…已分派的文案会先检查完",
    "Cancelled before any post was checked.": "在检查任何文案之前已取消。",
    "Cancelled: {1} of {0} posts checked ({2} failed).":
        "已取消：检查了 {0} 篇中的 {1} 篇（{2} 篇未通过）。",
    "Checked {0} posts in {1}: {2} passed, {3} failed, {4} skipped.":
        "用时 {1} 检查了 {0} 篇：{2} 篇通过，{3} 篇未通过，跳过 {4} 个。",
    "Skipped files ({0})": "跳过的文件（{0}）",
    "about {0} left": "约剩 {0}",
    "{0} s": "{0} 秒",
    "{0} min {1} s": "{0} 分 {1} 秒",
    "{0} h {1} min": "{0} 小时 {1} 分",
    "Batch stopped": "批量检查已停止",
    "The style guide changed after this run: run again to score the posts with it.":
        "风格指南在这次运行之后改过了：再运行一次，才会按新的指南打分。",
    "{0} posts had no channel and were checked against the default profile: name their "
    "channel with a sub-folder (weibo/, x/, 小红书/), a channel column or front matter, or "
    "choose a Default channel above.":
        "有 {0} 篇文案没有指定频道，按默认配置检查：可以用频道子文件夹（weibo/、x/、小红书/）、"
        "频道列或文件开头的 front matter 指定频道，或在上方选择默认频道。",
    "The batch stopped: {0}": "批量检查已停止：{0}",
}


def tr(text: str, *args: object) -> str:
    """Translated `text`, with {0}… filled from args."""
    return i18n.tr(text, *args, table=ZH)


def tr_n(n: int, one: str, other: str, *args: object) -> str:
    """Translated text about `n` things ({0} is n): "1 problem", "2 problems"."""
    return i18n.tr_n(n, one, other, *args, table=ZH)
