"""Traditional characters in code labels and column headers, read as their simplified forms.

Some clerks type with a traditional-character input method or paste from a
Hong Kong or Taiwan template (戶口登記地, 本村(居)委會).  We read those values and
headers through a small curated map of the characters our labels and headers
use — never a general converter, and never on names: OpenCC's t2s turns the
surname 沈 into 沉 and 乾 into 干 (shared/reference/chinese-text-and-ids.md §5).

The map is data: ``tests/core/test_hanzi.py`` checks it against OpenCC's s2t,
s2tw and s2hk tables for every character of every label, alias and rule word,
so a label added later without its traditional form fails the suite.
"""

from __future__ import annotations

# traditional → simplified, for the characters of labels, header aliases and the rules' words.
TRADITIONAL = (
    "來個倫備兒別劃動務匯區參員單國園壯嬰孫學實專層屬嶽帶態戶掛據數時書會東棟業樓標機歷沒溫滿漢灣為烏無爲"
    "爾狀獨現瑤療盤碩碼稱築納級細組結統經維網線編緯縣總繪繳羅習聯職臺與薩號衛衞親計訓記話詳說説諾證識讀變"
    "費過達遷鄉醫錫鎮長門開間關隨險離電頗類養體鮮齡龍況兩資訊錄處雙擁齊鄰遊畢濟購勞還"
    "係繫註"  # 關係 聯繫 備註: OpenCC's s2t leaves 系 and 注 alone (one simplified form of several)
)
SIMPLIFIED = (
    "来个伦备儿别划动务汇区参员单国园壮婴孙学实专层属岳带态户挂据数时书会东栋业楼标机历没温满汉湾为乌无为"
    "尔状独现瑶疗盘硕码称筑纳级细组结统经维网线编纬县总绘缴罗习联职台与萨号卫卫亲计训记话详说说诺证识读变"
    "费过达迁乡医锡镇长门开间关随险离电颇类养体鲜龄龙况两资讯录处双拥齐邻游毕济购劳还"
    "系系注"
)
assert len(TRADITIONAL) == len(SIMPLIFIED)

TO_SIMPLIFIED = str.maketrans(TRADITIONAL, SIMPLIFIED)


def simplified(text: str) -> str:
    """The text with the traditional characters of labels and headers simplified (not for names)."""
    return text.translate(TO_SIMPLIFIED)
