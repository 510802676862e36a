"""Name pools for the fictional demo county 云泽旗 and its synthetic people.

Everything here is invented for training. The county name 云泽旗 ("Yunze Banner") is not a
real banner or county; place-name stems are generic words common all over North China and
Inner Mongolia, so no single real village is meant. The person pools mix Han names,
Mongolian names (some written 名·父名 with a middle dot, as on Inner Mongolian ID cards)
and a few rare characters outside GBK so screens, exports and fonts get exercised on the
GB 18030 repertoire (CJK Ext A and Ext B).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np


def _words(text: str) -> tuple[str, ...]:
    """Pools are written as space-separated words so they stay compact and easy to extend."""
    return tuple(text.split())


COUNTY_NAME = "云泽旗"
COUNTY_SHORT = "云泽"  # used in 云泽工业园区 etc.
SEAT_STREET = "城关街道"  # the street holding the county seat's old centre

# Townships (苏木/乡/镇/街道). The seat's street is SEAT_STREET; the others are drawn from here.
STREET_NAMES = _words(
    "新华街道 团结街道 和平街道 振华街道 友谊街道 青年街道 文化街道 "
    "建设街道 胜利街道 人民街道 民族街道 光明街道"
)
TOWN_NAMES = _words(
    "哈达图镇 白音昌镇 乌兰淖尔镇 红泥井镇 新民堡镇 大树湾镇 "
    "柳林滩镇 沙梁镇 召河镇 榆树沟镇 后营子镇 苏布尔镇"
)
SUMU_NAMES = _words(
    "阿日善苏木 巴音敖包苏木 锡林高勒苏木 额尔登苏木 查干淖尔苏木 "
    "宝日勒岱苏木 乌兰哈达苏木 那仁宝力格苏木 呼和陶勒盖苏木 "
    "塔林花苏木"
)

# Village stems; the suffix (社区 / 村 / 嘎查) is added by the generator.
COMMUNITY_STEMS = _words(
    "幸福 和谐 阳光 文苑 锦绣 光明 朝阳 新城 丽苑 民主 健康 "
    "繁荣 金桥 富强 康乐 春华 秋实 北苑 南苑 东河 西河 育才 "
    "兴旺 天骄 青城 湖畔 滨河 翠苑 惠民 安泰 华苑 园丁 钢苑 "
    "馨园 瑞祥 盛世 万和 嘉园 长青 迎宾"
)
VILLAGE_STEMS = _words(
    "东风 红星 前进 新民 永丰 太平 五星 长胜 丰收 兴隆 三合 "
    "四合 大井 小井 王家营子 李家圪旦 张家窑子 前营子 后营子 "
    "西沟门 北沙梁 南圪堵 二道河 三道沟 柳树湾 榆树林 杨树坝 "
    "刘家渠 赵家湾 郝家圪梁 白家壕 麻池 黄草洼 古城湾 海子湾 碱滩 "
    "公义明 双龙 德胜 复兴"
)
GACHA_STEMS = _words(
    "乌兰 巴音 查干 宝力格 额尔敦 朝鲁 那仁 阿拉坦 布日都 "
    "沙日塔拉 乌兰布拉格 呼和陶勒盖 敖包图 锡林 哈拉图 呼和 赛罕 "
    "图古日格 伊和 巴嘎 浩饶 乌力吉 塔林 吉日嘎朗 额很 希热 "
    "温都尔 达布希拉图 包日汗 乌日根"
)

# 专属网格 (dedicated grids): the first three follow the Wuhai pattern (school, hospital, park).
DEDICATED_SITES = _words(
    f"第一中学 旗医院 {COUNTY_SHORT}工业园区 蒙医医院 第二中学 职业技术学校 "
    "实验小学 妇幼保健院 火车站 物流园区 民族中学 汽车站"
)
INDUSTRIAL_SITE = f"{COUNTY_SHORT}工业园区"  # placed at the edge of town, not in the centre
VILLAGE_SUFFIX = {"community": "社区", "village": "村", "gacha": "嘎查"}

# Prefixes used only when a pool runs out (a larger county than the default).
_OVERFLOW_PREFIXES = ("新", "东", "西", "南", "北", "前", "后", "大", "小", "上", "下")

# ---- people ------------------------------------------------------------------------------

HAN_SURNAMES = _words(
    "王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 胡 朱 高 林 何 "
    "郭 马 罗 梁 宋 郑 谢 韩 唐 冯 于 董 萧 程 曹 袁 邓 "
    "许 傅 沈 曾 彭 吕 苏 卢 蒋 蔡 贾 丁 魏 薛 叶 阎 余 "
    "潘 杜 戴 夏 钟 汪 田 任 姜 范 方 石 姚 谭 廖 邹 熊 "
    "金 陆 郝 孔 白 崔 康 毛 邱 秦 江 史 顾 侯 邵 孟 龙 "
    "万 段 雷 钱 汤 尹 黎 易 常 武 乔 贺 赖 龚 文 云 奇 "
    "鲍"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "慕容", "呼延", "拓跋")
HAN_GIVEN_CHARS = _words(
    "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 "
    "秀 霞 平 刚 桂 英 华 建 国 志 红 文 玉 海 燕 鹏 辉 "
    "晓 春 亮 宁 婷 雪 琳 浩 宇 轩 梓 涵 欣 怡 博 子 晨 "
    "阳 佳 思 雨 嘉 俊 凯 瑞 慧"
)
# Less common but in GBK: names people really use; fonts usually have them.
UNCOMMON_GIVEN_CHARS = ("堃", "喆", "玥", "赟", "昇", "燊", "犇", "淼", "垚", "彧", "翀", "琬")
# Outside GBK (GB 18030 only: CJK Ext A / Ext B); many fonts lack them — that is the point.
RARE_GIVEN_CHARS = ("㛃", "䶮", "𠇔", "𠮷", "㵘", "𡒄")

MONGOLIAN_MALE_NAMES = _words(
    "巴特尔 朝鲁 额尔敦 苏和 宝音 那日苏 阿拉坦 布和 达来 孟和 "
    "特木尔 巴雅尔 呼和 满都拉 毕力格 斯日古楞 吉日嘎拉 格日乐图 "
    "乌力吉 哈斯巴根"
)
MONGOLIAN_FEMALE_NAMES = _words(
    "乌云 其其格 斯琴 萨仁 图雅 格日勒 敖登 娜仁 吉雅 高娃 乌兰 "
    "哈斯 都仁 塔娜 托娅 阿如娜 萨日娜 琪琪格"
)
MONGOLIAN_NAMES = MONGOLIAN_MALE_NAMES + MONGOLIAN_FEMALE_NAMES
# Full names written 名·父名 (given name · father's name), as some ID cards show them.
MONGOLIAN_DOTTED_NAMES = _words(
    "巴特尔·朝鲁 乌云·其其格 额尔敦·巴雅尔 斯琴·图雅 苏和·特木尔 娜仁·高娃 阿拉坦·仓 毕力格·巴特尔"
)


def pick_unique(pool: Sequence[str], n: int, rng: np.random.Generator) -> list[str]:
    """n distinct entries of pool in random order; extends with prefixed stems if too short."""
    order = [pool[i] for i in rng.permutation(len(pool))]
    if n <= len(order):
        return order[:n]
    taken = set(order)
    extra: list[str] = []
    for prefix in _OVERFLOW_PREFIXES:  # fixed order keeps the result deterministic
        for stem in order:
            name = prefix + stem
            if name not in taken:
                taken.add(name)
                extra.append(name)
            if len(order) + len(extra) == n:
                return order + extra
    raise ValueError(f"cannot make {n} distinct names from a pool of {len(pool)}")


def township_names(kinds: Sequence[str], rng: np.random.Generator) -> list[str]:
    """Names for townships of the given kinds ("street", "town", "sumu"), in that order.

    The first street is the seat's and is called SEAT_STREET.
    """
    pools = {"street": STREET_NAMES, "town": TOWN_NAMES, "sumu": SUMU_NAMES}
    drawn = {k: iter(pick_unique(pool, list(kinds).count(k), rng)) for k, pool in pools.items()}
    result = [next(drawn[k]) for k in kinds]
    if "street" in kinds:
        result[list(kinds).index("street")] = SEAT_STREET
    return result


def village_names(kinds: Sequence[str], rng: np.random.Generator) -> Iterator[str]:
    """Names for villages of the given kinds ("community", "village", "gacha"), in order.

    Stems are drawn without replacement per kind, so names are unique in the whole county.
    """
    pools = {"community": COMMUNITY_STEMS, "village": VILLAGE_STEMS, "gacha": GACHA_STEMS}
    drawn = {k: iter(pick_unique(pool, list(kinds).count(k), rng)) for k, pool in pools.items()}
    return iter([next(drawn[k]) + VILLAGE_SUFFIX[k] for k in kinds])


def dedicated_sites(count: int) -> list[str]:
    """Sites for count 专属网格: the named ones first, then numbered service areas."""
    sites = list(DEDICATED_SITES[:count])
    return sites + [f"第{k}专属服务区" for k in range(1, count - len(sites) + 1)]


def random_person_name(
    rng: np.random.Generator, *, mongolian_share: float = 0.15, rare_share: float = 0.02
) -> str:
    """A synthetic full name: mostly Han, some Mongolian, now and then a rare character."""
    roll = rng.random()
    if roll < mongolian_share:
        if rng.random() < 0.25:
            return str(rng.choice(MONGOLIAN_DOTTED_NAMES))
        return str(rng.choice(MONGOLIAN_NAMES))
    surname = str(rng.choice(COMPOUND_SURNAMES if rng.random() < 0.01 else HAN_SURNAMES))
    chars = [str(rng.choice(HAN_GIVEN_CHARS)) for _ in range(int(rng.integers(1, 3)))]
    if rng.random() < rare_share:
        chars[-1] = str(rng.choice(RARE_GIVEN_CHARS))
    elif rng.random() < 0.05:
        chars[-1] = str(rng.choice(UNCOMMON_GIVEN_CHARS))
    return surname + "".join(chars)
